package io.eventbunker.logback;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One accepted event: an immutable snapshot of the log statement, plus the sender's bookkeeping.
 * Fields hold only immutable values (String, Number, Boolean, Instant, and unmodifiable lists of
 * those), so the statement's arguments may change after {@code append} returns.
 */
final class TrackedEvent {
  private static final AtomicIntegerFieldUpdater<TrackedEvent> SETTLED =
      AtomicIntegerFieldUpdater.newUpdater(TrackedEvent.class, "settled");

  private final String name;
  private final long timestampMillis;
  private final String customerIdentifier;
  private final String[] fieldNames;
  private final Object[] fieldValues;
  private final int heapBytes;

  // The sender's bookkeeping: handed between its thread and the HTTP client's threads through
  // concurrent collections and futures, which order the accesses.
  private byte[] json;
  private int attempts;
  private long firstAttemptNanos;

  private volatile int settled;

  TrackedEvent(
      String name,
      long timestampMillis,
      String customerIdentifier,
      String[] fieldNames,
      Object[] fieldValues,
      int heapBytes) {
    this.name = name;
    this.timestampMillis = timestampMillis;
    this.customerIdentifier = customerIdentifier;
    this.fieldNames = fieldNames;
    this.fieldValues = fieldValues;
    this.heapBytes = heapBytes;
  }

  String name() {
    return name;
  }

  long timestampMillis() {
    return timestampMillis;
  }

  String customerIdentifier() {
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

  byte[] json() {
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

  /** True exactly once: for whoever records the event's outcome. */
  boolean settle() {
    return SETTLED.compareAndSet(this, 0, 1);
  }
}
