package io.eventbunker.testkit;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A local stand-in for the EventBunker track API: {@code POST /post} answers as the hosted API
 * does, accepted events are kept in memory for assertions, and latency, errors, 429s and outages
 * can be injected. A live inbox page is served at {@code GET /}.
 *
 * <pre>{@code
 * try (EventBunkerReceiver receiver =
 *     EventBunkerReceiver.builder().writeKey("k").build().start()) {
 *   // point the code under test at receiver.endpoint() with write key "k", then:
 *   ReceivedEvent signup = receiver.awaitEvent("signup", Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Fault settings can be changed from any thread while requests are served. {@link #reset()}
 * restores them to what the receiver was built with.
 *
 * <p>With {@link Builder#tls()} it serves HTTPS (HTTP/1.1 only: the JDK's server has no HTTP/2)
 * with a certificate generated at start; {@link #clientSslContext()} trusts it.
 */
public final class EventBunkerReceiver implements AutoCloseable {
  /** Default port: {@value}, any free port; read the chosen one from {@link #port()}. */
  public static final int DEFAULT_PORT = 0;

  /** Default address to listen on: {@value}, so nothing outside this machine can send events. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The write key accepted when none is configured: {@value}. */
  public static final String DEFAULT_WRITE_KEY = "test-write-key";

  /** Default number of events kept before the oldest are evicted: {@value}. */
  public static final int DEFAULT_MAX_EVENTS = 10_000;

  /** Default {@code Retry-After} of injected 429 responses: one second. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

  // Request handling never blocks on latency (see Responder), so a few threads serve many clients.
  static final int HTTP_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  // The JDK's default accept backlog (50) drops connections when a benchmark opens hundreds at
  // once.
  private static final int ACCEPT_BACKLOG = 1024;
  private static final long CLOSE_TIMEOUT_SECONDS = 5;
  private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";
  private static final System.Logger LOG = System.getLogger(EventBunkerReceiver.class.getName());

  /** How the receiver behaves during an outage. */
  public enum OutageMode {
    /** Answer every track request with 503 Service Unavailable. */
    SERVICE_UNAVAILABLE,
    /** Close the connection without answering, as a crashed or unreachable server would. */
    CLOSE_CONNECTION
  }

  private final ReceiverConfig config;
  private final FaultInjector faults;
  private final EventStore store;
  private final StatusCounters counters = new StatusCounters();
  private boolean started;
  private boolean closed;
  private @Nullable HttpServer server;
  private @Nullable ExecutorService httpThreads;
  private @Nullable ScheduledExecutorService latencyTimer;
  private @Nullable EventsFile eventsFile;
  private @Nullable ReceiverTls tls;
  private volatile @Nullable URI baseUri;

  EventBunkerReceiver(ReceiverConfig config) {
    this.config = config;
    this.faults = new FaultInjector(config.faults, config.outageWindows, config.outageMode);
    this.store = new EventStore(config.maxEvents);
  }

  /**
   * A builder with the defaults above: any free port on 127.0.0.1, write key {@value
   * #DEFAULT_WRITE_KEY}.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts listening. A receiver starts once; build another for a fresh start.
   *
   * @return this receiver, for {@code builder()...build().start()}
   * @throws UncheckedIOException when the port cannot be bound, the events file not opened, or with
   *     TLS the certificate not generated or the key store not read
   */
  public synchronized EventBunkerReceiver start() {
    if (started || closed) {
      throw new IllegalStateException(
          "This receiver was already started or closed; build a new one to start another");
    }
    InetSocketAddress address = new InetSocketAddress(config.host, config.port);
    if (address.isUnresolved()) {
      throw new UncheckedIOException(
          "Cannot listen on " + config.host + ": unknown host",
          new UnknownHostException(config.host));
    }
    // HttpServer writes headers and body as separate packets; with Nagle's algorithm on, every
    // keep-alive response then waits ~40 ms for the client's delayed ACK. The JDK reads this
    // property when the JVM's first HttpServer is created; a value the user set is kept.
    if (System.getProperty(NO_DELAY_PROPERTY) == null) {
      System.setProperty(NO_DELAY_PROPERTY, "true");
    }
    ReceiverTls serverTls = config.tls ? ReceiverTls.create(config, address) : null;
    HttpServer httpServer;
    try {
      httpServer = createServer(address, serverTls);
    } catch (IOException e) {
      if (serverTls != null) {
        serverTls.close();
      }
      throw new UncheckedIOException(
          "Cannot listen on " + config.host + ":" + config.port + ": " + e.getMessage(), e);
    }
    tls = serverTls;
    if (config.eventsFile != null) {
      try {
        eventsFile = EventsFile.open(config.eventsFile);
      } catch (IOException e) {
        httpServer.stop(0);
        if (serverTls != null) {
          serverTls.close();
        }
        throw new UncheckedIOException(
            "Cannot open the events file " + config.eventsFile + ": " + e, e);
      }
    }
    int port = httpServer.getAddress().getPort();
    String threadPrefix = "eventbunker-receiver-" + port;
    httpThreads =
        Executors.newFixedThreadPool(
            HTTP_THREADS, NamedThreadFactory.numbered(threadPrefix + "-http"));
    latencyTimer =
        Executors.newSingleThreadScheduledExecutor(
            NamedThreadFactory.single(threadPrefix + "-latency"));
    Responder responder = new Responder(latencyTimer, httpThreads);
    TrackEndpoint track = new TrackEndpoint(config, faults, store, counters, eventsFile, responder);
    httpServer.createContext("/", new Router(track, new Inbox(store, counters)));
    httpServer.setExecutor(httpThreads);
    faults.markStarted();
    httpServer.start();
    server = httpServer;
    baseUri =
        baseUri(serverTls != null ? "https" : "http", httpServer.getAddress().getAddress(), port);
    started = true;
    return this;
  }

  private static HttpServer createServer(InetSocketAddress address, @Nullable ReceiverTls tls)
      throws IOException {
    if (tls == null) {
      return HttpServer.create(address, ACCEPT_BACKLOG);
    }
    HttpsServer server = HttpsServer.create(address, ACCEPT_BACKLOG);
    server.setHttpsConfigurator(new HttpsConfigurator(tls.certificate().serverSslContext()));
    return server;
  }

  private static URI baseUri(String scheme, InetAddress address, int port) {
    // Clients cannot connect to the wildcard address; loopback reaches a wildcard listener.
    String host = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    return URI.create(scheme + "://" + host + ":" + port + "/");
  }

  /** The port the receiver listens on. */
  public int port() {
    return requireStarted().getPort();
  }

  /**
   * The track API URL to configure in the code under test: {@code http://127.0.0.1:PORT/post}, or
   * {@code https://} with TLS.
   */
  public URI endpoint() {
    return requireStarted().resolve(TrackEndpoint.PATH.substring(1));
  }

  /** The live inbox page: {@code http://127.0.0.1:PORT/}, or {@code https://} with TLS. */
  public URI inbox() {
    return requireStarted();
  }

  /**
   * The certificate served with {@link Builder#tls()}: where its trust store and PEM file are, for
   * clients in other processes. The files are deleted by {@link #close()}.
   *
   * @throws IllegalStateException when the receiver is not started, or serves plain HTTP
   */
  public TestCertificate certificate() {
    requireStarted();
    ReceiverTls serverTls = tls;
    if (serverTls == null) {
      throw new IllegalStateException(
          "This receiver serves plain HTTP: build it with tls() to serve HTTPS");
    }
    return serverTls.certificate();
  }

  /**
   * TLS for a client that trusts this receiver's certificate and no other: {@code
   * HttpClient.newBuilder().sslContext(receiver.clientSslContext())}.
   *
   * @throws IllegalStateException when the receiver is not started, or serves plain HTTP
   */
  public SSLContext clientSslContext() {
    return certificate().clientSslContext();
  }

  private URI requireStarted() {
    URI uri = baseUri;
    if (uri == null) {
      throw new IllegalStateException("The receiver is not started yet: call start() first");
    }
    return uri;
  }

  /** The accepted events still held, oldest first; an immutable snapshot. */
  public List<ReceivedEvent> events() {
    return store.snapshot();
  }

  /**
   * Waits until at least {@code count} events are held and returns them all, oldest first.
   *
   * @throws AssertionError when fewer arrived within the timeout; the message lists what did and
   *     the last rejection, if any
   */
  public List<ReceivedEvent> awaitEvents(int count, Duration timeout) throws InterruptedException {
    if (count < 1 || count > store.capacity()) {
      throw new IllegalArgumentException(
          "count must be between 1 and maxEvents ("
              + store.capacity()
              + "), got "
              + count
              + "; older events are evicted beyond maxEvents");
    }
    List<ReceivedEvent> events = store.awaitCount(count, timeoutNanos(timeout));
    if (events == null) {
      throw new AssertionError(
          "Expected at least " + count + " events within " + timeout + " but " + received());
    }
    return events;
  }

  /**
   * Waits for an event named {@code name} and returns the oldest one held.
   *
   * @throws AssertionError when none arrived within the timeout; the message lists what did and the
   *     last rejection, if any
   */
  public ReceivedEvent awaitEvent(String name, Duration timeout) throws InterruptedException {
    if (name == null) {
      throw new IllegalArgumentException("name must not be null");
    }
    ReceivedEvent event = store.awaitNamed(name, timeoutNanos(timeout));
    if (event == null) {
      throw new AssertionError(
          "Expected an event named \"" + name + "\" within " + timeout + " but " + received());
    }
    return event;
  }

  private static long timeoutNanos(Duration timeout) {
    FaultSettings.requireNonNegative("timeout", timeout);
    return FaultSettings.saturatedNanos(timeout);
  }

  private String received() {
    List<ReceivedEvent> events = store.snapshot();
    String names =
        events.stream().map(ReceivedEvent::name).collect(Collectors.joining(", ", "[", "]"));
    String lastRejection = counters.lastRejection();
    return "received "
        + events.size()
        + ": "
        + names
        + (lastRejection == null ? "" : "; last rejected request: " + lastRejection);
  }

  /**
   * Forgets all events and counts, restores the fault settings the receiver was built with and ends
   * an outage started by {@link #startOutage}. The events file is left as it is.
   */
  public void reset() {
    store.clear();
    counters.reset();
    faults.reset();
  }

  /** Requests answered 200. */
  public long acceptedCount() {
    return counters.accepted();
  }

  /** Requests answered 400 because the body failed validation. */
  public long badRequestCount() {
    return counters.badRequest();
  }

  /** Requests answered 401 because the write key was missing, unknown or not a write key. */
  public long unauthorizedCount() {
    return counters.unauthorized();
  }

  /** Requests answered by fault injection: 429, 500, 503 or a closed connection. */
  public long injectedFaultCount() {
    return counters.injectedFaults();
  }

  /** Accepted events dropped because more than {@code maxEvents} were held. */
  public long evictedCount() {
    return store.evicted();
  }

  /** Delays every track response by {@code latency}. */
  public void setLatency(Duration latency) {
    faults.update(settings -> settings.withLatency(latency, latency));
  }

  /** Delays every track response by a time drawn uniformly from {@code min} to {@code max}. */
  public void setLatency(Duration min, Duration max) {
    faults.update(settings -> settings.withLatency(min, max));
  }

  /** Answers this fraction of track requests (0 to 1) with 500 and does not record their events. */
  public void setErrorRate(double rate) {
    faults.update(settings -> settings.withErrorRate(rate));
  }

  /** Answers this fraction of track requests (0 to 1) with 429 and a {@code Retry-After} header. */
  public void setTooManyRequestsRate(double rate) {
    faults.update(settings -> settings.withTooManyRequestsRate(rate));
  }

  /** The {@code Retry-After} of injected 429 responses, in whole seconds. */
  public void setRetryAfter(Duration retryAfter) {
    faults.update(settings -> settings.withRetryAfter(retryAfter));
  }

  /** Goes down for {@code duration}, in the outage mode the receiver was built with. */
  public void startOutage(Duration duration) {
    faults.startOutage(duration, config.outageMode);
  }

  /** Goes down for {@code duration} in the given mode. */
  public void startOutage(Duration duration, OutageMode mode) {
    faults.startOutage(duration, mode);
  }

  /** Ends an outage started by {@link #startOutage} early; outage windows are not affected. */
  public void endOutage() {
    faults.endOutage();
  }

  /**
   * Stops listening, drops responses still waiting for their latency and closes the events file.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    HttpServer httpServer = server;
    ScheduledExecutorService timer = latencyTimer;
    ExecutorService threads = httpThreads;
    if (httpServer == null || timer == null || threads == null) {
      return; // never started
    }
    httpServer.stop(0);
    timer.shutdownNow();
    threads.shutdownNow();
    // The events file is closed only once no request thread can still be writing to it.
    awaitTermination(timer);
    awaitTermination(threads);
    if (tls != null) {
      tls.close();
    }
    if (eventsFile != null) {
      try {
        eventsFile.close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "Could not close the events file", e);
      }
    }
  }

  private static void awaitTermination(ExecutorService threads) {
    try {
      if (!threads.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        LOG.log(
            System.Logger.Level.WARNING,
            "Receiver threads did not stop within " + CLOSE_TIMEOUT_SECONDS + " seconds");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Configures a receiver; every setter checks its value at once. */
  public static final class Builder {
    private int port = DEFAULT_PORT;
    private String host = DEFAULT_HOST;
    private final Set<String> writeKeys = new LinkedHashSet<>();
    private final Set<String> queryKeys = new LinkedHashSet<>();
    private final Set<String> deleteKeys = new LinkedHashSet<>();
    private int maxEvents = DEFAULT_MAX_EVENTS;
    private @Nullable Path eventsFile;
    private FaultSettings faults = FaultSettings.NONE;
    private OutageMode outageMode = OutageMode.SERVICE_UNAVAILABLE;
    private final List<OutageWindow> outageWindows = new ArrayList<>();
    private boolean tls;
    private @Nullable Path keyStore;
    private String keyStorePassword = "";

    private Builder() {}

    /**
     * The port to listen on, 0 for any free one. Default {@value EventBunkerReceiver#DEFAULT_PORT}.
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(
            "port must be between 0 and 65535 (0 picks a free port), got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The address to listen on. Default {@value EventBunkerReceiver#DEFAULT_HOST}; 0.0.0.0 listens
     * on all.
     */
    public Builder host(String host) {
      if (host == null || host.isEmpty()) {
        throw new IllegalArgumentException("host must not be empty");
      }
      this.host = host;
      return this;
    }

    /**
     * Accepts this write key; call again for more. Without any, {@value
     * EventBunkerReceiver#DEFAULT_WRITE_KEY} is accepted.
     */
    public Builder writeKey(String key) {
      addKey(writeKeys, "write", key);
      return this;
    }

    /** A query key: track requests with it get the API's "Please use a write key" 401. */
    public Builder queryKey(String key) {
      addKey(queryKeys, "query", key);
      return this;
    }

    /** A delete key: track requests with it get the API's "Please use a write key" 401. */
    public Builder deleteKey(String key) {
      addKey(deleteKeys, "delete", key);
      return this;
    }

    private void addKey(Set<String> keys, String role, String key) {
      if (key == null || key.isEmpty()) {
        throw new IllegalArgumentException(role + " key must not be empty");
      }
      String existingRole =
          writeKeys.contains(key)
              ? "write"
              : queryKeys.contains(key) ? "query" : deleteKeys.contains(key) ? "delete" : null;
      if (existingRole != null && !existingRole.equals(role)) {
        throw new IllegalArgumentException(
            "key \"" + key + "\" is already a " + existingRole + " key; a key has one role");
      }
      keys.add(key);
    }

    /** How many accepted events are kept; the oldest are evicted (and counted) beyond it. */
    public Builder maxEvents(int maxEvents) {
      if (maxEvents < 1) {
        throw new IllegalArgumentException("maxEvents must be positive, got " + maxEvents);
      }
      this.maxEvents = maxEvents;
      return this;
    }

    /** Also appends each accepted event to this file as one JSON line. Default: no file. */
    public Builder eventsFile(Path eventsFile) {
      if (eventsFile == null) {
        throw new IllegalArgumentException("eventsFile must not be null");
      }
      this.eventsFile = eventsFile;
      return this;
    }

    /** Delays every track response by {@code latency}. Default none. */
    public Builder latency(Duration latency) {
      faults = faults.withLatency(latency, latency);
      return this;
    }

    /** Delays every track response by a time drawn uniformly from {@code min} to {@code max}. */
    public Builder latency(Duration min, Duration max) {
      faults = faults.withLatency(min, max);
      return this;
    }

    /** Answers this fraction of track requests (0 to 1) with 500. Default 0. */
    public Builder errorRate(double rate) {
      faults = faults.withErrorRate(rate);
      return this;
    }

    /** Answers this fraction of track requests (0 to 1) with 429. Default 0. */
    public Builder tooManyRequestsRate(double rate) {
      faults = faults.withTooManyRequestsRate(rate);
      return this;
    }

    /** The {@code Retry-After} of injected 429s, in whole seconds. Default one second. */
    public Builder retryAfter(Duration retryAfter) {
      faults = faults.withRetryAfter(retryAfter);
      return this;
    }

    /** How outages behave. Default {@link OutageMode#SERVICE_UNAVAILABLE}. */
    public Builder outageMode(OutageMode outageMode) {
      if (outageMode == null) {
        throw new IllegalArgumentException("outageMode must not be null");
      }
      this.outageMode = outageMode;
      return this;
    }

    /**
     * Goes down from {@code from} until {@code until} after {@link EventBunkerReceiver#start()};
     * call again for more windows.
     */
    public Builder outageWindow(Duration from, Duration until) {
      outageWindows.add(new OutageWindow(from, until));
      return this;
    }

    /**
     * Serves HTTPS instead of HTTP, with a self-signed certificate generated at start for
     * localhost, 127.0.0.1, ::1 and the host listened on. {@link
     * EventBunkerReceiver#clientSslContext()} trusts it. HTTP/1.1 only. Default: plain HTTP.
     */
    public Builder tls() {
      this.tls = true;
      this.keyStore = null;
      this.keyStorePassword = "";
      return this;
    }

    /**
     * Serves HTTPS with the first key and certificate of this PKCS12 key store; the key's password
     * must be the store's. {@link TestCertificate#keyStore()} is one.
     */
    public Builder tls(Path keyStore, String password) {
      if (keyStore == null) {
        throw new IllegalArgumentException("keyStore must not be null");
      }
      if (password == null) {
        throw new IllegalArgumentException("key store password must not be null");
      }
      this.tls = true;
      this.keyStore = keyStore;
      this.keyStorePassword = password;
      return this;
    }

    /**
     * A receiver with these settings, not yet listening: call {@link EventBunkerReceiver#start()}.
     */
    public EventBunkerReceiver build() {
      return new EventBunkerReceiver(config());
    }

    ReceiverConfig config() {
      return new ReceiverConfig(
          port,
          host,
          writeKeys.isEmpty() ? Set.of(DEFAULT_WRITE_KEY) : writeKeys,
          queryKeys,
          deleteKeys,
          maxEvents,
          eventsFile,
          faults,
          outageMode,
          outageWindows,
          tls,
          keyStore,
          keyStorePassword);
    }
  }
}
