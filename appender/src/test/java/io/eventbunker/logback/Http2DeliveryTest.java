package io.eventbunker.logback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.eventbunker.logback.EventBunker.EVENT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.core.util.Duration;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.eventbunker.core.EventBunkerListener;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.EventResult;
import io.eventbunker.core.Outcome;
import io.eventbunker.testkit.TestCertificate;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The production transport: TLS, and HTTP/2 negotiated by ALPN, so that every request is a stream
 * of one multiplexed connection — against WireMock's Jetty on loopback.
 */
class Http2DeliveryTest {
  private static final Pattern EVENT_NAME = Pattern.compile("\"event_name\":\"([^\"]+)\"");
  private static final String RECEIPT = "{\"unique_req_id\":\"r\",\"time_recorded\":1}";

  /** Streams open at once that make a dropped connection a real loss: most of a full window. */
  private static final int MANY_STREAMS = 48;

  @TempDir static Path certificates;

  private static TestCertificate loopback;
  private static TestCertificate otherHost;

  private Http2WireMock server;
  private AppenderHarness harness;

  @BeforeAll
  static void generateCertificates() {
    loopback = TestCertificate.generate(certificates.resolve("loopback"), "localhost", "127.0.0.1");
    otherHost = TestCertificate.generate(certificates.resolve("other"), "other.example");
  }

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private void serve(TestCertificate certificate, int maxConcurrentStreams) {
    server = new Http2WireMock(certificate, maxConcurrentStreams);
  }

  private static ResponseDefinitionBuilder ok(int delayMillis) {
    return aResponse().withStatus(200).withBody(RECEIPT).withFixedDelay(delayMillis);
  }

  /** An appender whose client trusts {@code trusted}, as a user's own client would. */
  private void start(TestCertificate trusted, Consumer<EventBunkerAppender> settings) {
    harness =
        new AppenderHarness(
            server.endpoint("127.0.0.1"),
            appender -> {
              appender.setHttpClient(
                  HttpClient.newBuilder().sslContext(trusted.clientSslContext()).build());
              settings.accept(appender);
            });
  }

  /** Retries quick and plentiful: these tests are about losing nothing, not about backoff. */
  private static void patient(EventBunkerAppender appender) {
    appender.setRetryMaxAttempts(50);
    appender.setRetryInitialBackoff(Duration.buildByMilliseconds(20));
    appender.setRetryMaxBackoff(Duration.buildByMilliseconds(200));
    appender.setShutdownTimeout(Duration.buildBySeconds(20));
  }

  /** Stops the appender, delivering what it still holds, and returns its final counts. */
  private EventBunkerStats stopAppender() {
    AppenderHarness stopping = harness;
    harness = null;
    stopping.close();
    return stopping.appender.getStats();
  }

  private void logEvents(int count) {
    for (int i = 0; i < count; i++) {
      harness.logger.info(EVENT, "h2_event_" + i);
    }
  }

  private static Set<String> names(int count) {
    return IntStream.range(0, count).mapToObj(i -> "h2_event_" + i).collect(Collectors.toSet());
  }

  private List<ServeEvent> posts() {
    return server.api().getAllServeEvents().stream()
        .filter(event -> "POST".equals(event.getRequest().getMethod().getName()))
        .collect(Collectors.toList());
  }

  /** How often the server received each event, counting requests it answered 200. */
  private Map<String, Integer> receivedTimes() {
    Map<String, Integer> times = new HashMap<>();
    for (ServeEvent event : posts()) {
      Matcher name = EVENT_NAME.matcher(event.getRequest().getBodyAsString());
      if (event.getResponse().getStatus() == 200 && name.find()) {
        times.merge(name.group(1), 1, Integer::sum);
      }
    }
    return times;
  }

  private void assertAllOverHttp2() {
    Set<String> protocols =
        posts().stream().map(e -> e.getRequest().getProtocol()).collect(Collectors.toSet());
    assertEquals(Set.of("HTTP/2.0"), protocols, "negotiated by ALPN, as with the hosted API");
  }

  /** Every event delivered, none failed; each received, and more than once only if retried. */
  private void assertNoneLostDuplicatesBounded(int logged) {
    EventBunkerStats stats = stopAppender();
    assertEquals(logged, stats.accepted(), stats.toString());
    assertEquals(logged, stats.delivered(), stats.toString());
    assertEquals(0, stats.pending(), stats.toString());
    Map<String, Integer> times = receivedTimes();
    assertEquals(names(logged), times.keySet(), "every event reached the server");
    int duplicates = times.values().stream().mapToInt(n -> n - 1).sum();
    assertTrue(
        duplicates <= stats.retries(),
        duplicates + " duplicates, but only " + stats.retries() + " retries: " + stats);
    assertAllOverHttp2();
  }

  @Test
  void everyEventIsDeliveredExactlyOnceOverHttp2() {
    serve(loopback, Http2WireMock.JETTY_MAX_CONCURRENT_STREAMS);
    server.api().stubFor(post("/post").willReturn(ok(0)));
    start(loopback, appender -> {});
    logEvents(500);

    List<EventResult> results = harness.awaitResults(500);

    assertEquals(500, harness.results(Outcome.DELIVERED).size(), results.toString());
    assertEquals(500, posts().size(), "one request per event, no more");
    assertEquals(names(500), receivedTimes().keySet());
    assertTrue(receivedTimes().values().stream().allMatch(n -> n == 1), receivedTimes().toString());
    assertEquals(0, harness.appender.getStats().retries());
    assertAllOverHttp2();
    assertEquals(1, server.connections(), "all streams of one multiplexed connection");
  }

