package io.eventbunker.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.eventbunker.core.EventBunkerListener;
import io.eventbunker.core.EventResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * The write key never appears in anything the appender prints, reports or throws, even from a
 * server that echoes it back in every kind of answer. WireMock plays that server: the test kit's
 * receiver, being faithful, never echoes a key.
 */
public abstract class SecrecyContract {
  private static final String WRITE_KEY = "wk_secret_5ecret_0d15ea5e";
  private static final String ECHO = "Invalid key " + WRITE_KEY;
  private static final Marker EVENT = MarkerFactory.getMarker("EVENT");
  private static final Logger log = LoggerFactory.getLogger("eventbunker.contract.secrecy");

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final List<String> seen = new CopyOnWriteArrayList<>();

  /** A new driver of the adapter under test; one per appender this test starts. */
  protected abstract AdapterDriver newDriver();

  @Test
  void writeKeyNeverAppearsInStatusesResultsOrConsoleOutput() {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    try {
      for (int status : new int[] {400, 401, 500}) {
        String body = status == 400 ? "{\"error\":\"" + ECHO + "\"}" : ECHO;
        API.stubFor(post("/post").willReturn(aResponse().withStatus(status).withBody(body)));
        sendOneAndStop(Map.of("retryMaxAttempts", "1"), false);
      }
      // Not the API's answer: held, not settled, until the stop.
      API.stubFor(post("/post").willReturn(aResponse().withStatus(404).withBody(ECHO)));
      sendOneAndStop(Map.of(), true);
      // A key the header cannot carry: the error gives its position, never the key.
      try (AdapterDriver refused = newDriver()) {
        // The driver's own exception lists the settings given: what counts is the statuses.
        assertThrows(
            IllegalStateException.class,
            () -> refused.start("secrecy", settings(WRITE_KEY + " x", Map.of())));
        List<String> statuses = refused.statusWarnings();
        seen.addAll(statuses);
        seen.add(refused.appender().toString());
        assertTrue(statuses.stream().anyMatch(m -> m.contains("writeKey")), statuses.toString());
      }
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    seen.add(console.toString(StandardCharsets.UTF_8));

    assertTrue(seen.stream().anyMatch(s -> s.contains("Invalid key ***")), "the echo, scrubbed");
    for (String text : seen) {
      assertFalse(text.contains(WRITE_KEY), "write key leaked in: " + text);
    }
  }

  private void sendOneAndStop(Map<String, String> extra, boolean misdirected) {
    List<EventResult> results = new CopyOnWriteArrayList<>();
    try (AdapterDriver driver = newDriver()) {
      driver.start("secrecy", settings(WRITE_KEY, extra));
      driver.addListener(
          new EventBunkerListener() {
            @Override
            public void onResult(EventResult result) {
              results.add(result);
            }
          });
      log.info(EVENT, "signup_completed");
      if (misdirected) {
        await().until(() -> driver.stats().endpointMisdirected());
      } else {
        await().until(() -> !results.isEmpty());
      }
      seen.add(driver.appender().toString());
      seen.add(driver.stats().toString());
      seen.add(String.valueOf(driver.stats().lastError()));
      driver.stop(Duration.ZERO); // the stop summary too
      results.forEach(r -> seen.add(r.toString()));
      seen.addAll(driver.statusWarnings());
    }
  }

  private static Map<String, String> settings(String writeKey, Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(extra);
    settings.put("writeKey", writeKey);
    settings.put("endpoint", API.baseUrl() + "/post");
    return settings;
  }
}
