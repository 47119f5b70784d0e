package io.eventbunker.testkit;

import java.time.Duration;

/**
 * A period, counted from {@link EventBunkerReceiver#start()}, during which the receiver is down.
 */
final class OutageWindow {
  private final long fromNanos;
  private final long untilNanos;

  OutageWindow(Duration from, Duration until) {
    FaultSettings.requireNonNegative("outage start", from);
    FaultSettings.requireNonNegative("outage end", until);
    if (until.compareTo(from) <= 0) {
      throw new IllegalArgumentException(
          "outage must end after it starts, got "
              + FaultSettings.text(from)
              + "-"
              + FaultSettings.text(until));
    }
    this.fromNanos = FaultSettings.saturatedNanos(from);
    this.untilNanos = FaultSettings.saturatedNanos(until);
  }

  boolean contains(long nanosSinceStart) {
    return nanosSinceStart >= fromNanos && nanosSinceStart < untilNanos;
  }
}
