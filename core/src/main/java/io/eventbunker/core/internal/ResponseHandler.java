package io.eventbunker.core.internal;

import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Acts on each ended exchange as its {@link ResponseClassifier} verdict says: counts it delivered
 * or rejected, schedules another attempt, or pauses sending for a refused key or an answer that is
 * not the API's, saying so once. Runs on the request thread that got the answer.
 */
final class ResponseHandler {
  private final AppenderSettings settings;
  private final @Nullable Spool spool;
  private final Transport transport;
  private final Accounting accounting;
  private final Backoff backoff;
  private final EndpointGate gate;
  private final ConsoleReporter console;
  private final RetryScheduler retries;
  private final Leftovers leftovers;
  private final IntSupplier inFlight;

  ResponseHandler(
      AppenderSettings settings,
      @Nullable Spool spool,
      Transport transport,
      Accounting accounting,
      Backoff backoff,
      EndpointGate gate,
      ConsoleReporter console,
      RetryScheduler retries,
      Leftovers leftovers,
      IntSupplier inFlight) {
    this.settings = settings;
    this.spool = spool;
    this.transport = transport;
    this.accounting = accounting;
    this.backoff = backoff;
    this.gate = gate;
    this.console = console;
    this.retries = retries;
    this.leftovers = leftovers;
    this.inFlight = inFlight;
  }

  private boolean backToSpool(TrackedEvent event) {
    return event.origin() != null && spool != null && spool.offer(event);
  }

  /** Settles the event of an exchange that has ended: with a response, or without one. */
  void handle(
      Exchange exchange, @Nullable HttpResponse<String> reply, @Nullable Throwable failure) {
    TrackedEvent event = exchange.event;
    long now = System.nanoTime();
    if (reply != null) {
      accounting.response(reply.statusCode(), now - exchange.sentNanos);
      answered(exchange, reply, now);
      return;
    }
    accounting.response(0, now - exchange.sentNanos);
    if (Transport.isStreamLimit(failure) && !leftovers.isClosed()) {
      // Never sent: no failure of the endpoint's, and no backoff. The server had room for the
      // others in flight.
      gate.limitStreams(inFlight.getAsInt() - 1);
      accounting.retrying(event, transport.describe(failure));
      retryAfter(event, 0, 0);
    } else if (Transport.isTlsFailure(failure) && !leftovers.isClosed()) {
      notTheApi(exchange, transport.describe(failure), now); // retrying mends no certificate
    } else {
      transientFailure(
          event,
          exchange.backoffGeneration,
          0,
          transport.describe(failure),
          -1,
          Transport.cannotConnect(failure),
          now);
    }
  }

  /** For an event dispatched while the key is known to be refused: no request is made. */
  void keyRefusedEarlier(TrackedEvent event) {
    if (!backToSpool(event)) { // replayed before the 401: back to the spool, not rejected unsent
      accounting.rejected(event, writeKeyMessage("the write key was refused earlier"), 401);
    }
  }

  private void answered(Exchange exchange, HttpResponse<String> reply, long now) {
    TrackedEvent event = exchange.event;
    int status = reply.statusCode();
    String contentType = reply.headers().firstValue("Content-Type").orElse(null);
    switch (ResponseClassifier.classify(status, contentType, reply.body())) {
      case DELIVERED:
        backoff.onSuccess();
        gate.onAccepted(exchange.gateGeneration);
        accounting.delivered(event, status, TrackResponse.receipt(reply.body()));
        break;
      case KEY_REFUSED:
        keyRefused(exchange, reply, now);
        break;
      case REJECTED:
        // The same request would fail again, and retrying risks duplicates of what was accepted.
        accounting.rejected(event, "HTTP " + status + " " + serverMessage(reply), status);
        break;
      case RETRY:
        long retryAfter =
            TrackResponse.retryAfterNanos(
                reply.headers().firstValue("Retry-After").orElse(null), System.currentTimeMillis());
        transientFailure(
            event,
            exchange.backoffGeneration,
            status,
            "HTTP " + status + " " + serverMessage(reply),
            settings.retryPolicy().capRetryAfter(retryAfter),
            false,
            now);
        break;
      case NOT_THE_API:
        notTheApi(exchange, notTheApiMessage(reply, contentType), now);
        break;
    }
  }

