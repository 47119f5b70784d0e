package io.eventbunker.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's settings table is the user's view of EventBunkerDefaults: it must not drift. */
class ReadmeTest {
  private static final Pattern ROW =
      Pattern.compile("^\\| `(\\w+)` \\| ([^|]+) \\|", Pattern.MULTILINE);

  /** Setters that are not logback.xml settings. */
  private static final Set<String> CODE_ONLY =
      Set.of("httpClient", "context", "name", "encoder", "layout");

  private static Map<String, String> settingsTable() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    String table =
        readme.substring(
            readme.indexOf("<!-- settings-table"), readme.indexOf("<!-- /settings-table"));
    Map<String, String> rows = new LinkedHashMap<>();
    Matcher matcher = ROW.matcher(table);
    while (matcher.find()) {
      rows.put(matcher.group(1), matcher.group(2).trim().replace("`", ""));
    }
    return rows;
  }

  @Test
  void everySettingIsInTheTable() throws IOException {
    Set<String> settings =
        Arrays.stream(EventBunkerAppender.class.getMethods())
            .filter(m -> m.getDeclaringClass() == EventBunkerAppender.class)
            .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getName().startsWith("set"))
            .map(Method::getName)
            .map(n -> Character.toLowerCase(n.charAt(3)) + n.substring(4))
            .filter(n -> !CODE_ONLY.contains(n))
            .collect(Collectors.toCollection(TreeSet::new));

    assertEquals(settings, new TreeSet<>(settingsTable().keySet()));
  }

  @Test
  void tableDefaultsAreTheAppendersDefaults() throws IOException {
    Map<String, String> table = settingsTable();
    EventBunkerAppender appender = new EventBunkerAppender();

    assertEquals(appender.getEndpoint(), table.get("endpoint"));
    assertEquals(String.valueOf(appender.getQueueCapacity()), table.get("queueCapacity"));
    assertEquals(
        appender.getQueueMaxBytes().getSize(),
        FileSize.valueOf(table.get("queueMaxBytes")).getSize());
    assertEquals(
        appender.getMaxEventBytes().getSize(),
        FileSize.valueOf(table.get("maxEventBytes")).getSize());
    assertDuration(appender.getAppendTimeout(), table.get("appendTimeout"));
    assertEquals(String.valueOf(appender.getMaxInFlight()), table.get("maxInFlight"));
    assertDuration(appender.getConnectTimeout(), table.get("connectTimeout"));
    assertDuration(appender.getRequestTimeout(), table.get("requestTimeout"));
    assertEquals(String.valueOf(appender.getRetryMaxAttempts()), table.get("retryMaxAttempts"));
    assertDuration(appender.getRetryInitialBackoff(), table.get("retryInitialBackoff"));
    assertDuration(appender.getRetryMaxBackoff(), table.get("retryMaxBackoff"));
    assertDuration(appender.getRetryTimeout(), table.get("retryTimeout"));
    assertDuration(appender.getShutdownTimeout(), table.get("shutdownTimeout"));
    assertEquals(appender.getCustomerIdentifierMdcKey(), table.get("customerIdentifierMdcKey"));
    assertEquals(null, appender.getSpoolDirectory());
    assertEquals("(none)", table.get("spoolDirectory"));
    assertEquals(
        appender.getMaxSpoolBytes().getSize(),
        FileSize.valueOf(table.get("maxSpoolBytes")).getSize());
    assertDuration(appender.getSpoolMaxAge(), table.get("spoolMaxAge"));
    assertEquals(String.valueOf(appender.isConsoleWarnings()), table.get("consoleWarnings"));
  }

  private static void assertDuration(Duration expected, String documented) {
    assertEquals(
        expected.getMilliseconds(), Duration.valueOf(documented).getMilliseconds(), documented);
  }
}
