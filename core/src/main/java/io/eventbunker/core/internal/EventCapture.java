package io.eventbunker.core.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns a log statement into a {@link TrackedEvent} on the logging thread: the event name is the
 * message template, the time is the statement's own, fields come from the context entries listed in
 * mdcKeys, then from what the {@link EventReader} finds in the statement — key-value pairs, then
 * {@link io.eventbunker.core.EventField} arguments — later ones winning over earlier ones with the
 * same name.
 */
final class EventCapture<E> {
  static final String EVENT_NAME = "event_name";
  static final String TIMESTAMP = "timestamp";
  static final String CUSTOMER_IDENTIFIER = "customer_identifier";

  /** Room for the envelope: braces, event_name, timestamp and customer_identifier keys. */
  private static final int ENVELOPE_BYTES = 96;

  // Heap estimates, for 64-bit JVMs with compressed references (the default below 32 GB of heap).
  /** The event object, its two arrays' headers and the queue's node. */
  private static final int EVENT_HEAP_BYTES = 120;

  /** A reference in each of the event's two arrays, or an array slot of a list. */
  private static final int SLOT_HEAP_BYTES = 8;

  /** A String object and its byte array's header, before the chars. */
  private static final int STRING_HEAP_BYTES = 40;

  /** A boxed number, a Boolean or an Instant. */
  private static final int VALUE_HEAP_BYTES = 24;

  private static final int BIG_NUMBER_HEAP_BYTES = 64;

  /** An unmodifiable list around an ArrayList and its array's header. */
  private static final int LIST_HEAP_BYTES = 56;

  private final EventReader<E> reader;
  private final String customerIdentifierMdcKey;
  private final List<String> mdcKeys;
  private final int maxEventBytes;

  EventCapture(AppenderSettings settings, EventReader<E> reader) {
    this.reader = reader;
    this.customerIdentifierMdcKey = settings.customerIdentifierMdcKey();
    this.mdcKeys = settings.mdcKeys();
    this.maxEventBytes = settings.maxEventBytes();
  }

  TrackedEvent capture(E event) throws RejectedEventException {
    String name = reader.eventName(event);
    if (name == null || name.trim().isEmpty()) {
      throw new RejectedEventException(
          null, "an EVENT statement has no message: its message template is the event name");
    }
    Fields fields = new Fields(name, maxEventBytes);
    fields.charge(ENVELOPE_BYTES + name.length());
    for (int i = 0; i < mdcKeys.size(); i++) {
      String key = mdcKeys.get(i);
      String value = key.equals(customerIdentifierMdcKey) ? null : reader.contextValue(event, key);
      if (value != null) {
        fields.add(key, value);
      }
    }
    fields.customerIdentifier = reader.contextValue(event, customerIdentifierMdcKey);
    reader.readFields(event, fields);
    String customerIdentifier = fields.customerIdentifier;
    if (customerIdentifier != null) {
      fields.charge(customerIdentifier.length());
    }
    return fields.toEvent(reader.timestampMillis(event), customerIdentifier);
  }

  /** The event's name for a report when reading the statement failed, or null. */
  @Nullable String eventNameOrNull(E event) {
    try {
      return reader.eventName(event);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The fields collected so far, and the event's estimated size against its budget. */
  static final class Fields implements EventReader.FieldSink {
    private final String eventName;
    private @Nullable String customerIdentifier;
    private final int maxBytes;
    private final List<String> names = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();
    private int estimatedBytes;

    Fields(String eventName, int maxBytes) {
      this.eventName = eventName;
      this.maxBytes = maxBytes;
    }

    String eventName() {
      return eventName;
    }

    /** A field of the statement's own: {@code customer_identifier} replaces the context's. */
    @Override
    public void field(@Nullable String key, @Nullable Object value) throws RejectedEventException {
      if (CUSTOMER_IDENTIFIER.equals(key)) {
        if (value != null) {
          customerIdentifier = FieldValues.customerIdentifier(eventName, value);
        }
        return;
      }
      add(key, value);
    }

    void add(@Nullable String key, @Nullable Object value) throws RejectedEventException {
      if (key == null || key.isEmpty()) {
        throw new RejectedEventException(
            eventName, "a field has no name; give every field a non-empty name");
      }
      if (EVENT_NAME.equals(key) || TIMESTAMP.equals(key)) {
        throw new RejectedEventException(
            eventName,
            "field '"
                + key
                + "' is reserved: the event name is the message template and the timestamp the"
                + " statement's time; rename the field");
      }
      charge(key.length() + 4);
      Object snapshot = FieldValues.snapshot(this, key, value);
      if (snapshot != null) {
        names.add(key);
        values.add(snapshot);
      }
    }

    /** Counts {@code bytes} more towards the event's size, rejecting it once over the limit. */
    void charge(int bytes) throws RejectedEventException {
      estimatedBytes += bytes;
      if (estimatedBytes > maxBytes || estimatedBytes < 0) {
        throw new RejectedEventException(
            eventName,
            "the event is larger than maxEventBytes ("
                + maxBytes
                + " bytes); send less data, or raise maxEventBytes");
      }
    }

    TrackedEvent toEvent(long timestampMillis, @Nullable String customerIdentifier) {
      return new TrackedEvent(
          eventName,
          timestampMillis,
          customerIdentifier,
          names.toArray(new String[0]),
          values.toArray(),
          heapBytes(customerIdentifier));
    }

    /**
     * The heap the event will hold while queued, for the queue's byte bound. Not the JSON estimate:
     * that leaves out the Java objects around the data, and bench's MemoryAndShutdown measured a
     * typical event at a quarter more heap than its JSON estimate. Values count as copies of their
     * own (a literal shared with the code is counted all the same) and strings at a byte per char
     * (compact strings; text outside Latin-1 takes two). Names are not counted: they are the code's
     * literals or the configuration's MDC keys.
     */
    private int heapBytes(@Nullable String customerIdentifier) {
      long bytes = EVENT_HEAP_BYTES + (long) SLOT_HEAP_BYTES * values.size();
      bytes += heapBytesOf(customerIdentifier);
      for (int i = 0; i < values.size(); i++) {
        bytes += heapBytesOf(values.get(i));
      }
      return (int) Math.min(bytes, Integer.MAX_VALUE);
    }

    private static long heapBytesOf(@Nullable Object value) {
      if (value == null) {
        return 0;
      }
      if (value instanceof String) {
        return (long) STRING_HEAP_BYTES + ((String) value).length();
      }
      if (value instanceof List) {
        List<?> elements = (List<?>) value;
        long bytes = LIST_HEAP_BYTES;
        for (int i = 0; i < elements.size(); i++) {
          bytes += SLOT_HEAP_BYTES + heapBytesOf(elements.get(i));
        }
        return bytes;
      }
      if (value instanceof BigInteger || value instanceof BigDecimal) {
        return BIG_NUMBER_HEAP_BYTES;
      }
      return VALUE_HEAP_BYTES; // a boxed number or boolean, or an Instant
    }
  }
}
