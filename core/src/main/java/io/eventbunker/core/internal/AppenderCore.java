package io.eventbunker.core.internal;

import io.eventbunker.core.EventBunkerListener;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.FlushReport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Everything an appender does that does not depend on its logging framework: each adapter holds
 * one, passes it the framework's events and its settings, and keeps only the mapping, the setters
 * and the status reporting of its own. Thread-safe; {@link #append} never throws and never blocks
 * beyond appendTimeout.
 *
 * @param <E> the framework's event type
 */
public final class AppenderCore<E> {
  private final EventReader<E> reader;
  private final Diagnostics diagnostics;
  private final Supplier<String> appenderName;
  private final List<EventBunkerListener> listeners = new CopyOnWriteArrayList<>();
  private final Accounting accounting;

  /** Set while this thread is inside append: what the sender's own threads log must not loop. */
  private final ThreadLocal<Boolean> appending = new ThreadLocal<>();

  /**
   * The running one, or null. Let go of at stop: it holds the HTTP client, whose selector thread
   * (before JDK 21, which has no close()) lives as long as the client is reachable.
   */
  private final AtomicReference<@Nullable Pipeline<E>> running = new AtomicReference<>();

  /** The one stop() is stopping, so that its counters stay readable meanwhile. */
  private volatile @Nullable Pipeline<E> stopping;

  /** The counters when the last pipeline stopped, for reading after stop. */
  private volatile @Nullable EventBunkerStats stoppedStats;

  /**
   * @param appenderName read when reporting: frameworks name an appender after creating it
   */
  public AppenderCore(
      Supplier<String> appenderName, EventReader<E> reader, Diagnostics diagnostics) {
    this.reader = reader;
    this.diagnostics = diagnostics;
    this.appenderName = appenderName;
    this.accounting = new Accounting(appenderName, listeners, diagnostics);
  }

  /** Starts the sender (and spool) threads with checked settings; does no network I/O. */
  public void start(AppenderSettings settings) {
    settings.warnings().forEach(diagnostics::warn);
    stoppedStats = null;
    running.set(Pipeline.start(settings, reader, accounting));
  }

  /** Whether {@link #start} has run and {@link #stop} has not. */
  public boolean isStarted() {
    return running.get() != null;
  }

  /**
   * Takes one statement that carries the EVENT marker. Never throws: the host application must
   * never see our failure.
   */
  public void append(E event) {
    Pipeline<E> current = running.get();
    if (current == null || appending.get() != null) {
      return;
    }
    appending.set(Boolean.TRUE);
    try {
      current.accept(event);
    } catch (RuntimeException | LinkageError e) {
      // Counted already or not at all: report, never rethrow into the logging call.
      diagnostics.warn(
          "EventBunker appender '" + appenderName.get() + "' failed to take an event: " + e, e);
    } finally {
      appending.remove();
    }
  }

  /** The time {@link #stop(long)} is given by default: the shutdownTimeout setting. */
  public long shutdownTimeoutNanos() {
    Pipeline<E> current = running.get();
    return current == null ? 0 : current.shutdownTimeoutNanos();
  }

  /**
   * Delivers what is queued and in flight within {@code timeoutNanos} (what is left then goes to
   * the spool, or fails), then reports the totals. Interrupts do not cut it short.
   */
  public void stop(long timeoutNanos) {
    Pipeline<E> stopped = running.getAndSet(null); // one caller stops it
    if (stopped == null) {
      return;
    }
    stopping = stopped;
    try {
      stopped.stop(timeoutNanos);
    } finally {
      stoppedStats = stopped.stats();
      stopping = null;
    }
  }

  /** See the adapters' {@code flush(Duration)}. */
  public FlushReport flush(@Nullable Duration timeout) {
    Pipeline<E> current = running.get();
    return current == null ? new FlushReport(0, 0, 0, 0, 0) : current.flush(timeout);
  }

  /** A snapshot of the counters; {@code queueCapacity} is the configured one, for before start. */
  public EventBunkerStats stats(int queueCapacity) {
    Pipeline<E> current = running.get();
    if (current == null) {
      current = stopping;
    }
    if (current != null) {
      return current.stats();
    }
    EventBunkerStats stopped = stoppedStats;
    return stopped != null ? stopped : accounting.snapshot(0, queueCapacity, 0, false, 0, 0);
  }

  /** Adds a listener for per-event outcomes; effective at once. */
  public void addListener(EventBunkerListener listener) {
    listeners.add(listener);
  }

  /** Removes a listener added with {@link #addListener}. */
  public void removeListener(EventBunkerListener listener) {
    listeners.remove(listener);
  }

  /** {@code timeout} as nanoseconds for {@link #stop(long)}: null or negative is none. */
  public static long nanos(@Nullable Duration timeout) {
    return Flush.nanos(timeout);
  }
}
