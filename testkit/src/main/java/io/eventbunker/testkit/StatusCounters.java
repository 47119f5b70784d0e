package io.eventbunker.testkit;

import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/** How track requests were answered, counted without a lock on the request path. */
final class StatusCounters {
  private final LongAdder accepted = new LongAdder();
  private final LongAdder badRequest = new LongAdder();
  private final LongAdder unauthorized = new LongAdder();
  private final LongAdder injectedFaults = new LongAdder();
  // Kept for the message of a failed wait: "why did my event not arrive?" is the first question.
  private volatile @Nullable String lastRejection;

  void recordAccepted() {
    accepted.increment();
  }

  void recordBadRequest(@Nullable String details) {
    badRequest.increment();
    lastRejection = "400 " + TrackEndpoint.VALIDATION_FAILED + " " + details;
  }

  void recordUnauthorized(String error) {
    unauthorized.increment();
    lastRejection = "401 " + error;
  }

  long accepted() {
    return accepted.sum();
  }

  long badRequest() {
    return badRequest.sum();
  }

  long unauthorized() {
    return unauthorized.sum();
  }

  long injectedFaults() {
    return injectedFaults.sum();
  }

  /** The newest 400 or 401 answer, or null when there was none since the last reset. */
  @Nullable String lastRejection() {
    return lastRejection;
  }

  void recordInjectedFault() {
    injectedFaults.increment();
  }

  Counts snapshot(long evicted) {
    return new Counts(
        accepted.sum(), badRequest.sum(), unauthorized.sum(), injectedFaults.sum(), evicted);
  }

  void reset() {
    accepted.reset();
    badRequest.reset();
    unauthorized.reset();
    injectedFaults.reset();
    lastRejection = null;
  }

  /** The counters at one moment, for the inbox. */
  static final class Counts {
    final long accepted;
    final long badRequest;
    final long unauthorized;
    final long injectedFaults;
    final long evicted;

    Counts(long accepted, long badRequest, long unauthorized, long injectedFaults, long evicted) {
      this.accepted = accepted;
      this.badRequest = badRequest;
      this.unauthorized = unauthorized;
      this.injectedFaults = injectedFaults;
      this.evicted = evicted;
    }
  }
}
