package io.eventbunker.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbunker.core.EventBunkerDefaults;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

/** The defaults written out for IDEs and the README never drift from the appender's. */
class EventBunkerPropertiesTests {

  @Test
  void defaultsAreTheAppendersDefaults() {
    EventBunkerProperties properties = new EventBunkerProperties();
    assertThat(properties.isEnabled()).isTrue();
    assertThat(properties.getWriteKey()).isNull();
    assertThat(properties.getEndpoint()).isEqualTo(EventBunkerDefaults.ENDPOINT);
    assertThat(properties.getQueueCapacity()).isEqualTo(EventBunkerDefaults.QUEUE_CAPACITY);
    assertThat(properties.getQueueMaxBytes().toBytes())
        .isEqualTo(EventBunkerDefaults.QUEUE_MAX_BYTES);
    assertThat(properties.getMaxEventBytes().toBytes())
        .isEqualTo(EventBunkerDefaults.MAX_EVENT_BYTES);
    assertThat(properties.getAppendTimeout().toMillis())
        .isEqualTo(EventBunkerDefaults.APPEND_TIMEOUT_MS);
    assertThat(properties.getMaxInFlight()).isEqualTo(EventBunkerDefaults.MAX_IN_FLIGHT);
    assertThat(properties.getConnectTimeout().toMillis())
        .isEqualTo(EventBunkerDefaults.CONNECT_TIMEOUT_MS);
    assertThat(properties.getRequestTimeout().toMillis())
        .isEqualTo(EventBunkerDefaults.REQUEST_TIMEOUT_MS);
    assertThat(properties.getRetry().getMaxAttempts())
        .isEqualTo(EventBunkerDefaults.RETRY_MAX_ATTEMPTS);
    assertThat(properties.getRetry().getInitialBackoff().toMillis())
        .isEqualTo(EventBunkerDefaults.RETRY_INITIAL_BACKOFF_MS);
    assertThat(properties.getRetry().getMaxBackoff().toMillis())
        .isEqualTo(EventBunkerDefaults.RETRY_MAX_BACKOFF_MS);
    assertThat(properties.getRetry().getTimeout().toMillis())
        .isEqualTo(EventBunkerDefaults.RETRY_TIMEOUT_MS);
    assertThat(properties.getShutdownTimeout().toMillis())
        .isEqualTo(EventBunkerDefaults.SHUTDOWN_TIMEOUT_MS);
    assertThat(properties.getCustomerIdentifierMdcKey())
        .isEqualTo(EventBunkerDefaults.CUSTOMER_IDENTIFIER_MDC_KEY);
    assertThat(properties.getMdcKeys()).isEmpty();
    assertThat(properties.isConsoleWarnings()).isEqualTo(EventBunkerDefaults.CONSOLE_WARNINGS);
    assertThat(properties.getLoggers()).containsExactly("ROOT");
    assertThat(properties.getSpool().getDirectory()).isNull();
    assertThat(properties.getSpool().getMaxBytes().toBytes())
        .isEqualTo(EventBunkerDefaults.MAX_SPOOL_BYTES);
    assertThat(properties.getSpool().getMaxAge().toMillis())
        .isEqualTo(EventBunkerDefaults.SPOOL_MAX_AGE_MS);
  }

