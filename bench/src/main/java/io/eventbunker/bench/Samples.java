package io.eventbunker.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Small statistics for the harness: rates sampled per second, mean with a 95% confidence
 * half-width, and percentiles.
 */
final class Samples {
  // Student's t at 97.5% for 1..30 degrees of freedom; beyond that the normal value.
  private static final double[] T_975 = {
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
    2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
    2.052, 2.048, 2.045, 2.042
  };

  private Samples() {}

  static double mean(List<Double> values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return sum / values.size();
  }

  /** Half-width of the 95% confidence interval of the mean; 0 for fewer than two values. */
  static double ci95(List<Double> values) {
    int n = values.size();
    if (n < 2) {
      return 0;
    }
    double mean = mean(values);
    double squares = 0;
    for (double value : values) {
      squares += (value - mean) * (value - mean);
    }
    double sd = Math.sqrt(squares / (n - 1));
    double t = n - 1 <= T_975.length ? T_975[n - 2] : 1.96;
    return t * sd / Math.sqrt(n);
  }

  /**
   * Counts per second over {@code seconds} one-second windows from now, read from {@code count} (a
   * running total), and the total counted over them.
   */
  static Window window(LongSupplier count, int seconds) {
    return window(count, seconds, System.nanoTime());
  }

  /**
   * The same from {@code startNanos} on {@link System#nanoTime}'s clock, a moment ago: the first
   * second is counted from then, and the count read now stands for its value then (for a count that
   * cannot have moved since, such as deliveries since an appender's start).
   */
  static Window window(LongSupplier count, int seconds, long startNanos) {
    long start = startNanos;
    long atStart = count.getAsLong();
    List<Double> perSecond = new ArrayList<>();
    long last = start;
    long countedLast = atStart;
    for (int second = 1; second <= seconds; second++) {
      parkUntil(start + TimeUnit.SECONDS.toNanos(second));
      long now = System.nanoTime();
      long counted = count.getAsLong();
      perSecond.add((counted - countedLast) * 1e9 / (now - last));
      last = now;
      countedLast = counted;
    }
    return new Window(perSecond, countedLast - atStart);
  }

  /** One {@link #window}'s figures. */
  record Window(List<Double> perSecond, long total) {}

  /** Parks this thread until {@code deadlineNanos} on {@link System#nanoTime}'s clock. */
  static void parkUntil(long deadlineNanos) {
    long remaining;
    while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
      LockSupport.parkNanos(remaining);
    }
  }

  /** The nearest-rank percentile (0 < p ≤ 100). */
  static long percentile(List<Long> values, double p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
