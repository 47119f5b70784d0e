package io.eventbunker.testkit;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Latency and injected failures, as one immutable value so a request never sees half an update. */
final class FaultSettings {
  static final FaultSettings NONE =
      new FaultSettings(
          Duration.ZERO, Duration.ZERO, 0, 0, EventBunkerReceiver.DEFAULT_RETRY_AFTER);

  final Duration minLatency;
  final Duration maxLatency;
  final double errorRate;
  final double tooManyRequestsRate;
  final Duration retryAfter;

  private FaultSettings(
      Duration minLatency,
      Duration maxLatency,
      double errorRate,
      double tooManyRequestsRate,
      Duration retryAfter) {
    this.minLatency = minLatency;
    this.maxLatency = maxLatency;
    this.errorRate = errorRate;
    this.tooManyRequestsRate = tooManyRequestsRate;
    this.retryAfter = retryAfter;
  }

  FaultSettings withLatency(Duration min, Duration max) {
    requireNonNegative("latency", min);
    requireNonNegative("latency", max);
    if (min.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          "latency range must run from low to high, got " + text(min) + "-" + text(max));
    }
    return new FaultSettings(min, max, errorRate, tooManyRequestsRate, retryAfter);
  }

  FaultSettings withErrorRate(double rate) {
    requireFraction("errorRate", rate);
    return new FaultSettings(minLatency, maxLatency, rate, tooManyRequestsRate, retryAfter);
  }

  FaultSettings withTooManyRequestsRate(double rate) {
    requireFraction("tooManyRequestsRate", rate);
    return new FaultSettings(minLatency, maxLatency, errorRate, rate, retryAfter);
  }

  FaultSettings withRetryAfter(Duration retryAfter) {
    requireNonNegative("retryAfter", retryAfter);
    if (retryAfter.toNanosPart() != 0) {
      throw new IllegalArgumentException(
          "retryAfter must be whole seconds (Retry-After is sent in seconds), got "
              + text(retryAfter));
    }
    return new FaultSettings(minLatency, maxLatency, errorRate, tooManyRequestsRate, retryAfter);
  }

  /** A delay drawn uniformly from the latency range. */
  long latencyNanos() {
    long min = saturatedNanos(minLatency);
    long max = saturatedNanos(maxLatency);
    return min == max ? min : ThreadLocalRandom.current().nextLong(min, max);
  }

  boolean drawTooManyRequests() {
    return tooManyRequestsRate > 0
        && ThreadLocalRandom.current().nextDouble() < tooManyRequestsRate;
  }

  boolean drawError() {
    return errorRate > 0 && ThreadLocalRandom.current().nextDouble() < errorRate;
  }

  static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  static void requireNonNegative(String name, Duration value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + text(value));
    }
  }

  private static void requireFraction(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(
          name + " must be a fraction between 0 and 1, got " + value);
    }
  }

  /** As a user would type it: 250ms, 20s. */
  static String text(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + "s"
        : duration.toMillis() + "ms";
  }
}
