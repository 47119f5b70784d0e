package io.eventbunker.core.internal;

import io.eventbunker.core.EventBunkerListener;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.EventResult;
import io.eventbunker.core.Outcome;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Counts every accepted event into exactly one outcome, tells the listeners, and explains each kind
 * of loss once through the adapter's {@link Diagnostics}.
 */
public final class Accounting {
  private final Supplier<String> appenderName;
  private final List<EventBunkerListener> listeners;
  private final StatusReporter status;

  private final LongAdder accepted = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private volatile boolean writeKeyRejected;
  private volatile boolean endpointMisdirected;
  private volatile @Nullable String lastError;
  private volatile @Nullable String lastRetryReason;

  /** Kept as the result it is: a drop storm must not build a string per dropped event. */
  private volatile @Nullable EventResult lastLoss;

  /** Threads in {@code flush()}, woken whenever an event is settled. */
  private final Set<Thread> settleWaiters = ConcurrentHashMap.newKeySet();

  /**
   * @param appenderName read when reporting, since frameworks name an appender after creating it
   * @param listeners the appender's own list, which it may change at any time
   */
  public Accounting(
      Supplier<String> appenderName, List<EventBunkerListener> listeners, Diagnostics target) {
    this.appenderName = appenderName;
    this.listeners = listeners;
    this.status = new StatusReporter(target, System::nanoTime);
  }

  StatusReporter status() {
    return status;
  }

  void accepted() {
    accepted.increment();
  }

  /**
   * Events found in the spool from an earlier run: that process accepted them, this one now answers
   * for their outcome.
   */
  void acceptedFromSpool(long count) {
    accepted.add(count);
  }

  /**
   * Spooled events whose records can no longer be read: each is failed and reported, without a
   * name, since the name was in the unreadable part.
   */
  void lostFromSpool(long count, String reason) {
    for (long i = 0; i < count; i++) {
      failed.increment();
      report(Outcome.FAILED, null, reason, 0);
    }
    settledNow();
  }

  /** Why the endpoint most recently failed an attempt that was retried, or null. */
  @Nullable String lastRetryReason() {
    return lastRetryReason;
  }

  /** An event that failed local checks and was never queued. */
  void rejectedBeforeQueueing(@Nullable String eventName, String reason) {
    rejected.increment();
    report(Outcome.REJECTED, eventName, reason, 0);
    settledNow();
  }

  void delivered(TrackedEvent event, int statusCode, TrackResponse receipt) {
    if (event.settle(Outcome.DELIVERED)) {
      delivered.increment();
      writeKeyRejected = false;
      endpointMisdirected = false;
      notifyListeners(
          new EventResult(
              Outcome.DELIVERED,
              event.name(),
              null,
              statusCode,
              receipt.uniqueRequestId,
              receipt.timeRecorded));
      settledNow();
    }
  }

  void rejected(TrackedEvent event, String reason, int statusCode) {
    if (event.settle(Outcome.REJECTED)) {
      rejected.increment();
      report(Outcome.REJECTED, event.name(), reason, statusCode);
      settledNow();
    }
  }

  void dropped(TrackedEvent event, String reason) {
    if (event.settle(Outcome.DROPPED)) {
      dropped.increment();
      report(Outcome.DROPPED, event.name(), reason, 0);
      settledNow();
    }
  }

  void failed(TrackedEvent event, String reason, int statusCode) {
    if (event.settle(Outcome.FAILED)) {
      failed.increment();
      report(Outcome.FAILED, event.name(), reason, statusCode);
      settledNow();
    }
  }

  void retrying(TrackedEvent event, String reason) {
    retries.increment();
    lastError = reason;
    lastRetryReason = reason;
    for (EventBunkerListener listener : listeners) {
      try {
        listener.onRetry(event.name(), reason);
      } catch (Throwable e) { // an AssertionError in a user's test listener too
        listenerFailed(e);
      }
    }
  }

  void response(int statusCode, long roundTripNanos) {
    for (EventBunkerListener listener : listeners) {
      try {
        listener.onResponse(statusCode, roundTripNanos);
      } catch (Throwable e) { // an AssertionError in a user's test listener too
        listenerFailed(e);
      }
    }
  }

  void writeKeyRejected(boolean rejectedNow) {
    writeKeyRejected = rejectedNow;
  }

  /** Something other than the API answered: see {@link EventBunkerStats#endpointMisdirected}. */
  void endpointMisdirected() {
    endpointMisdirected = true;
  }

  /** The latest event not delivered, and why, for the console; null when none was lost. */
  @Nullable String lastLoss() {
    EventResult loss = lastLoss;
    return loss == null ? null : describe(loss.outcome(), loss.eventName(), loss.reason());
  }

  /**
   * Registers the calling thread to be woken whenever an event is settled, until {@link #unwatch}.
   */
  void watchSettling() {
    settleWaiters.add(Thread.currentThread());
  }

  void unwatch() {
    settleWaiters.remove(Thread.currentThread());
  }

  private void settledNow() {
    if (!settleWaiters.isEmpty()) {
      settleWaiters.forEach(LockSupport::unpark);
    }
  }

  private void report(Outcome outcome, @Nullable String eventName, String reason, int statusCode) {
    lastError = reason;
    status.warnThrottled(
        outcome.tag(),
        () ->
            "EventBunker appender '"
                + appenderName.get()
                + "' "
                + describe(outcome, eventName, reason));
    EventResult result = new EventResult(outcome, eventName, reason, statusCode, null, 0);
    lastLoss = result;
    notifyListeners(result);
  }

  private static String describe(
      Outcome outcome, @Nullable String eventName, @Nullable String reason) {
    return outcome.tag() + " event '" + eventName + "': " + reason;
  }

  private void notifyListeners(EventResult result) {
    for (EventBunkerListener listener : listeners) {
      try {
        listener.onResult(result);
      } catch (Throwable e) { // an AssertionError in a user's test listener too
        listenerFailed(e);
      }
    }
  }

  private void listenerFailed(Throwable e) {
    status.warnThrottled(
        "listener",
        () -> "An EventBunkerListener of appender '" + appenderName.get() + "' threw " + e);
  }

  /** The outcome counts alone, as for the console. */
  EventBunkerStats counts() {
    return snapshot(0, 0, 0, false, 0, 0);
  }

  /**
   * Reads the outcomes before {@code accepted}: an outcome is always counted after its acceptance,
   * so pending never comes out negative.
   */
  EventBunkerStats snapshot(
      int queueSize,
      int queueCapacity,
      int inFlight,
      boolean spoolEnabled,
      long spooled,
      long spooledBytes) {
    long deliveredNow = delivered.sum();
    long rejectedNow = rejected.sum();
    long droppedNow = dropped.sum();
    long failedNow = failed.sum();
    return new EventBunkerStats(
        accepted.sum(),
        deliveredNow,
        rejectedNow,
        droppedNow,
        failedNow,
        retries.sum(),
        queueSize,
        queueCapacity,
        inFlight,
        spoolEnabled,
        spooled,
        spooledBytes,
        writeKeyRejected,
        endpointMisdirected,
        lastError);
  }
}
