package io.eventbunker.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Writes an event as the API's JSON body. Used by the sender thread only: it reuses one buffer. */
final class EventJson {
  /** The API's timestamp format, always in UTC: {@code 2021-06-26T14:48:00.000}. */
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** Linear duplicate checks are cheaper than a map for the few fields most events have. */
  private static final int LINEAR_DEDUP_LIMIT = 16;

  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private final ByteArrayBuilder buffer = new ByteArrayBuilder(1024);

  byte[] write(TrackedEvent event) throws IOException {
    buffer.reset();
    try (JsonGenerator json = FACTORY.createGenerator(buffer)) {
      json.writeStartObject();
      json.writeStringField(EventCapture.EVENT_NAME, event.name());
      json.writeStringField(
          EventCapture.TIMESTAMP, TIMESTAMP.format(Instant.ofEpochMilli(event.timestampMillis())));
      if (event.customerIdentifier() != null) {
        json.writeStringField(EventCapture.CUSTOMER_IDENTIFIER, event.customerIdentifier());
      }
      Map<String, Integer> lastIndex = lastIndexOfEachName(event);
      for (int i = 0; i < event.fieldCount(); i++) {
        if (isOverridden(event, i, lastIndex)) {
          continue;
        }
        json.writeFieldName(event.fieldName(i));
        writeValue(json, event.fieldValue(i));
      }
      json.writeEndObject();
    }
    return buffer.toByteArray();
  }

  private static @Nullable Map<String, Integer> lastIndexOfEachName(TrackedEvent event) {
    if (event.fieldCount() <= LINEAR_DEDUP_LIMIT) {
      return null;
    }
    Map<String, Integer> lastIndex = new HashMap<>();
    for (int i = 0; i < event.fieldCount(); i++) {
      lastIndex.put(event.fieldName(i), i);
    }
    return lastIndex;
  }

  /** Whether a later field has the same name: the later one wins. */
  private static boolean isOverridden(
      TrackedEvent event, int index, @Nullable Map<String, Integer> last) {
    if (last != null) {
      return !Objects.equals(last.get(event.fieldName(index)), index);
    }
    for (int j = index + 1; j < event.fieldCount(); j++) {
      if (event.fieldName(j).equals(event.fieldName(index))) {
        return true;
      }
    }
    return false;
  }

  private static void writeValue(JsonGenerator json, Object value) throws IOException {
    if (value instanceof String) {
      json.writeString((String) value);
    } else if (value instanceof Boolean) {
      json.writeBoolean((Boolean) value);
    } else if (value instanceof Double || value instanceof Float) {
      json.writeNumber(((Number) value).doubleValue());
    } else if (value instanceof BigDecimal) {
      json.writeNumber((BigDecimal) value);
    } else if (value instanceof BigInteger) {
      json.writeNumber((BigInteger) value);
    } else if (value instanceof Number) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof Instant) {
      json.writeString(TIMESTAMP.format((Instant) value));
    } else {
      List<?> elements = (List<?>) value;
      json.writeStartArray();
      for (int i = 0; i < elements.size(); i++) {
        writeValue(json, elements.get(i));
      }
      json.writeEndArray();
    }
  }
}
