package io.eventbunker.core.internal;

import java.util.function.DoubleSupplier;

/**
 * What the endpoint's health means for every request at once. A lone failure among successes (a
 * 500, a reset) is the failed event's own business: it waits its own backoff, and everyone else
 * carries on. But when the endpoint looks down — it cannot be connected to, or {@value
 * #OUTAGE_ROUNDS} rounds of requests in a row failed — the gate closes for everyone and one request
 * at a time probes it, instead of every queued event hammering it. While it looks down, a server's
 * {@code Retry-After} keeps the gate closed at least that long; before, it delays only the event
 * that got it.
 *
 * <p>Failures of requests that were already on the wire when an earlier failure was counted (an
 * older generation) do not count again: 64 requests failing together are one round, not 64.
 */
final class Backoff {
  static final int OUTAGE_ROUNDS = 3;

  private final RetryPolicy policy;
  private final DoubleSupplier random;

  private int failedRounds;
  private boolean unreachable;
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
   * Counts a transient failure.
   *
   * @param retryAfterNanos the server's {@code Retry-After}, or a negative value when it sent none
   * @param cannotConnect whether no connection could be made at all
   * @return how long from {@code nowNanos} the gate stays closed for everyone (0: open)
   */
  synchronized long onFailure(
      long requestGeneration, long retryAfterNanos, boolean cannotConnect, long nowNanos) {
    boolean newRound = requestGeneration == generation;
    if (newRound) {
      generation++;
      failedRounds++;
    }
    unreachable |= cannotConnect;
    if (isFailing()) {
      long delay = Math.max(retryAfterNanos, 0);
      if (newRound) {
        int outageRounds = unreachable ? failedRounds : failedRounds - OUTAGE_ROUNDS + 1;
        delay = Math.max(delay, policy.backoffNanos(outageRounds, random));
      }
      reopensAtNanos = Math.max(reopensAtNanos, nowNanos + delay);
    }
    return closedForNanos(nowNanos);
  }

  synchronized void onSuccess() {
    if (failedRounds > 0 || unreachable) {
      failedRounds = 0;
      unreachable = false;
      generation++;
    }
  }

  /** Nanoseconds until requests may be sent again; 0 when the gate is open. */
  synchronized long closedForNanos(long nowNanos) {
    return Math.max(0, reopensAtNanos - nowNanos);
  }

  /** While the endpoint looks down, only one request at a time probes it. */
  synchronized boolean isFailing() {
    return unreachable || failedRounds >= OUTAGE_ROUNDS;
  }
}
