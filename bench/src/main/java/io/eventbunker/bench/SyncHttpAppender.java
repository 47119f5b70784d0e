package io.eventbunker.bench;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbunker.core.EventField;
import io.eventbunker.logback.EventBunker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Marker;

/**
 * The baseline a user would write from standard parts: Jackson databind builds the body and {@code
 * HttpClient.send} posts it inside {@code append}. Sends the same JSON as our appender.
 */
final class SyncHttpAppender extends AppenderBase<ILoggingEvent> {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI endpoint;
  private final LongAdder delivered = new LongAdder();

  SyncHttpAppender(URI endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (!isEvent(event)) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event_name", event.getMessage());
    body.put("timestamp", TIMESTAMP.format(Instant.ofEpochMilli(event.getTimeStamp())));
    Object[] arguments = event.getArgumentArray();
    if (arguments != null) {
      for (Object argument : arguments) {
        if (argument instanceof EventField) {
          body.put(((EventField) argument).name(), ((EventField) argument).value());
        }
      }
    }
    try {
      HttpRequest request =
          HttpRequest.newBuilder(endpoint)
              .header("Content-Type", "application/json")
              .header("x-eventbunker-write-key", Contexts.WRITE_KEY)
              .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)))
              .build();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 == 2) {
        delivered.increment();
      }
    } catch (IOException e) {
      addWarn("Could not send an event: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean isEvent(ILoggingEvent event) {
    if (event.getMarkerList() == null) {
      return false;
    }
    for (Marker marker : event.getMarkerList()) {
      if (marker.getName().equals(EventBunker.EVENT_MARKER_NAME)) {
        return true;
      }
    }
    return false;
  }

  /** Events the endpoint answered with 2xx. */
  long delivered() {
    return delivered.sum();
  }
}
