package io.eventbunker.core.internal;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP client: the user's, or one the appender builds on first use and closes at stop. Built on
 * the sender thread, not in {@code start()}: in a fresh JVM building it takes about 300 ms (most of
 * it the default TLS context, even for http), which the application's startup thread should not
 * wait for.
 */
final class ClientSource {
  private final @Nullable HttpClient userClient;
  private final AppenderSettings settings;
  private final ThreadFactory ownedThreads;
  private volatile @Nullable HttpClient built;
  private volatile @Nullable ExecutorService ownedExecutor;
  private volatile boolean closed;

  /**
   * @param ownedThreads the threads of the client built here, unused with a user's client
   */
  ClientSource(
      @Nullable HttpClient userClient, AppenderSettings settings, ThreadFactory ownedThreads) {
    this.userClient = userClient;
    this.settings = settings;
    this.ownedThreads = ownedThreads;
  }

  /** The client; builds the appender's own on the first call. */
  HttpClient get() {
    if (userClient != null) {
      return userClient;
    }
    HttpClient client = built;
    if (client == null) {
      synchronized (this) {
        client = built;
        if (closed) {
          throw new IllegalStateException("the appender has stopped");
        }
        if (client == null) {
          client = build();
          built = client;
        }
      }
    }
    return client;
  }

  private HttpClient build() {
    // A cached pool, as the JDK client's default: bench/ measured a fixed pool of two at 0.64 of
    // the in-flight bound at 35 ms latency against 0.93-0.97 with this one (with sendAsync; since
    // requests moved to send(), the client still hands its selector's work to it).
    ExecutorService executor = Executors.newCachedThreadPool(ownedThreads);
    ownedExecutor = executor;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            // Never: a redirect would carry the write key to another host.
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor);
    InetSocketAddress proxy = settings.proxy();
    if (proxy != null) {
      builder.proxy(ProxySelector.of(proxy));
    } // else the JDK's default selector: -Dhttps.proxyHost and the like keep working
    return builder.build();
  }

  /** Closes what was built here; a user's client is theirs to close. */
  synchronized void close(StatusReporter status) {
    closed = true;
    ExecutorService executor = ownedExecutor;
    if (executor != null) {
      executor.shutdownNow();
    }
    HttpClient client = built;
    built = null; // before Java 21 its selector thread ends only once the client is unreachable
    if (client instanceof AutoCloseable) { // Java 21 and later
      try {
        ((AutoCloseable) client).close();
      } catch (Exception e) {
        status.warn("Closing the EventBunker HTTP client failed: " + e);
      }
    }
  }
}
