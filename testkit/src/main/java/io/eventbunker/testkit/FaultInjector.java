package io.eventbunker.testkit;

import io.eventbunker.testkit.EventBunkerReceiver.OutageMode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** The receiver's fault state: changed by tests at any time while request threads read it. */
final class FaultInjector {
  private final FaultSettings initial;
  private final AtomicReference<FaultSettings> settings;
  private final List<OutageWindow> windows;
  private final OutageMode windowMode;
  private volatile long startNanos;
  private volatile @Nullable ManualOutage manualOutage;

  FaultInjector(FaultSettings initial, List<OutageWindow> windows, OutageMode windowMode) {
    this.initial = initial;
    this.settings = new AtomicReference<>(initial);
    this.windows = windows;
    this.windowMode = windowMode;
  }

  /** Outage windows count from here. */
  void markStarted() {
    startNanos = System.nanoTime();
  }

  @SuppressWarnings("NullAway") // holds the initial settings or what update's change returned
  FaultSettings settings() {
    return settings.get();
  }

  void update(UnaryOperator<FaultSettings> change) {
    settings.updateAndGet(change);
  }

  void startOutage(Duration duration, OutageMode mode) {
    FaultSettings.requireNonNegative("outage duration", duration);
    if (mode == null) {
      throw new IllegalArgumentException("outage mode must not be null");
    }
    manualOutage =
        new ManualOutage(System.nanoTime(), FaultSettings.saturatedNanos(duration), mode);
  }

  void endOutage() {
    manualOutage = null;
  }

  /** How the receiver is down right now, or null when it is up. */
  @Nullable OutageMode currentOutage() {
    long now = System.nanoTime();
    ManualOutage manual = manualOutage;
    if (manual != null && now - manual.startNanos < manual.durationNanos) {
      return manual.mode;
    }
    long sinceStart = now - startNanos;
    for (OutageWindow window : windows) {
      if (window.contains(sinceStart)) {
        return windowMode;
      }
    }
    return null;
  }

  /**
   * Back to the settings the receiver was built with, so one test's faults never leak into the
   * next.
   */
  void reset() {
    settings.set(initial);
    manualOutage = null;
  }

  private static final class ManualOutage {
    final long startNanos;
    final long durationNanos;
    final OutageMode mode;

    ManualOutage(long startNanos, long durationNanos, OutageMode mode) {
      this.startNanos = startNanos;
      this.durationNanos = durationNanos;
      this.mode = mode;
    }
  }
}
