package io.eventbunker.logback;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jspecify.annotations.Nullable;

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
  private final @Nullable String customerIdentifier;
  private final String[] fieldNames;
  private final Object[] fieldValues;
  private final int estimatedBytes;

  // The sender's bookkeeping: handed between its thread and the HTTP client's threads through
  // concurrent collections and futures, which order the accesses.
  private byte @Nullable [] json;
  private int attempts;
  private long firstAttemptNanos;

  @SuppressWarnings("UnusedVariable") // read and written through SETTLED
  private volatile int settled;

  TrackedEvent(
      String name,
      long timestampMillis,
      @Nullable String customerIdentifier,
      String[] fieldNames,
      Object[] fieldValues,
      int estimatedBytes) {
    this.name = name;
    this.timestampMillis = timestampMillis;
    this.customerIdentifier = customerIdentifier;
    this.fieldNames = fieldNames;
    this.fieldValues = fieldValues;
    this.estimatedBytes = estimatedBytes;
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

  int estimatedBytes() {
    return estimatedBytes;
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

  /** True exactly once: for whoever records the event's outcome. */
  boolean settle() {
    return SETTLED.compareAndSet(this, 0, 1);
  }
}
