package io.eventbunker.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The JSON the receiver writes: response bodies, event records and the inbox data. */
final class Json {
  // Duplicate members are ambiguous (which one did the API store?), so they are rejected.
  static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private Json() {}

  static byte[] accepted(String uniqueReqId, long timeRecorded) {
    return write(
        generator -> {
          generator.writeStartObject();
          generator.writeStringField("unique_req_id", uniqueReqId);
          generator.writeNumberField("time_recorded", timeRecorded);
          generator.writeEndObject();
        });
  }

  /** An error body: {@code {"error": ..., "details": ...}}, details left out when null. */
  static byte[] error(String error, @Nullable String details) {
    return write(
        generator -> {
          generator.writeStartObject();
          generator.writeStringField("error", error);
          if (details != null) {
            generator.writeStringField("details", details);
          }
          generator.writeEndObject();
        });
  }

  /** One line of the events file: the same record as in {@code GET /api/events}. */
  static String eventLine(ReceivedEvent event) {
    StringWriter line = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(line)) {
      writeEvent(generator, event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return line.toString();
  }

  static byte[] inbox(List<ReceivedEvent> newestFirst, StatusCounters.Counts counts) {
    return write(
        generator -> {
          generator.writeStartObject();
          generator.writeObjectFieldStart("counts");
          generator.writeNumberField("accepted", counts.accepted);
          generator.writeNumberField("bad_request", counts.badRequest);
          generator.writeNumberField("unauthorized", counts.unauthorized);
          generator.writeNumberField("injected_faults", counts.injectedFaults);
          generator.writeNumberField("evicted", counts.evicted);
          generator.writeEndObject();
          generator.writeArrayFieldStart("events");
          for (ReceivedEvent event : newestFirst) {
            writeEvent(generator, event);
          }
          generator.writeEndArray();
          generator.writeEndObject();
        });
  }

  /** A field value as JSON text, for display. */
  static String value(Object value) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(text)) {
      writeValue(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static void writeEvent(JsonGenerator generator, ReceivedEvent event) throws IOException {
    generator.writeStartObject();
    generator.writeStringField("unique_req_id", event.uniqueReqId());
    generator.writeNumberField("time_recorded", event.receivedAt().toEpochMilli());
    generator.writeStringField("timestamp", EventParser.formatTimestamp(event.timestamp()));
    generator.writeFieldName("event");
    try (JsonParser parser = FACTORY.createParser(event.rawJson())) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token.isNumeric()) {
          // Jackson's own copy goes through double, which would round 0.1000000000000000055.
          generator.writeNumber(parser.getText());
        } else {
          generator.copyCurrentEvent(parser);
        }
      }
    }
    generator.writeEndObject();
  }

  private static void writeValue(JsonGenerator generator, Object value) throws IOException {
    if (value instanceof List) {
      generator.writeStartArray();
      for (Object element : (List<?>) value) {
        writeValue(generator, element);
      }
      generator.writeEndArray();
    } else if (value instanceof String) {
      generator.writeString((String) value);
    } else if (value instanceof Boolean) {
      generator.writeBoolean((Boolean) value);
    } else {
      generator.writeNumber(value.toString());
    }
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (JsonGenerator generator = FACTORY.createGenerator(bytes)) {
      body.writeTo(generator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private interface Body {
    void writeTo(JsonGenerator generator) throws IOException;
  }
}
