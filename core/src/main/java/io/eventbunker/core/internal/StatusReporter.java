package io.eventbunker.core.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The appender's diagnostics, through its framework's {@link Diagnostics}. Repeated warnings of one
 * kind are reported once, then summarised at most once per interval ("… 523 more since"), so an
 * outage cannot flood it.
 */
final class StatusReporter {
  static final long REPEAT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Diagnostics target;
  private final LongSupplier nanoClock;
  private final Map<String, Throttle> throttles = new ConcurrentHashMap<>();

  StatusReporter(Diagnostics target, LongSupplier nanoClock) {
    this.target = target;
    this.nanoClock = nanoClock;
  }

  void info(String message) {
    target.info(message);
  }

  void warn(String message) {
    target.warn(message);
  }

  /**
   * A warning of kind {@code kind}: reported now, or counted towards the next summary. The message
   * is built only when reported: a drop storm must not build a string per dropped event.
   */
  void warnThrottled(String kind, Supplier<String> message) {
    Throttle throttle = throttles.computeIfAbsent(kind, k -> new Throttle());
    long suppressed = throttle.admit(nanoClock.getAsLong());
    if (suppressed >= 0) {
      target.warn(
          suppressed == 0
              ? message.get()
              : message.get() + " (" + suppressed + " more like this since the last report)");
    }
  }

  private static final class Throttle {
    private boolean reportedBefore;
    private long lastReportNanos;
    private long suppressed;

    /** The number suppressed since the last report when this one is to be reported, else -1. */
    synchronized long admit(long nowNanos) {
      if (reportedBefore && nowNanos - lastReportNanos < REPEAT_INTERVAL_NANOS) {
        suppressed++;
        return -1;
      }
      long count = suppressed;
      reportedBefore = true;
      lastReportNanos = nowNanos;
      suppressed = 0;
      return count;
    }
  }
}
