package io.eventbunker.core.internal;

import io.eventbunker.core.Outcome;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jspecify.annotations.Nullable;

/**
 * One accepted event: an immutable snapshot of the log statement, plus the sender's bookkeeping.
 * Fields hold only immutable values (String, Number, Boolean, Instant, and unmodifiable lists of
 * those), so the statement's arguments may change after {@code append} returns.
 *
 * <p>An event read back from the spool carries its JSON and the segment it came from instead of
 * fields: when it is settled, its record there is acknowledged.
 */
final class TrackedEvent {
  private static final AtomicIntegerFieldUpdater<TrackedEvent> STATE =
      AtomicIntegerFieldUpdater.newUpdater(TrackedEvent.class, "state");

  /** The pipeline holds the event; whoever records its outcome settles it. */
  private static final int OPEN = 0;

  private static final int SETTLED = 1;

  /**
   * Handed to the spool, which settles it only if it cannot write it: a late response for the same
   * event (one cancelled at shutdown) must not count it a second time.
   */
  private static final int SPOOLED = 2;

  private static final String[] NO_FIELD_NAMES = {};
  private static final Object[] NO_FIELD_VALUES = {};

  private final String name;
  private final long timestampMillis;
  private final @Nullable String customerIdentifier;
  private final String[] fieldNames;
  private final Object[] fieldValues;
  private final int heapBytes;
  private final @Nullable Segment origin;

  // The sender's bookkeeping: handed between its thread and the HTTP client's threads through
  // concurrent collections and futures, which order the accesses.
  private byte @Nullable [] json;
  private int attempts;
  private long firstAttemptNanos;

  @SuppressWarnings("UnusedVariable") // read and written through its field updater
  private volatile int state;

  private volatile @Nullable Outcome outcome;

  TrackedEvent(
      String name,
      long timestampMillis,
      @Nullable String customerIdentifier,
      String[] fieldNames,
      Object[] fieldValues,
      int heapBytes) {
    this(name, timestampMillis, customerIdentifier, fieldNames, fieldValues, heapBytes, null);
  }

  private TrackedEvent(
      String name,
      long timestampMillis,
      @Nullable String customerIdentifier,
      String[] fieldNames,
      Object[] fieldValues,
      int heapBytes,
      @Nullable Segment origin) {
    this.name = name;
    this.timestampMillis = timestampMillis;
    this.customerIdentifier = customerIdentifier;
    this.fieldNames = fieldNames;
    this.fieldValues = fieldValues;
    this.heapBytes = heapBytes;
    this.origin = origin;
  }

  /** An event read back from a spool segment, its JSON body ready to send. */
  static TrackedEvent replayed(String name, long timestampMillis, byte[] json, Segment origin) {
    TrackedEvent event =
        new TrackedEvent(
            name, timestampMillis, null, NO_FIELD_NAMES, NO_FIELD_VALUES, json.length, origin);
    event.json(json);
    return event;
  }

  String name() {
    return name;
  }

  long timestampMillis() {
    return timestampMillis;
  }

  @Nullable String customerIdentifier() {
    return customerIdentifier;
  }

  int fieldCount() {
    return fieldNames.length;
  }

  String fieldName(int index) {
    return fieldNames[index];
  }

  Object fieldValue(int index) {
    return fieldValues[index];
  }

  /** Approximate heap the event holds while queued; what the queue's byte bound counts. */
  int heapBytes() {
    return heapBytes;
  }

  byte @Nullable [] json() {
    return json;
  }

  void json(byte[] json) {
    this.json = json;
  }

  int attempts() {
    return attempts;
  }

  long firstAttemptNanos() {
    return firstAttemptNanos;
  }

  /** Counts an attempt about to be made at {@code nowNanos}. */
  void attempt(long nowNanos) {
    if (attempts++ == 0) {
      firstAttemptNanos = nowNanos;
    }
  }

  /** The spool segment this event was read from, or null for an event logged in this run. */
  @Nullable Segment origin() {
    return origin;
  }

  /**
   * True exactly once: for whoever records the event's outcome. A replayed event's record leaves
   * the spool with it.
   */
  boolean settle(Outcome settledAs) {
    if (!STATE.compareAndSet(this, OPEN, SETTLED)) {
      return false;
    }
    outcome = settledAs;
    if (origin != null) {
      origin.acknowledge();
    }
    return true;
  }

  /** The outcome once settled, else null. */
  @Nullable Outcome outcome() {
    return outcome;
  }

  /** Whether the spool holds the event (and settles it only if it cannot write it). */
  boolean isSpooled() {
    return state == SPOOLED;
  }

  /** True once, for the spool, if the event was still open: from now on the spool settles it. */
  boolean handToSpool() {
    return STATE.compareAndSet(this, OPEN, SPOOLED);
  }

  /** The spool, which holds the event, could not write it: its outcome is to be recorded. */
  void takeBackFromSpool() {
    STATE.compareAndSet(this, SPOOLED, OPEN);
  }
}
