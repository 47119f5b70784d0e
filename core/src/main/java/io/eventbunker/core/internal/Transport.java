package io.eventbunker.core.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * The wire: builds each POST, sends it, and describes what went wrong in words a user can act on.
 * The only holder of the write key, and the only place that could print it: every text that leaves
 * goes through {@link #scrub}.
 */
final class Transport {
  private static final String WRITE_KEY_HEADER = "x-eventbunker-write-key";

  private final AppenderSettings settings;
  private final ClientSource client;
  private final String userAgent;

  Transport(AppenderSettings settings, ClientSource client, String userAgent) {
    this.settings = settings;
    this.client = client;
    this.userAgent = userAgent;
  }

  HttpRequest request(byte[] json) {
    return HttpRequest.newBuilder(settings.endpoint())
        .timeout(settings.requestTimeout())
        .header("Content-Type", "application/json")
        .header("User-Agent", userAgent)
        .header(WRITE_KEY_HEADER, settings.writeKey())
        .POST(HttpRequest.BodyPublishers.ofByteArray(json))
        .build();
  }

  /** One exchange, on the calling thread; the body is read up to {@link BoundedBody#MAX_BYTES}. */
  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return client.get().send(request, BoundedBody.HANDLER);
  }

  /**
   * Builds the client and loads what the first request needs (the request builder, TLS), so that
   * the first event does not wait for it in a cold JVM. What fails here fails every event: the
   * caller settles them.
   */
  void warmUp() {
    HttpClient http = client.get();
    try {
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
   * that carries no key and whose answer is ignored.
   */
  void preconnect(Executor requestThreads) {
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

  /** No connection could be made at all: the endpoint is down or unreachable for everyone. */
  static boolean cannotConnect(@Nullable Throwable failure) {
    return anyCause(
        failure,
        t ->
            t instanceof ConnectException
                || t instanceof HttpConnectTimeoutException
                || t instanceof UnresolvedAddressException);
  }

  /** The HTTP/2 server's stream limit was reached: the request was not sent (JDK-8225647). */
  static boolean isStreamLimit(@Nullable Throwable failure) {
    return anyCause(
        failure,
        t ->
            t instanceof IOException
                && t.getMessage() != null
                && t.getMessage().contains("too many concurrent streams"));
  }

  /** TLS failed: a certificate or protocol problem, which retrying does not mend. */
  static boolean isTlsFailure(@Nullable Throwable failure) {
    return anyCause(failure, t -> t instanceof SSLException);
  }

  private static boolean anyCause(@Nullable Throwable failure, Predicate<Throwable> test) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (test.test(t)) {
        return true;
      }
    }
    return false;
  }

  /** What went wrong with an exchange that got no response, naming the setting involved. */
  String describe(@Nullable Throwable failure) {
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
                + " (is its certificate valid for that name, and trusted by this JVM?): "
                + t.getMessage());
      } else if (t instanceof ConnectException) {
        return "could not connect to " + settings.endpoint().getAuthority() + " (" + t + ")";
      }
    }
    return scrub(String.valueOf(innermost));
  }

  /** The text without the write key, even where a server or an exception echoes it. */
  String scrub(String text) {
    return text.replace(settings.writeKey(), "***");
  }
}