  /**
   * One connection carries every request, so losing it fails every stream on it at once: the server
   * may have taken those events (their answers are lost), so they are sent again.
   */
  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE"})
  void aConnectionDroppedWithManyStreamsInFlightLosesNothing(Fault fault) {
    serve(loopback, Http2WireMock.JETTY_MAX_CONCURRENT_STREAMS);
    server.api().stubFor(post("/post").atPriority(5).willReturn(ok(200)));
    start(loopback, Http2DeliveryTest::patient);
    logEvents(300);

    await().until(() -> server.openStreams() >= MANY_STREAMS);
    // The next request to arrive drops the connection under the streams in flight, once.
    server
        .api()
        .stubFor(
            post("/post")
                .atPriority(1)
                .inScenario("drop")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(fault))
                .willSetStateTo("dropped"));

    await().until(() -> harness.appender.getStats().retries() >= MANY_STREAMS);
    assertNoneLostDuplicatesBounded(300);
  }

  @Test
  void aGoAwayWithManyStreamsInFlightLosesNothing() {
    serve(loopback, Http2WireMock.JETTY_MAX_CONCURRENT_STREAMS);
    server.api().stubFor(post("/post").willReturn(ok(200)));
    start(loopback, Http2DeliveryTest::patient);
    logEvents(300);

    await().until(() -> server.openStreams() >= MANY_STREAMS);
    assertEquals(1, server.goAway(), "sent on the one connection");

    assertNoneLostDuplicatesBounded(300);
  }

  /**
   * JDK-8225647: the JDK client does not queue requests beyond the server's
   * SETTINGS_MAX_CONCURRENT_STREAMS but fails them at once ("too many concurrent streams"), without
   * sending them. The appender learns the limit from the first such failures and keeps below it,
   * with its default retry settings.
   */
  @Test
  void aStreamLimitBelowMaxInFlightIsLearnedAndLosesNothing() {
    int limit = 8;
    serve(loopback, limit);
    server.api().stubFor(post("/post").willReturn(ok(100)));
    List<String> retryReasons = new CopyOnWriteArrayList<>();
    start(loopback, appender -> appender.addListener(retryReasonsInto(retryReasons)));
    logEvents(300);

    harness.awaitResults(300);

    assertEquals(300, harness.appender.getStats().delivered());
    assertTrue(
        retryReasons.stream().allMatch(r -> r.contains("too many concurrent streams")),
        retryReasons.stream().distinct().collect(Collectors.toList()).toString());
    assertTrue(
        retryReasons.size() < 64,
        "learned within the first window, not retried per event: " + retryReasons.size());
    assertEquals(300, posts().size(), "streams over the limit were never sent");
    assertNoneLostDuplicatesBounded(300);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "localhost"})
  void aCertificateForAnotherHostIsRefused(String host) {
    serve(otherHost, Http2WireMock.JETTY_MAX_CONCURRENT_STREAMS);
    // Trusts the very certificate served: only its names are wrong.
    HttpClient trustingIt =
        HttpClient.newBuilder().sslContext(otherHost.clientSslContext()).build();

    assertRefusedAndNothingSent(
        server.endpoint(host), appender -> appender.setHttpClient(trustingIt));
  }

  @Test
  void anUntrustedCertificateIsRefused() {
    serve(loopback, Http2WireMock.JETTY_MAX_CONCURRENT_STREAMS);

    // The appender's own client: the JVM's trust store, which knows no test certificate.
    assertRefusedAndNothingSent(server.endpoint("127.0.0.1"), appender -> {});
  }

  /**
   * Whether the appender retries a TLS failure (as any I/O failure) or pauses for it, the event is
   * never delivered and ends failed at the latest when the appender stops.
   */
  private void assertRefusedAndNothingSent(String endpoint, Consumer<EventBunkerAppender> client) {
    server.api().stubFor(post("/post").willReturn(ok(0)));
    List<String> retryReasons = new CopyOnWriteArrayList<>();
    harness =
        new AppenderHarness(
            endpoint,
            appender -> {
              client.accept(appender);
              appender.setRetryMaxAttempts(3);
              appender.setRetryInitialBackoff(Duration.buildByMilliseconds(20));
              appender.setShutdownTimeout(Duration.buildBySeconds(1));
              appender.addListener(retryReasonsInto(retryReasons));
            });
    harness.logger.info(EVENT, "over_tls");

    await().until(() -> !retryReasons.isEmpty());
    EventBunkerStats stats = stopAppender();

    assertTrue(
        retryReasons.stream().allMatch(r -> r.contains("TLS failed")), retryReasons.toString());
    assertEquals(1, stats.accepted(), stats.toString());
    assertEquals(1, stats.failed(), stats.toString());
    assertEquals(0, stats.delivered(), stats.toString());
    assertEquals(List.of(), posts(), "nothing sent to a server that is not the one trusted");
  }

  private static EventBunkerListener retryReasonsInto(List<String> reasons) {
    return new EventBunkerListener() {
      @Override
      public void onRetry(String eventName, String reason) {
        reasons.add(reason);
      }
    };
  }
}
