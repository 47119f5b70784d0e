package io.eventbunker.core.internal;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Converts field values into immutable values the API can carry: strings, numbers, booleans and
 * arrays of those. The README's "Field values" table documents each rule.
 *
 * <p>Runs on the logging thread, so it never calls {@code toString()} of arbitrary objects (which
 * may be slow, throw, or recurse through a cyclic graph): a type it does not know rejects the
 * event, with a reason naming the field and its type.
 */
final class FieldValues {
  private static final int NUMBER_BYTES = 24;
  private static final int INSTANT_BYTES = 26;

  private FieldValues() {}

  /** The value to send, or null when the field is to be left out (a null value). */
  static @Nullable Object snapshot(EventCapture.Fields fields, String key, @Nullable Object value)
      throws RejectedEventException {
    if (value == null) {
      return null;
    }
    if (value instanceof Collection || value.getClass().isArray()) {
      return array(fields, key, value);
    }
    return scalar(fields, key, value);
  }

  static String customerIdentifier(String eventName, Object value) throws RejectedEventException {
    if (value instanceof String) {
      return (String) value;
    }
    if (value instanceof Number || value instanceof UUID || value instanceof CharSequence) {
      return String.valueOf(value);
    }
    throw new RejectedEventException(
        eventName,
        "field 'customer_identifier' has type "
            + value.getClass().getName()
            + "; pass a string (or a number or UUID)");
  }

  private static Object scalar(EventCapture.Fields fields, String key, Object value)
      throws RejectedEventException {
    if (value instanceof String) {
      fields.charge(((String) value).length() + 2);
      return value;
    }
    if (value instanceof Boolean) {
      fields.charge(5);
      return value;
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger
        || value instanceof BigDecimal) {
      fields.charge(value instanceof BigDecimal || value instanceof BigInteger ? 64 : 20);
      return value;
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      if (Double.isNaN(number) || Double.isInfinite(number)) {
        throw new RejectedEventException(
            fields.eventName(),
            "field '"
                + key
                + "' is "
                + number
                + ", which JSON cannot carry; send a finite number or leave the field out");
      }
      fields.charge(NUMBER_BYTES);
      return value;
    }
    if (value instanceof AtomicInteger || value instanceof AtomicLong) {
      fields.charge(20);
      return ((Number) value).longValue();
    }
    if (value instanceof AtomicBoolean) {
      fields.charge(5);
      return ((AtomicBoolean) value).get();
    }
    if (value instanceof Enum) {
      String name = ((Enum<?>) value).name();
      fields.charge(name.length() + 2);
      return name;
    }
    if (value instanceof Character || value instanceof UUID || value instanceof URI) {
      return string(fields, value.toString());
    }
    Instant instant = instant(value);
    if (instant != null) {
      fields.charge(INSTANT_BYTES);
      return instant;
    }
    if (value instanceof TemporalAccessor && value.getClass().getName().startsWith("java.time.")) {
      return string(fields, value.toString()); // ISO-8601, e.g. a LocalDate as 2024-05-01
    }
    if (value instanceof java.time.Duration || value instanceof java.time.Period) {
      return string(fields, value.toString());
    }
    if (value instanceof CharSequence) {
      return charSequence(fields, key, (CharSequence) value);
    }
    throw unsupported(fields, key, value);
  }

  private static Object string(EventCapture.Fields fields, String text)
      throws RejectedEventException {
    fields.charge(text.length() + 2);
    return text;
  }

  private static Object charSequence(EventCapture.Fields fields, String key, CharSequence value)
      throws RejectedEventException {
    fields.charge(value.length() + 2); // before copying: a huge builder is rejected, not copied
    try {
      return value.toString();
    } catch (RuntimeException e) {
      throw new RejectedEventException(
          fields.eventName(), "field '" + key + "' could not be read: " + e);
    }
  }

  /**
   * Times become the API's timestamp format, in UTC; null when the value is not a point in time.
   */
  @SuppressWarnings("JavaUtilDate") // users log Dates: they are converted, never used
  private static @Nullable Instant instant(Object value) {
    if (value instanceof Instant) {
      return (Instant) value;
    }
    if (value instanceof Date) {
      return Instant.ofEpochMilli(((Date) value).getTime()); // java.sql.Date has no toInstant()
    }
    if (value instanceof OffsetDateTime) {
      return ((OffsetDateTime) value).toInstant();
    }
    if (value instanceof ZonedDateTime) {
      return ((ZonedDateTime) value).toInstant();
    }
    if (value instanceof Calendar) {
      return Instant.ofEpochMilli(((Calendar) value).getTimeInMillis());
    }
    return null;
  }

  private static Object array(EventCapture.Fields fields, String key, Object value)
      throws RejectedEventException {
    List<Object> elements = new ArrayList<>();
    try {
      if (value instanceof Collection) {
        fields.charge(((Collection<?>) value).size()); // before iterating a huge collection
        for (Object element : (Collection<?>) value) {
          addElement(fields, key, elements, element);
        }
      } else {
        int length = Array.getLength(value);
        fields.charge(length);
        for (int i = 0; i < length; i++) {
          addElement(fields, key, elements, Array.get(value, i));
        }
      }
    } catch (RuntimeException e) {
      // A collection changed by another thread while we copy it, or one whose iterator fails.
      throw new RejectedEventException(
          fields.eventName(), "field '" + key + "' could not be read: " + e);
    }
    return Collections.unmodifiableList(elements);
  }

  private static void addElement(
      EventCapture.Fields fields, String key, List<Object> elements, Object element)
      throws RejectedEventException {
    if (element == null) {
      return;
    }
    if (element instanceof Collection || element instanceof Map || element.getClass().isArray()) {
      throw new RejectedEventException(
          fields.eventName(),
          "field '"
              + key
              + "' is an array of arrays or maps; EventBunker arrays hold strings, numbers"
              + " and booleans");
    }
    elements.add(scalar(fields, key, element));
  }

  private static RejectedEventException unsupported(
      EventCapture.Fields fields, String key, Object value) {
    String type = value.getClass().getName();
    String hint =
        value instanceof Map
            ? "EventBunker events are flat: log the map's entries as separate fields"
            : "pass a string, number, boolean, or an array of those (for example"
                + " String.valueOf(value), or the few fields you need)";
    return new RejectedEventException(
        fields.eventName(), "field '" + key + "' has type " + type + "; " + hint);
  }
}
