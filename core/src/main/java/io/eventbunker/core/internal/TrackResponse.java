package io.eventbunker.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Reads what the track API answers: the receipt of a 2xx, the message of an error. */
final class TrackResponse {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final int MAX_MESSAGE_LENGTH = 300;

  final @Nullable String uniqueRequestId;
  final long timeRecorded;

  private TrackResponse(@Nullable String uniqueRequestId, long timeRecorded) {
    this.uniqueRequestId = uniqueRequestId;
    this.timeRecorded = timeRecorded;
  }

  /** The receipt in a 2xx body; empty values when the body is not the documented JSON. */
  static TrackResponse receipt(String body) {
    String id = null;
    long time = 0;
    try (JsonParser parser = FACTORY.createParser(body)) {
      if (parser.nextToken() == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          JsonToken value = parser.nextToken();
          if ("unique_req_id".equals(field) && value == JsonToken.VALUE_STRING) {
            id = parser.getText();
          } else if ("time_recorded".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
            time = parser.getLongValue();
          } else {
            parser.skipChildren();
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // Delivered all the same: the status said so. The receipt is informational.
    }
    return new TrackResponse(id, time);
  }

  /** The error text of a response body, shortened; the body as text when it is not JSON. */
  static String errorMessage(@Nullable String body) {
    if (body == null || body.trim().isEmpty()) {
      return "(empty body)";
    }
    String text = body.trim().replaceAll("\\s+", " ");
    return text.length() <= MAX_MESSAGE_LENGTH ? text : text.substring(0, MAX_MESSAGE_LENGTH) + "…";
  }

  /**
   * A {@code Retry-After} value (delay-seconds or an HTTP date) in nanoseconds from now, or -1 when
   * absent or unreadable.
   */
  static long retryAfterNanos(@Nullable String header, long nowEpochMillis) {
    if (header == null || header.trim().isEmpty()) {
      return -1;
    }
    String value = header.trim();
    try {
      return TimeUnit.SECONDS.toNanos(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        long at =
            ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant()
                .toEpochMilli();
        return TimeUnit.MILLISECONDS.toNanos(Math.max(0, at - nowEpochMillis));
      } catch (DateTimeParseException notADate) {
        return -1;
      }
    }
  }
}
