package io.eventbunker.core.internal;

import java.util.function.DoubleSupplier;

/**
 * When to try an event again and how long to wait: exponential backoff with full jitter, bounded by
 * attempts and by total time since the event's first attempt.
 */
final class RetryPolicy {
  /** Doubling beyond this only overflows; the maximum backoff caps delays long before. */
  private static final int MAX_DOUBLINGS = 30;

  private final int maxAttempts;
  private final long initialBackoffNanos;
  private final long maxBackoffNanos;
  private final long timeoutNanos;

  RetryPolicy(int maxAttempts, long initialBackoffNanos, long maxBackoffNanos, long timeoutNanos) {
    this.maxAttempts = maxAttempts;
    this.initialBackoffNanos = initialBackoffNanos;
    this.maxBackoffNanos = maxBackoffNanos;
    this.timeoutNanos = timeoutNanos;
  }

  /**
   * The delay before the next attempt after {@code consecutiveFailures} failures in a row (at least
   * 1): uniformly random in [0, min(max, initial × 2^(failures−1))], so that many clients
   * recovering at once spread their retries out.
   */
  long backoffNanos(int consecutiveFailures, DoubleSupplier random) {
    int doublings = Math.min(Math.max(consecutiveFailures - 1, 0), MAX_DOUBLINGS);
    long ceiling = initialBackoffNanos << doublings;
    if (ceiling <= 0 || ceiling > maxBackoffNanos) {
      ceiling = maxBackoffNanos;
    }
    return (long) (random.getAsDouble() * ceiling);
  }

  /**
   * Whether an event that has had {@code attempts} attempts, the first {@code sinceFirstNanos} ago,
   * may be tried again after {@code delayNanos}.
   */
  boolean allowsRetry(int attempts, long sinceFirstNanos, long delayNanos) {
    return attempts < maxAttempts && sinceFirstNanos + delayNanos <= timeoutNanos;
  }

  int maxAttempts() {
    return maxAttempts;
  }

  /**
   * A server's {@code Retry-After} is honoured up to the retry timeout: a longer wait would fail
   * the event anyway, and must not close the gate for everything behind it.
   */
  long capRetryAfter(long retryAfterNanos) {
    return retryAfterNanos < 0 ? retryAfterNanos : Math.min(retryAfterNanos, timeoutNanos);
  }
}
