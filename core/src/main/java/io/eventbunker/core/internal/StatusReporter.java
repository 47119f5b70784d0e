package io.eventbunker.core.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

  /**
   * Lock-free: logging threads that drop events all pass here, and a monitor would make them queue
   * up behind each other in exactly the storm it throttles.
   */
  private static final class Throttle {
    /** Before the first report; {@code nanoTime} values are never this far from any other. */
    private static final long NEVER = Long.MIN_VALUE;

    private final AtomicLong lastReportNanos = new AtomicLong(NEVER);
    private final AtomicLong suppressed = new AtomicLong();

    /** The number suppressed since the last report when this one is to be reported, else -1. */
    long admit(long nowNanos) {
      long last = lastReportNanos.get();
      boolean due = last == NEVER || nowNanos - last >= REPEAT_INTERVAL_NANOS;
      // One thread wins each interval's report; the others count towards the next one.
      if (due && lastReportNanos.compareAndSet(last, nowNanos)) {
        return suppressed.getAndSet(0);
      }
      suppressed.incrementAndGet();
      return -1;
    }
  }
}
