package io.eventbunker.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends responses, now or after the injected latency. A delayed response waits on a timer, not on a
 * server thread, so hundreds of requests can be in their latency at once.
 */
final class Responder {
  private static final System.Logger LOG = System.getLogger(EventBunkerReceiver.class.getName());

  private final ScheduledExecutorService timer;
  private final Executor senders;

  Responder(ScheduledExecutorService timer, Executor senders) {
    this.timer = timer;
    this.senders = senders;
  }

  // The scheduled task's future carries nothing: sendOnServerThread handles its own failures.
  @SuppressWarnings("FutureReturnValueIgnored")
  void send(HttpExchange exchange, Response response, long delayNanos) {
    if (delayNanos <= 0) {
      write(exchange, response);
      return;
    }
    try {
      timer.schedule(
          () -> sendOnServerThread(exchange, response), delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      exchange.close();
    }
  }

  // The timer thread only hands over: a slow client must never hold up other delayed responses.
  private void sendOnServerThread(HttpExchange exchange, Response response) {
    try {
      senders.execute(() -> write(exchange, response));
    } catch (RejectedExecutionException closing) {
      exchange.close();
    }
  }

  static void write(HttpExchange exchange, Response response) {
    try {
      Headers headers = exchange.getResponseHeaders();
      headers.set("Content-Type", response.contentType);
      response.headers.forEach(headers::set);
      // A length of 0 would mean "chunked" to HttpServer; -1 means no body. A HEAD (an
      // appender opening its connection early) gets none: HttpServer warns on the application's
      // console when a HEAD answer announces one.
      boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
      exchange.sendResponseHeaders(
          response.status, head || response.body.length == 0 ? -1 : response.body.length);
      try (OutputStream body = exchange.getResponseBody()) {
        if (!head) {
          body.write(response.body);
        }
      }
    } catch (IOException clientGone) {
      LOG.log(
          System.Logger.Level.DEBUG, "Client went away before its response was sent", clientGone);
    } finally {
      exchange.close();
    }
  }
}
