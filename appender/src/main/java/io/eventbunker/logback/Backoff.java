package io.eventbunker.logback;

import java.util.function.DoubleSupplier;

/**
 * The backoff shared by all requests to the endpoint. One failure closes the gate for everyone, so
 * a failing endpoint is probed by one request at a time instead of hammered by every event in
 * flight.
 *
 * <p>Failures of requests that were already on the wire when an earlier failure closed the gate (an
 * older generation) do not lengthen the backoff again: a burst of 64 concurrent failures is one
 * step, not 64.
 */
final class Backoff {
  private final RetryPolicy policy;
  private final DoubleSupplier random;

  private int consecutiveFailures;
  private long generation;
  private long reopensAtNanos;

  Backoff(RetryPolicy policy, DoubleSupplier random) {
    this.policy = policy;
    this.random = random;
  }

  /** To be remembered when a request is sent, and passed back if it fails. */
  synchronized long generation() {
    return generation;
  }

  /**
   * Closes the gate after a transient failure.
   *
   * @param retryAfterNanos the server's {@code Retry-After}, or a negative value when it sent none
   * @return how long from {@code nowNanos} the gate stays closed
   */
  synchronized long onFailure(long requestGeneration, long retryAfterNanos, long nowNanos) {
    if (requestGeneration == generation) {
      generation++;
      consecutiveFailures++;
      long delay =
          retryAfterNanos >= 0 ? retryAfterNanos : policy.backoffNanos(consecutiveFailures, random);
      reopensAtNanos = Math.max(reopensAtNanos, nowNanos + delay);
    } else if (retryAfterNanos >= 0) {
      reopensAtNanos = Math.max(reopensAtNanos, nowNanos + retryAfterNanos);
    }
    return Math.max(0, reopensAtNanos - nowNanos);
  }

  synchronized void onSuccess() {
    if (consecutiveFailures > 0) {
      consecutiveFailures = 0;
      generation++;
    }
  }

  /** Nanoseconds until requests may be sent again; 0 when the gate is open. */
  synchronized long closedForNanos(long nowNanos) {
    return Math.max(0, reopensAtNanos - nowNanos);
  }

  /** While failing, only one request at a time probes the endpoint. */
  synchronized boolean isFailing() {
    return consecutiveFailures > 0;
  }
}
