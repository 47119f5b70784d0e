package io.eventbunker.logback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.eventbunker.logback.EventBunker.EVENT;
import static io.eventbunker.logback.EventBunker.field;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.core.util.Duration;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.EventResult;
import io.eventbunker.core.Outcome;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults at the API and on the network: the accounting identity holds exactly against what the
 * server itself saw, and no event is lost when the fault fits within the retry limits.
 */
class FaultToleranceTest {
  private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().dynamicHttpsPort())
          .build();

  private static AppenderHarness patientHarness(String endpoint) {
    return new AppenderHarness(
        endpoint,
        a -> {
          a.setRetryMaxAttempts(50);
          a.setRetryInitialBackoff(Duration.buildByMilliseconds(20));
          a.setRetryMaxBackoff(Duration.buildByMilliseconds(200));
          a.setShutdownTimeout(Duration.buildBySeconds(20));
        });
  }

  /** Ids of the events the server answered with 200, with how often each arrived. */
  private static Set<Integer> acknowledgedIds(Iterable<ServeEvent> served) {
    Set<Integer> ids = new HashSet<>();
    for (ServeEvent event : served) {
      if (event.getResponse().getStatus() == 200) {
        Matcher matcher = ID.matcher(event.getRequest().getBodyAsString());
        if (matcher.find()) {
          ids.add(Integer.parseInt(matcher.group(1)));
        }
      }
    }
    return ids;
  }

  private static void assertExactlyAccountedFor(EventBunkerStats stats, int logged) {
    assertEquals(logged, stats.accepted(), stats.toString());
    assertEquals(0, stats.pending(), stats.toString());
    assertEquals(
        stats.accepted(),
        stats.delivered() + stats.rejected() + stats.dropped() + stats.failed(),
        stats.toString());
  }

  @Test
  void outageInTheMiddleOfAStreamLosesNothing() {
    api.stubFor(post("/post").willReturn(aResponse().withStatus(200)));
    AppenderHarness harness = patientHarness(api.getRuntimeInfo().getHttpBaseUrl() + "/post");
    for (int i = 0; i < 100; i++) {
      harness.logger.info(EVENT, "stream", field("id", i));
    }
    harness.awaitResults(100);
    api.stubFor(post("/post").willReturn(aResponse().withStatus(503)));
    for (int i = 100; i < 200; i++) {
      harness.logger.info(EVENT, "stream", field("id", i));
    }
    await().until(() -> harness.appender.getStats().retries() >= 3);
    api.stubFor(post("/post").willReturn(aResponse().withStatus(200)));
    for (int i = 200; i < 300; i++) {
      harness.logger.info(EVENT, "stream", field("id", i));
    }
    harness.close();

    EventBunkerStats stats = harness.appender.getStats();
    assertExactlyAccountedFor(stats, 300);
    assertEquals(300, stats.delivered(), stats.toString());
    assertEquals(300, acknowledgedIds(api.getAllServeEvents()).size());
  }

  @Test
  void endpointDownAtStartIsWaitedFor() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    AppenderHarness harness = patientHarness("http://127.0.0.1:" + port + "/post");
    for (int i = 0; i < 20; i++) {
      harness.logger.info(EVENT, "early", field("id", i));
    }
    await().until(() -> harness.appender.getStats().retries() >= 2);
    WireMockServer late = new WireMockServer(wireMockConfig().port(port));
    late.stubFor(post("/post").willReturn(aResponse().withStatus(200)));
    late.start();
    try {
      harness.close();

      EventBunkerStats stats = harness.appender.getStats();
      assertExactlyAccountedFor(stats, 20);
      assertEquals(20, stats.delivered(), stats.toString());
      assertEquals(20, acknowledgedIds(late.getAllServeEvents()).size());
    } finally {
      late.stop();
    }
  }

  @Test
  void lostResponsesMayDuplicateButOnlyAsOftenAsRetried() {
    api.stubFor(
        post("/post")
            .inScenario("lost")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(200).withFixedDelay(1500))
            .willSetStateTo("fast"));
    api.stubFor(
        post("/post")
            .inScenario("lost")
            .whenScenarioStateIs("fast")
            .willReturn(aResponse().withStatus(200)));
    AppenderHarness harness =
        new AppenderHarness(
            api.getRuntimeInfo().getHttpBaseUrl() + "/post",
            a -> a.setRequestTimeout(Duration.buildByMilliseconds(300)));
    harness.logger.info(EVENT, "once", field("id", 1));
    harness.awaitResults(1);
    await().until(() -> api.findAll(postRequestedFor(urlEqualTo("/post"))).size() == 2);
    harness.close();

    EventBunkerStats stats = harness.appender.getStats();
    int received = api.findAll(postRequestedFor(urlEqualTo("/post"))).size();
    assertEquals(1, stats.delivered());
    assertEquals(
        1, received - stats.delivered(), "one duplicate: the server kept the timed-out one");
    assertTrue(
        received - stats.delivered() <= stats.retries(), "duplicates are bounded by retries");
  }

  @Test
  void unresolvableHostFailsWithAClearReason() {
    AppenderHarness harness =
        new AppenderHarness("http://no-such-host.invalid/post", a -> a.setRetryMaxAttempts(2));
    harness.logger.info(EVENT, "nowhere");
    EventResult result = harness.awaitResults(1).get(0);
    harness.close();

    assertEquals(Outcome.FAILED, result.outcome());
    assertTrue(result.reason().contains("no-such-host.invalid"), result.reason());
  }

  @Test
  void anUntrustedCertificatePausesSendingAndIsNeverTrusted() {
    String https = "https://localhost:" + api.getRuntimeInfo().getHttpsPort() + "/post";
    api.stubFor(post("/post").willReturn(aResponse().withStatus(200)));
    AppenderHarness harness = new AppenderHarness(https, a -> a.setRetryMaxAttempts(2));
    harness.logger.info(EVENT, "over_tls");
    await().until(() -> harness.appender.getStats().endpointMisdirected());
    assertTrue(
        harness.statusMessages().stream()
            .anyMatch(m -> m.contains("TLS failed") && m.contains("Sending is paused")),
        harness.statusMessages().toString());
    assertEquals(0, harness.appender.getStats().failed(), "a certificate is not retried away");
    harness.close();

    EventResult result = harness.results(Outcome.FAILED).get(0);
    assertTrue(result.reason().contains("shutdownTimeout"), result.reason());
    assertEquals(
        0,
        api.findAll(postRequestedFor(urlEqualTo("/post"))).size(),
        "nothing sent in clear or to an untrusted server");
  }

  @Test
  void startStopCyclesLeaveNoThreadsBehind() {
    api.stubFor(post("/post").willReturn(aResponse().withStatus(200)));
    for (int cycle = 0; cycle < 100; cycle++) {
      AppenderHarness harness =
          new AppenderHarness(api.getRuntimeInfo().getHttpBaseUrl() + "/post");
      harness.logger.info(EVENT, "cycle", field("id", cycle));
      harness.close();
      assertEquals(
          1,
          harness.appender.getStats().delivered(),
          harness.appender.getStats() + " " + harness.results);
    }

    await().untilAsserted(() -> assertEquals(Set.of(), eventBunkerThreads()));
  }

  private static Set<String> eventBunkerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(name -> name.startsWith("eventbunker-"))
        .collect(Collectors.toSet());
  }
}
