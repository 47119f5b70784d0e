package io.eventbunker.logback;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * The sender thread: drains the queue and POSTs each event on a request thread, keeping at most
 * {@code maxInFlight} requests on the wire so that the API's round trip does not cap throughput.
 * Transient failures go back to the front of the line behind one shared {@link Backoff}.
 *
 * <p>With a spool, what runs out of retries or is left at shutdown goes there instead of failing,
 * and when there is nothing else to send, the spool's events are replayed — also as the single
 * probe of a failing endpoint, so that a recovery is noticed without new events.
 *
 * <p>The thread parks when there is nothing to do; producers wake it only when it is idle, so a
 * busy appender costs logging threads no wake-ups and a quiet one sends within microseconds.
 */
final class EventSender {
  /** Also how often the console hears of losses at the most: see {@link ConsoleReporter}. */
  private static final long IDLE_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);

  /**
   * The end of the shutdown timeout kept for closing: first responses already on their way may
   * still arrive, then what is still in flight is cancelled. At most half the timeout.
   */
  private static final long CLOSING_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  /** At shutdown, how long to wait for room in the spool's hand-off for what is left. */
  private static final long SPOOL_HANDOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

  private static final String WRITE_KEY_HEADER = "x-eventbunker-write-key";

  private final AppenderSettings settings;
  private final EventQueue queue;
  private final @Nullable Spool spool;
  private final ClientSource client;
  private final Accounting accounting;
  private final Backoff backoff;
  private final WriteKeyGate writeKey;
  private final ConsoleReporter console;
  private final String userAgent;
  private final EventEncoder encoder;

  /** Events whose own backoff is over, to be sent before new ones. */
  private final ConcurrentLinkedDeque<TrackedEvent> retries = new ConcurrentLinkedDeque<>();

  /** Events waiting out their own backoff; removed by whoever takes one, exactly once. */
  private final Set<TrackedEvent> backingOff = ConcurrentHashMap.newKeySet();

  private final Map<TrackedEvent, Exchange> inFlightRequests = new ConcurrentHashMap<>();

  /** Runs each POST, and each event whose backoff is over; the pipeline shuts it down. */
  private final ExecutorService requestThreads;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final Thread thread;

  private volatile boolean idle;
  private volatile boolean stopping;
  private volatile long stopDeadlineNanos;
  private volatile long closeDeadlineNanos;
  private volatile boolean closed;
  private volatile long strandDeadlineNanos;

  /** The sender thread's own: when it last told the console of losses. */
  private long lossesCheckedNanos;

  EventSender(
      AppenderSettings settings,
      EventQueue queue,
      @Nullable Spool spool,
      ClientSource client,
      ExecutorService requestThreads,
      Accounting accounting,
      ConsoleReporter console,
      String userAgent) {
    this.settings = settings;
    this.requestThreads = requestThreads;
    this.queue = queue;
    this.spool = spool;
    this.client = client;
    this.accounting = accounting;
    this.console = console;
    this.userAgent = userAgent;
    this.writeKey = new WriteKeyGate(settings.maxInFlight());
    this.encoder = new EventEncoder(settings.maxEventBytes());
    this.backoff =
        new Backoff(settings.retryPolicy(), () -> ThreadLocalRandom.current().nextDouble());
    this.thread = new Thread(this::run, "eventbunker-sender-" + settings.appenderName());
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /**
   * Called by producers after queueing, and by the spool when replayed events are ready: wakes the
   * thread only if it went to sleep.
   */
  void eventQueued() {
    if (idle) {
      LockSupport.unpark(thread);
    }
  }

  /** True once the thread has given up on the queue; later events must not be left in it. */
  boolean isClosed() {
    return closed;
  }

  int inFlight() {
    return inFlight.get();
  }

  /**
   * Delivers what is left within {@code timeout} (the shutdown timeout, unless the caller has spent
   * part of it already), then fails the rest (or hands it to the spool). Returns when the thread
   * has finished: within the timeout, plus the hand-off to the spool when there is one. The
   * caller's interrupt does not cut it short.
   *
   * @return whether the thread has finished; if not, what it uses must not be shut down
   */
  boolean stop(long timeout) {
    long now = System.nanoTime();
    closeDeadlineNanos = now + timeout;
    stopDeadlineNanos = now + timeout - Math.min(CLOSING_NANOS, timeout / 2);
    stopping = true;
    LockSupport.unpark(thread);
    long handoff = spool == null ? 0 : SPOOL_HANDOFF_NANOS;
    // The thread keeps the deadlines; this bound only guards against it hanging.
    return Threads.joinUninterruptibly(thread, timeout + handoff + TimeUnit.SECONDS.toNanos(1));
  }

  /**
   * Adds the events the sender holds besides the queue: waiting for a retry, and in flight. Weakly
   * consistent, like the collections it reads.
   */
  void collectUnsettled(List<TrackedEvent> into) {
    into.addAll(retries);
    into.addAll(backingOff);
    into.addAll(inFlightRequests.keySet());
  }

  private void run() {
    try {
      warmUp();
      preconnect();
      deliverUntilStopped();
    } catch (Throwable e) { // an Error too: whatever the loop leaves, close() settles
      accounting.status().warn("EventBunker sender thread failed: " + scrub(String.valueOf(e)));
    } finally {
      close();
    }
  }

  /**
   * Builds the client and loads what the first request needs (JSON, the request builder, TLS) while
   * the application starts, so that the first event does not wait for it in a cold JVM.
   */
  private void warmUp() {
    HttpClient http = client.get(); // what fails here fails every event: run() settles them
    try {
      encoder.encode(
          new TrackedEvent(
              "warm-up", System.currentTimeMillis(), null, new String[0], new Object[0], 0));
      request(new byte[0]);
      if ("https".equalsIgnoreCase(settings.endpoint().getScheme())) {
        http.sslContext().createSSLEngine();
      }
    } catch (RuntimeException e) {
      // Only a head start: the first request does the same, and reports what fails.
    }
  }

  /**
   * Opens the connection (and the TLS session) before the first event needs it, with a HEAD request
   * that carries no key and whose answer is ignored. Only when nothing waits to be sent yet:
   * otherwise the first event opens the connection itself, with no extra request.
   */
  private void preconnect() {
    if (!queue.isEmpty() || (spool != null && spool.hasReplay())) {
      return;
    }
    HttpRequest head =
        HttpRequest.newBuilder(settings.endpoint())
            .timeout(settings.requestTimeout())
            .header("User-Agent", userAgent)
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      requestThreads.execute(
          () -> {
            try {
              client.get().send(head, HttpResponse.BodyHandlers.discarding());
            } catch (IOException | RuntimeException e) {
              // The first event tries again, and says what fails.
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt(); // the pool's shutdown: nothing left to warm
            }
          });
    } catch (RuntimeException e) {
      // Stopped already: nothing to warm.
    }
  }

  private void deliverUntilStopped() {
    while (true) {
      // A stray interrupt is not a stop (stopping is): cleared, or every park would return at once.
      Thread.interrupted();
      long now = System.nanoTime();
      tellConsoleOfLosses(now);
      long waitNanos = IDLE_PARK_NANOS;
      if (stopping) {
        waitNanos = stopDeadlineNanos - now;
        if (waitNanos <= 0
            || (queue.isEmpty()
                && retries.isEmpty()
                && backingOff.isEmpty()
                && inFlight.get() == 0)) {
          return;
        }
      }
      long closedFor = backoff.closedForNanos(now);
      if (closedFor > 0) {
        LockSupport.parkNanos(this, Math.min(waitNanos, closedFor));
        continue;
      }
      int limit = backoff.isFailing() ? 1 : writeKey.window();
      if (inFlight.get() >= limit) {
        LockSupport.parkNanos(this, waitNanos); // a completing request wakes us
        continue;
      }
      // Not while stopping: spooled events are safe where they are. Not while the key is refused
      // (until it is known to work, the window is one request anyway). Not while an event waits
      // out its backoff: a failed replayed event goes again before the next one, so the replay
      // keeps the spool's order.
      Spool replaying =
          spool != null && !stopping && !writeKey.isPaused(now) && backingOff.isEmpty()
              ? spool
              : null;
      TrackedEvent next = retries.pollFirst();
      if (next == null) {
        next = queue.poll();
      }
      if (next == null && replaying != null) {
        next = replaying.nextReplayed();
      }
      if (next != null) {
        dispatch(next, now);
        continue;
      }
      idle = true;
      // Checked after announcing idleness, so no wake-up is missed.
      if (queue.isEmpty() && !(replaying != null && replaying.hasReplay())) {
        LockSupport.parkNanos(this, waitNanos);
      }
      idle = false;
    }
  }

  /** At most once a second, on this thread: never on a logging thread, which must not do I/O. */
  private void tellConsoleOfLosses(long now) {
    if (now - lossesCheckedNanos < IDLE_PARK_NANOS) {
      return;
    }
    lossesCheckedNanos = now;
    String latest = accounting.lastLoss();
    if (latest != null) {
      console.lossesSoFar(accounting.counts(), latest);
    }
  }

  /** Sends one event; whatever goes wrong settles that event, never the loop. */
  private void dispatch(TrackedEvent event, long now) {
    try {
      send(event, now);
    } catch (Throwable e) {
      accounting.failed(event, "it could not be sent: " + scrub(String.valueOf(e)), 0);
    }
  }

  // The stages chained below return futures of their own, which carry nothing: completed() settles
  // every outcome, failures included.
  @SuppressWarnings("FutureReturnValueIgnored")
  private void send(TrackedEvent event, long now) {
    if (writeKey.isPaused(now)) {
      if (event.origin() != null && spool != null && spool.offer(event)) {
        return; // replayed before the 401: back to the spool, not rejected unsent
      }
      accounting.rejected(event, writeKeyMessage("the write key was refused earlier"), 401);
      return;
    }
    if (event.json() == null) {
      String unsendable = encoder.encode(event);
      if (unsendable != null) {
        accounting.rejected(event, unsendable, 0);
        return;
      }
    }
    HttpRequest request = request(Objects.requireNonNull(event.json()));
    event.attempt(now);
    inFlight.incrementAndGet();
    Exchange exchange =
        new Exchange(event, request, backoff.generation(), writeKey.generation(), now);
    inFlightRequests.put(event, exchange);
    try {
      exchange.running = requestThreads.submit(exchange);
    } catch (RuntimeException e) {
      exchange.settle(null, e);
      return;
    }
    // The request timeout covers the wait for response headers only; this one covers a body that
    // never finishes, by interrupting the exchange.
    CompletableFuture<Void> watchdog =
        new CompletableFuture<Void>()
            .completeOnTimeout(null, settings.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
    watchdog.thenRun(exchange::cancel);
    exchange.watchdog = watchdog;
    if (exchange.settled.get()) {
      watchdog.cancel(false); // settled before the watchdog was set: it would wait out the timeout
    }
  }

  private HttpRequest request(byte[] json) {
    return HttpRequest.newBuilder(settings.endpoint())
        .timeout(settings.requestTimeout())
        .header("Content-Type", "application/json")
        .header("User-Agent", userAgent)
        .header(WRITE_KEY_HEADER, settings.writeKey())
        .POST(HttpRequest.BodyPublishers.ofByteArray(json))
        .build();
  }

  /**
   * One POST, on a request thread, with the blocking {@code HttpClient.send}. Not {@code
   * sendAsync}: it hands every response to CompletableFuture's default executor, which starts a new
   * thread per task when ForkJoinPool's common parallelism is below 2 — on every machine or
   * container with 2 CPUs or fewer. {@code send} completes the exchange on the calling thread, and
   * the request threads are reused.
   */
  private final class Exchange implements Runnable {
    final TrackedEvent event;
    final HttpRequest request;
    final long generation;
    final long keyGeneration;
    final long sentNanos;
    final AtomicBoolean settled = new AtomicBoolean();
    volatile @Nullable Future<?> running;
    volatile @Nullable Future<?> watchdog;

    Exchange(
        TrackedEvent event,
        HttpRequest request,
        long generation,
        long keyGeneration,
        long sentNanos) {
      this.event = event;
      this.request = request;
      this.generation = generation;
      this.keyGeneration = keyGeneration;
      this.sentNanos = sentNanos;
    }

    @Override
    public void run() {
      try {
        settle(client.get().send(request, HttpResponse.BodyHandlers.ofString()), null);
      } catch (InterruptedException e) {
        // By cancel(), which has settled it, or by the pool's shutdown at stop(); the pool clears
        // the interrupt before its next task.
        settle(null, new CancellationException("interrupted"));
      } catch (IOException | RuntimeException | Error e) {
        settle(null, e);
      }
    }

    /**
     * Stops the exchange unless it has settled; the client aborts an interrupted send. A settled
     * one is not interrupted: its request thread may be handling the response.
     */
    void cancel() {
      if (settle(null, new CancellationException("cancelled"))) {
        Future<?> current = running;
        if (current != null) {
          current.cancel(true);
        }
      }
    }

    /**
     * Exactly once per exchange, from whichever of run() and cancel() comes first.
     *
     * @return whether this call settled it
     */
    boolean settle(@Nullable HttpResponse<String> reply, @Nullable Throwable failure) {
      if (!settled.compareAndSet(false, true)) {
        return false;
      }
      Future<?> timer = watchdog;
      if (timer != null) {
        timer.cancel(false);
      }
      completed(this, reply, failure);
      return true;
    }
  }

  private void completed(
      Exchange exchange, @Nullable HttpResponse<String> reply, @Nullable Throwable failure) {
    TrackedEvent event = exchange.event;
    long now = System.nanoTime();
    try {
      if (reply != null) {
        accounting.response(reply.statusCode(), now - exchange.sentNanos);
        handleResponse(exchange, reply, now);
      } else {
        accounting.response(0, now - exchange.sentNanos);
        transientFailure(
            event, exchange.generation, 0, describe(failure), -1, cannotConnect(failure), now);
      }
    } catch (Throwable e) {
      accounting.failed(
          event, "unexpected error handling the response: " + scrub(String.valueOf(e)), 0);
    } finally {
      // Only now, so that flush() finds the event here or waiting for its retry, never in between.
      inFlightRequests.remove(event, exchange); // a retry may have put a new one
      inFlight.decrementAndGet();
      LockSupport.unpark(thread);
    }
  }

  private void handleResponse(Exchange exchange, HttpResponse<String> reply, long now) {
    TrackedEvent event = exchange.event;
    long generation = exchange.generation;
    int status = reply.statusCode();
    if (status >= 200 && status < 300) {
      backoff.onSuccess();
      writeKey.onAccepted(exchange.keyGeneration);
      accounting.delivered(event, status, TrackResponse.receipt(reply.body()));
    } else if (status == 401) {
      String explanation = writeKeyMessage("EventBunker answered 401: " + serverMessage(reply));
      if (writeKey.onRefused(exchange.keyGeneration, now)) {
        accounting.writeKeyRejected(true);
        console.writeKeyRefused(explanation);
      }
      if (event.origin() != null && spool != null && spool.offer(event)) {
        return; // a replayed event stays in the spool: the key may be mended
      }
      accounting.rejected(event, explanation, status);
    } else if (status == 429 || status == 503) {
      long retryAfter =
          TrackResponse.retryAfterNanos(
              reply.headers().firstValue("Retry-After").orElse(null), System.currentTimeMillis());
      transientFailure(
          event,
          generation,
          status,
          "HTTP " + status + " " + serverMessage(reply),
          settings.retryPolicy().capRetryAfter(retryAfter),
          false,
          now);
    } else if (status == 408 || status >= 500) {
      transientFailure(
          event, generation, status, "HTTP " + status + " " + serverMessage(reply), -1, false, now);
    } else {
      // 400 and other client errors: the same request would fail again, and retrying risks
      // duplicates of whatever the server did accept.
      accounting.rejected(event, "HTTP " + status + " " + serverMessage(reply), status);
    }
  }

  /**
   * A failure worth another attempt: the event waits out its own randomised backoff (so one 500
   * among successes delays only that event), while {@link Backoff} decides whether the endpoint
   * looks down for everyone.
   */
  private void transientFailure(
      TrackedEvent event,
      long generation,
      int status,
      String reason,
      long retryAfterNanos,
      boolean cannotConnect,
      long now) {
    if (closed) {
      strandOrFail(event, "was in flight", status);
      return;
    }
    long gate = backoff.onFailure(generation, retryAfterNanos, cannotConnect, now);
    long own =
        Math.max(
            retryAfterNanos,
            settings
                .retryPolicy()
                .backoffNanos(event.attempts(), () -> ThreadLocalRandom.current().nextDouble()));
    if (settings
        .retryPolicy()
        .allowsRetry(event.attempts(), now - event.firstAttemptNanos(), Math.max(gate, own))) {
      accounting.retrying(event, reason);
      backingOff.add(event);
      if (closed) {
        strandLeftovers(); // the thread may have finished before our event reached the set
        return;
      }
      // Not the default executor: see Exchange.
      CompletableFuture.delayedExecutor(own, TimeUnit.NANOSECONDS, requestThreads)
          .execute(() -> backoffOver(event));
    } else if (spool == null || !spool.offer(event)) {
      accounting.failed(
          event,
          "gave up after "
              + event.attempts()
              + " attempt(s) over "
              + TimeUnit.NANOSECONDS.toMillis(now - event.firstAttemptNanos())
              + " ms (retryMaxAttempts "
              + settings.retryPolicy().maxAttempts()
              + ", retryTimeout): "
              + reason,
          status);
    }
  }

  private void backoffOver(TrackedEvent event) {
    if (backingOff.remove(event)) {
      retries.addLast(event);
      if (closed) {
        strandLeftovers(); // the thread may have finished before our event reached the deque
      }
      LockSupport.unpark(thread);
    }
  }

  /**
   * Hands everything the thread leaves behind to the spool, or fails it when there is none; runs
   * once, on the sender thread. Responses already on their way get the closing part of the shutdown
   * timeout to arrive, so that an event the server took is counted delivered; what is still in
   * flight at its end is cancelled.
   */
  private void close() {
    long now = System.nanoTime();
    long end = stopping ? closeDeadlineNanos : now + CLOSING_NANOS; // or the thread failed
    strandDeadlineNanos = now + SPOOL_HANDOFF_NANOS;
    closed = true;
    strandLeftovers();
    // The last fifth is for cancelling: exchanges that settle concurrently finish their callbacks.
    awaitInFlight(end - Math.max(0, end - System.nanoTime()) / 5);
    for (Exchange exchange : inFlightRequests.values()) {
      // A cancel that settles the exchange strands its event (transientFailure, once closed); one
      // that lost to a response leaves the event that response's outcome.
      exchange.cancel();
    }
    awaitInFlight(end);
  }

  private void awaitInFlight(long untilNanos) {
    long remaining;
    while (inFlight.get() > 0 && (remaining = untilNanos - System.nanoTime()) > 0) {
      LockSupport.parkNanos(this, remaining);
    }
  }

  // A concurrent set, whose iteration tolerates removal; remove() tells whether this thread won it.
  @SuppressWarnings("ModifyCollectionInEnhancedForLoop")
  private void strandLeftovers() {
    for (TrackedEvent waiting : backingOff) {
      if (backingOff.remove(waiting)) {
        strandOrFail(waiting, "was waiting for a retry", 0);
      }
    }
    TrackedEvent event;
    while ((event = retries.pollFirst()) != null) {
      strandOrFail(event, "was waiting for a retry", 0);
    }
    while ((event = queue.poll()) != null) {
      strandOrFail(event, "was still queued", 0);
    }
  }

  private void strandOrFail(TrackedEvent event, String where, int status) {
    if (spool == null || !spool.strand(event, strandDeadlineNanos)) {
      accounting.failed(event, shutdownMessage(where), status);
    }
  }

  /** No connection could be made at all: the endpoint is down or unreachable for everyone. */
  private static boolean cannotConnect(@Nullable Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof HttpConnectTimeoutException
          || t instanceof UnresolvedAddressException) {
        return true;
      }
    }
    return false;
  }

  private String shutdownMessage(String where) {
    return "the event "
        + where
        + " when the time to deliver at shutdown ran out (shutdownTimeout "
        + TimeUnit.NANOSECONDS.toMillis(settings.shutdownTimeoutNanos())
        + " ms); raise shutdownTimeout to give delivery more time at shutdown";
  }

  private String writeKeyMessage(String what) {
    return what
        + ". The write key is wrong, or is a query or delete key rather than a write key:"
        + " create a write key in the EventBunker web UI and set it as writeKey (or"
        + " eventbunker.write-key). Events are rejected without being sent for "
        + TimeUnit.NANOSECONDS.toSeconds(WriteKeyGate.PAUSE_NANOS)
        + " s after a 401, then the key is tried again";
  }

  /** The server's text, never containing the write key even if a server echoes it. */
  private String serverMessage(HttpResponse<String> reply) {
    return scrub(TrackResponse.errorMessage(reply.body()));
  }

  private String describe(@Nullable Throwable failure) {
    Throwable innermost = failure;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      innermost = t;
      if (t instanceof CancellationException) {
        return "no complete response within requestTimeout (" + settings.requestTimeout() + ")";
      } else if (t instanceof HttpConnectTimeoutException) {
        return "could not connect within connectTimeout (" + settings.connectTimeout() + ")";
      } else if (t instanceof HttpTimeoutException) {
        return "no response within requestTimeout (" + settings.requestTimeout() + ")";
      } else if (t instanceof SSLException) {
        return scrub(
            "TLS failed with "
                + settings.endpoint().getHost()
                + " (is its certificate trusted by this JVM?): "
                + t.getMessage());
      } else if (t instanceof ConnectException) {
        return "could not connect to " + settings.endpoint().getAuthority() + " (" + t + ")";
      }
    }
    return scrub(String.valueOf(innermost));
  }

  private String scrub(String text) {
    return text.replace(settings.writeKey(), "***");
  }
}