  private void keyRefused(Exchange exchange, HttpResponse<String> reply, long now) {
    String explanation = writeKeyMessage("EventBunker answered 401: " + serverMessage(reply));
    if (gate.onKeyRefused(exchange.gateGeneration, now)) {
      accounting.writeKeyRejected(true);
      console.endpointProblem(explanation);
    }
    // A replayed event stays in the spool: the key may be mended.
    if (!backToSpool(exchange.event)) {
      accounting.rejected(exchange.event, explanation, 401);
    }
  }

  /**
   * Something other than the API answered, or TLS failed: never the API's verdict on the event.
   * Sending pauses, said once; the event waits with the others, in the spool or for the next try.
   */
  private void notTheApi(Exchange exchange, String why, long now) {
    String explanation =
        why
            + ". Sending is paused for "
            + TimeUnit.NANOSECONDS.toSeconds(EndpointGate.PAUSE_NANOS)
            + " s, then one request checks again; events wait in the queue"
            + (spool == null ? "" : " and the spool")
            + " meanwhile, and none is rejected for it";
    if (gate.onNotTheApi(exchange.gateGeneration, now)) {
      accounting.endpointMisdirected();
      accounting.status().warn(console.prefix() + explanation);
      console.endpointProblem(explanation);
    }
    TrackedEvent event = exchange.event;
    if (leftovers.isClosed()) {
      leftovers.strand(event, "was in flight");
    } else if (!backToSpool(event)) {
      accounting.retrying(event, why);
      retryAfter(event, gate.heldForNanos(now), 0);
    }
  }

  /** Schedules the event's next attempt; once the sender has closed, strands it instead. */
  private void retryAfter(TrackedEvent event, long delayNanos, int status) {
    if (!retries.later(event, delayNanos)) {
      leftovers.strand(event, "was waiting for a retry", status);
    } else if (leftovers.isClosed()) {
      retries.strandAll(leftovers::strand); // the sender may have finished meanwhile
    }
  }

  private String notTheApiMessage(HttpResponse<String> reply, @Nullable String contentType) {
    int status = reply.statusCode();
    return settings.printableEndpoint()
        + " answered HTTP "
        + status
        + (contentType == null ? "" : " (" + contentType + ")")
        + ", which is not the EventBunker API's answer: "
        + ResponseClassifier.likelyCause(
            status, reply.headers().firstValue("Location").orElse(null))
        + (ResponseClassifier.isHtml(contentType, reply.body())
            ? "" // a page's markup says nothing useful in one line
            : ". It said: " + serverMessage(reply));
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
    if (leftovers.isClosed()) {
      leftovers.strand(event, "was in flight", status);
      return;
    }
    long gateClosed = backoff.onFailure(generation, retryAfterNanos, cannotConnect, now);
    long own =
        Math.max(
            retryAfterNanos,
            settings
                .retryPolicy()
                .backoffNanos(event.attempts(), () -> ThreadLocalRandom.current().nextDouble()));
    if (settings
        .retryPolicy()
        .allowsRetry(
            event.attempts(), now - event.firstAttemptNanos(), Math.max(gateClosed, own))) {
      accounting.retrying(event, reason);
      retryAfter(event, own, status);
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

  private String writeKeyMessage(String what) {
    return what
        + ". The write key is wrong, or is a query or delete key rather than a write key:"
        + " create a write key in the EventBunker web UI and set it as writeKey (or"
        + " eventbunker.write-key). Events are rejected without being sent for "
        + TimeUnit.NANOSECONDS.toSeconds(EndpointGate.PAUSE_NANOS)
        + " s after a 401, then the key is tried again";
  }

  /** The server's text, never containing the write key even if a server echoes it. */
  private String serverMessage(HttpResponse<String> reply) {
    return transport.scrub(TrackResponse.errorMessage(reply.body()));
  }
}
