package io.eventbunker.log4j2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.eventbunker.log4j2.EventBunker.EVENT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The write key never appears in anything the appender prints, reports or throws. */
class SecrecyTest {
  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void writeKeyNeverAppearsInStatusesResultsOrConsoleOutput() {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
    List<String> seen = new ArrayList<>();
    System.setOut(capture);
    System.setErr(capture);
    try {
      // A server that echoes the key back in every kind of answer.
      String echo = "Invalid key " + Log4j2Harness.WRITE_KEY;
      for (int status : new int[] {400, 401, 500}) {
        String body = status == 400 ? "{\"error\":\"" + echo + "\"}" : echo;
        api.stubFor(post("/post").willReturn(aResponse().withStatus(status).withBody(body)));
        try (Log4j2Harness harness =
            new Log4j2Harness(api.baseUrl() + "/post", b -> b.setRetryMaxAttempts(1))) {
          harness.logger.info(EVENT, "signup_completed");
          harness.awaitResults(1).forEach(r -> seen.add(r.toString()));
          seen.add(harness.appender.toString());
          seen.add(harness.appender.getStats().toString());
          seen.add(String.valueOf(harness.appender.getStats().lastError()));
          harness.appender.stop(); // the stop summary too
          seen.addAll(harness.status.messages());
        }
      }
      // Not the API's answer: held, not settled, until the stop.
      api.stubFor(post("/post").willReturn(aResponse().withStatus(404).withBody(echo)));
      try (Log4j2Harness harness = new Log4j2Harness(api.baseUrl() + "/post")) {
        harness.logger.info(EVENT, "signup_completed");
        await().until(() -> harness.appender.getStats().endpointMisdirected());
        harness.appender.stop();
        harness.results.forEach(r -> seen.add(r.toString()));
        seen.addAll(harness.status.messages());
      }
      // A key the header cannot carry: the error gives its position, never the key.
      StatusRecorder status = StatusRecorder.register();
      try {
        EventBunkerAppender refused =
            EventBunkerAppender.newBuilder()
                .setName("eventbunker")
                .setWriteKey(Log4j2Harness.WRITE_KEY + " x")
                .build();
        refused.start();
        seen.add(refused.toString());
        seen.addAll(status.messages());
        assertTrue(
            status.messages().stream().anyMatch(m -> m.contains("writeKey")),
            status.messages().toString());
      } finally {
        status.unregister();
      }
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    seen.add(console.toString(StandardCharsets.UTF_8));

    assertTrue(
        seen.stream().anyMatch(s -> s.contains("Invalid key ***")), "the echo was seen, scrubbed");
    for (String text : seen) {
      assertFalse(text.contains(Log4j2Harness.WRITE_KEY), "write key leaked in: " + text);
    }
  }
}