  @Test
  void metadataDescribesEveryPropertyWithTheAppendersDefault() throws Exception {
    Map<String, JsonNode> metadata = metadata();
    assertThat(metadata.keySet())
        .contains(
            "eventbunker.enabled",
            "eventbunker.write-key",
            "eventbunker.retry.max-attempts",
            "eventbunker.loggers",
            "management.health.eventbunker.enabled");
    metadata.forEach(
        (name, property) -> {
          assertThat(property.path("description").asText()).as(name).isNotBlank();
          // Unset by default, each of these: no key, no spool, the JVM's proxy.
          if (!Set.of("eventbunker.write-key", "eventbunker.spool.directory", "eventbunker.proxy")
              .contains(name)) {
            assertThat(property.has("defaultValue")).as(name + " has a default").isTrue();
          }
        });
    assertThat(duration(metadata, "eventbunker.append-timeout").toMillis())
        .isEqualTo(EventBunkerDefaults.APPEND_TIMEOUT_MS);
    assertThat(duration(metadata, "eventbunker.connect-timeout").toMillis())
        .isEqualTo(EventBunkerDefaults.CONNECT_TIMEOUT_MS);
    assertThat(duration(metadata, "eventbunker.request-timeout").toMillis())
        .isEqualTo(EventBunkerDefaults.REQUEST_TIMEOUT_MS);
    assertThat(duration(metadata, "eventbunker.shutdown-timeout").toMillis())
        .isEqualTo(EventBunkerDefaults.SHUTDOWN_TIMEOUT_MS);
    assertThat(duration(metadata, "eventbunker.retry.initial-backoff").toMillis())
        .isEqualTo(EventBunkerDefaults.RETRY_INITIAL_BACKOFF_MS);
    assertThat(duration(metadata, "eventbunker.retry.max-backoff").toMillis())
        .isEqualTo(EventBunkerDefaults.RETRY_MAX_BACKOFF_MS);
    assertThat(duration(metadata, "eventbunker.retry.timeout").toMillis())
        .isEqualTo(EventBunkerDefaults.RETRY_TIMEOUT_MS);
    assertThat(dataSize(metadata, "eventbunker.queue-max-bytes").toBytes())
        .isEqualTo(EventBunkerDefaults.QUEUE_MAX_BYTES);
    assertThat(dataSize(metadata, "eventbunker.max-event-bytes").toBytes())
        .isEqualTo(EventBunkerDefaults.MAX_EVENT_BYTES);
    assertThat(dataSize(metadata, "eventbunker.spool.max-bytes").toBytes())
        .isEqualTo(EventBunkerDefaults.MAX_SPOOL_BYTES);
    assertThat(duration(metadata, "eventbunker.spool.max-age").toMillis())
        .isEqualTo(EventBunkerDefaults.SPOOL_MAX_AGE_MS);
    assertThat(defaultOf(metadata, "eventbunker.queue-capacity").asInt())
        .isEqualTo(EventBunkerDefaults.QUEUE_CAPACITY);
    assertThat(defaultOf(metadata, "eventbunker.max-in-flight").asInt())
        .isEqualTo(EventBunkerDefaults.MAX_IN_FLIGHT);
    assertThat(defaultOf(metadata, "eventbunker.retry.max-attempts").asInt())
        .isEqualTo(EventBunkerDefaults.RETRY_MAX_ATTEMPTS);
    assertThat(defaultOf(metadata, "eventbunker.endpoint").asText())
        .isEqualTo(EventBunkerDefaults.ENDPOINT);
    assertThat(defaultOf(metadata, "eventbunker.customer-identifier-mdc-key").asText())
        .isEqualTo(EventBunkerDefaults.CUSTOMER_IDENTIFIER_MDC_KEY);
    assertThat(defaultOf(metadata, "eventbunker.console-warnings").isBoolean()).isTrue();
    assertThat(defaultOf(metadata, "eventbunker.console-warnings").asBoolean())
        .isEqualTo(EventBunkerDefaults.CONSOLE_WARNINGS);
  }

  @Test
  void readmeTableListsEveryPropertyWithItsDefault() throws Exception {
    Map<String, String> table = new LinkedHashMap<>();
    Matcher row =
        Pattern.compile("(?m)^\\| `((?:eventbunker|management)\\.[a-z.-]+)` \\| ([^|]*) \\|")
            .matcher(Files.readString(Path.of("..", "README.md")));
    while (row.find()) {
      table.put(row.group(1), row.group(2).trim());
    }
    Map<String, JsonNode> metadata = metadata();
    assertThat(table.keySet()).containsExactlyInAnyOrderElementsOf(metadata.keySet());
    metadata.forEach(
        (name, property) ->
            assertThat(table.get(name))
                .as(name)
                .isEqualTo(readmeDefault(property.path("defaultValue"))));
  }

  /** How the README's table shows a default: in backticks, lists comma-separated, or "none". */
  private static String readmeDefault(JsonNode value) {
    if (value.isMissingNode() || value.isArray() && value.isEmpty()) {
      return "none";
    }
    if (value.isArray()) {
      List<String> elements = new java.util.ArrayList<>();
      value.forEach(element -> elements.add(element.asText()));
      return "`" + String.join(",", elements) + "`";
    }
    return "`" + value.asText() + "`";
  }

  private static Map<String, JsonNode> metadata() throws Exception {
    Map<String, JsonNode> properties = new LinkedHashMap<>();
    try (InputStream in =
        EventBunkerPropertiesTests.class
            .getClassLoader()
            .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
      for (JsonNode property : new ObjectMapper().readTree(in).path("properties")) {
        properties.put(property.path("name").asText(), property);
      }
    }
    return properties;
  }

  private static JsonNode defaultOf(Map<String, JsonNode> metadata, String name) {
    return metadata.get(name).path("defaultValue");
  }

  private static Duration duration(Map<String, JsonNode> metadata, String name) {
    return DurationStyle.detectAndParse(defaultOf(metadata, name).asText());
  }

  private static DataSize dataSize(Map<String, JsonNode> metadata, String name) {
    return DataSize.parse(defaultOf(metadata, name).asText());
  }
}
