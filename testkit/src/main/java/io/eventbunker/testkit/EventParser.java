package io.eventbunker.testkit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a track request body and applies the API's schema. The whole body is read before any schema
 * error is reported, so broken JSON is always reported as such, whatever comes first.
 */
final class EventParser {
  private static final String EVENT_NAME = "event_name";
  private static final String TIMESTAMP = "timestamp";
  private static final String CUSTOMER_IDENTIFIER = "customer_identifier";

  /** The API's documented timestamp format, e.g. {@code 2021-06-26T14:48:00.000}, read as UTC. */
  private static final DateTimeFormatter TIMESTAMP_FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS")
          .withResolverStyle(ResolverStyle.STRICT);

  // The formatter alone would accept a longer year or a sign; the API's format has neither.
  private static final Pattern TIMESTAMP_SHAPE =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
  private static final int MAX_QUOTED_LENGTH = 60;

  private EventParser() {}

  static ReceivedEvent parse(byte[] body, String uniqueReqId, Instant receivedAt)
      throws InvalidEventException {
    String text = utf8(body);
    Map<String, Object> values = readObject(text);
    String name = eventName(values.remove(EVENT_NAME));
    Object timestampValue = values.remove(TIMESTAMP);
    Instant timestamp = timestampValue == null ? receivedAt : timestamp(timestampValue);
    String customerIdentifier = customerIdentifier(values.remove(CUSTOMER_IDENTIFIER));
    for (Map.Entry<String, Object> field : values.entrySet()) {
      if (field.getValue() instanceof Unsupported) {
        throw new InvalidEventException(
            "field \""
                + field.getKey()
                + "\" must be a string, number, boolean or an array of those, got "
                + describe(field.getValue()));
      }
    }
    return new ReceivedEvent(
        uniqueReqId,
        name,
        timestamp,
        customerIdentifier,
        Collections.unmodifiableMap(values),
        text,
        receivedAt);
  }

  static String formatTimestamp(Instant instant) {
    return TIMESTAMP_FORMAT.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  // JSON on the wire is UTF-8 (RFC 8259); anything else would be stored garbled, so it is refused.
  private static String utf8(byte[] body) throws InvalidEventException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidEventException("body is not valid UTF-8");
    }
  }

  private static Map<String, Object> readObject(String body) throws InvalidEventException {
    try (JsonParser parser = Json.FACTORY.createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new InvalidEventException("body is empty, expected a JSON object");
      }
      Map<String, Object> members = new LinkedHashMap<>();
      if (first == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          members.put(name, readMember(parser, parser.nextToken()));
        }
      } else {
        parser.skipChildren();
      }
      if (parser.nextToken() != null) {
        throw new InvalidEventException("body has more content after the JSON value");
      }
      if (first != JsonToken.START_OBJECT) {
        throw new InvalidEventException("body must be a JSON object, got " + describe(first));
      }
      return members;
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      throw new InvalidEventException(
          "body is not valid JSON: "
              + e.getOriginalMessage()
              + (location == null
                  ? ""
                  : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"));
    } catch (IOException e) {
      throw new InvalidEventException("body is not valid JSON: " + e.getMessage());
    }
  }

  /**
   * A member's Java value; anything the schema does not allow there is consumed and recorded as
   * {@link Unsupported}, so reading goes on to find any syntax error later in the body.
   */
  private static Object readMember(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_ARRAY:
        return readArray(parser);
      case START_OBJECT:
      case VALUE_NULL:
        parser.skipChildren();
        return new Unsupported(describe(token));
      default:
        return scalar(parser, token);
    }
  }

  private static Object readArray(JsonParser parser) throws IOException {
    List<Object> elements = new ArrayList<>();
    String unsupported = null;
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      if (token == JsonToken.START_OBJECT
          || token == JsonToken.START_ARRAY
          || token == JsonToken.VALUE_NULL) {
        parser.skipChildren();
        unsupported = describe(token);
      } else {
        elements.add(scalar(parser, token));
      }
    }
    if (unsupported != null) {
      return new Unsupported("an array containing " + unsupported);
    }
    return Collections.unmodifiableList(elements);
  }

  private static Object scalar(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return parser.getNumberValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue();
      case VALUE_TRUE:
        return true;
      case VALUE_FALSE:
        return false;
      default:
        throw new IllegalStateException("unexpected JSON token " + token);
    }
  }

  private static String eventName(@Nullable Object value) throws InvalidEventException {
    if (value == null) {
      throw new InvalidEventException(EVENT_NAME + " is required");
    }
    if (!(value instanceof String) || ((String) value).isEmpty()) {
      throw new InvalidEventException(
          EVENT_NAME + " must be a non-empty string, got " + describe(value));
    }
    return (String) value;
  }

  private static Instant timestamp(Object value) throws InvalidEventException {
    if (value instanceof String && TIMESTAMP_SHAPE.matcher((String) value).matches()) {
      try {
        return LocalDateTime.parse((String) value, TIMESTAMP_FORMAT).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notADate) {
        // reported below, with the shape that was expected
      }
    }
    throw new InvalidEventException(
        TIMESTAMP
            + " must be a UTC date-time string with milliseconds and no zone, like"
            + " 2021-06-26T14:48:00.000, got "
            + describe(value));
  }

  private static @Nullable String customerIdentifier(@Nullable Object value)
      throws InvalidEventException {
    if (value != null && !(value instanceof String)) {
      throw new InvalidEventException(
          CUSTOMER_IDENTIFIER + " must be a string, got " + describe(value));
    }
    return (String) value;
  }

  private static String describe(Object value) {
    if (value instanceof Unsupported) {
      return ((Unsupported) value).description;
    }
    if (value instanceof String) {
      String text = (String) value;
      if (text.isEmpty()) {
        return "an empty string";
      }
      return "the string \""
          + (text.length() > MAX_QUOTED_LENGTH ? text.substring(0, MAX_QUOTED_LENGTH) + "…" : text)
          + "\"";
    }
    if (value instanceof Number) {
      return "the number " + value;
    }
    if (value instanceof Boolean) {
      return "the boolean " + value;
    }
    return "an array";
  }

  private static String describe(JsonToken token) {
    switch (token) {
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      case VALUE_NULL:
        return "null";
      case VALUE_STRING:
        return "a string";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      default:
        return "a number";
    }
  }

  /** A value the schema does not allow where it was found; kept only to name it in the error. */
  private static final class Unsupported {
    final String description;

    Unsupported(String description) {
      this.description = description;
    }
  }

  /** The body broke the API's rules; the message is the {@code details} of the 400 response. */
  static final class InvalidEventException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidEventException(String message) {
      super(message);
    }
  }
}
