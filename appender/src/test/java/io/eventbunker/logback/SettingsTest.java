package io.eventbunker.logback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.eventbunker.logback.EventBunker.EVENT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.eventbunker.core.EventBunkerDefaults;
import io.eventbunker.core.Outcome;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsTest {
  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  /** Starts an appender on a context of its own and returns the statuses it produced. */
  private static List<Status> startWith(
      EventBunkerAppender appender, Consumer<EventBunkerAppender> settings) {
    LoggerContext context = new LoggerContext();
    appender.setContext(context);
    appender.setName("eventbunker");
    settings.accept(appender);
    appender.start();
    appender.stop();
    return context.getStatusManager().getCopyOfStatusList();
  }

  private static List<String> messages(List<Status> statuses, int level) {
    return statuses.stream()
        .filter(s -> s.getLevel() == level)
        .map(Status::getMessage)
        .collect(Collectors.toList());
  }

  @Test
  void defaultsAreTheNamedConstants() {
    EventBunkerAppender appender = new EventBunkerAppender();

    assertEquals(EventBunkerDefaults.ENDPOINT, appender.getEndpoint());
    assertEquals(EventBunkerDefaults.QUEUE_CAPACITY, appender.getQueueCapacity());
    assertEquals(EventBunkerDefaults.QUEUE_MAX_BYTES, appender.getQueueMaxBytes().getSize());
    assertEquals(EventBunkerDefaults.MAX_EVENT_BYTES, appender.getMaxEventBytes().getSize());
    assertEquals(
        EventBunkerDefaults.APPEND_TIMEOUT_MS, appender.getAppendTimeout().getMilliseconds());
    assertEquals(EventBunkerDefaults.MAX_IN_FLIGHT, appender.getMaxInFlight());
    assertEquals(
        EventBunkerDefaults.CONNECT_TIMEOUT_MS, appender.getConnectTimeout().getMilliseconds());
    assertEquals(
        EventBunkerDefaults.REQUEST_TIMEOUT_MS, appender.getRequestTimeout().getMilliseconds());
    assertEquals(EventBunkerDefaults.RETRY_MAX_ATTEMPTS, appender.getRetryMaxAttempts());
    assertEquals(
        EventBunkerDefaults.RETRY_INITIAL_BACKOFF_MS,
        appender.getRetryInitialBackoff().getMilliseconds());
    assertEquals(
        EventBunkerDefaults.RETRY_MAX_BACKOFF_MS, appender.getRetryMaxBackoff().getMilliseconds());
    assertEquals(
        EventBunkerDefaults.RETRY_TIMEOUT_MS, appender.getRetryTimeout().getMilliseconds());
    assertEquals(
        EventBunkerDefaults.SHUTDOWN_TIMEOUT_MS, appender.getShutdownTimeout().getMilliseconds());
    assertEquals(
        EventBunkerDefaults.CUSTOMER_IDENTIFIER_MDC_KEY, appender.getCustomerIdentifierMdcKey());
    assertEquals("", appender.getMdcKeys());
    assertEquals(null, appender.getSpoolDirectory());
    assertEquals(EventBunkerDefaults.MAX_SPOOL_BYTES, appender.getMaxSpoolBytes().getSize());
    assertEquals(EventBunkerDefaults.SPOOL_MAX_AGE_MS, appender.getSpoolMaxAge().getMilliseconds());
    assertTrue(EventBunkerDefaults.MAX_IN_FLIGHT < 100, "below HTTP/2's usual stream limit");
  }

  @Test
  void missingWriteKeyWarnsWithTheFixAndLeavesTheAppenderStopped() {
    EventBunkerAppender appender = new EventBunkerAppender();
    List<Status> statuses = startWith(appender, a -> {});

    assertFalse(appender.isStarted());
    assertTrue(
        messages(statuses, Status.ERROR).isEmpty(),
        "an error status would stop Spring Boot starting");
    String warning = messages(statuses, Status.WARN).get(0);
    assertTrue(
        warning.contains("<writeKey>") && warning.contains("eventbunker.write-key"), warning);
  }

  @Test
  void undefinedVariableCountsAsAMissingWriteKey() {
    EventBunkerAppender appender = new EventBunkerAppender();
    startWith(appender, a -> a.setWriteKey("EVENTBUNKER_WRITE_KEY_IS_UNDEFINED"));

    assertFalse(appender.isStarted());
    assertFalse(appender.hasWriteKey());
  }

  @Test
  void writeKeySuppliedLaterStartsTheAppender() {
    EventBunkerAppender appender = new EventBunkerAppender();
    startWith(appender, a -> {});
    appender.setWriteKey("late-key");
    appender.start();

    assertTrue(appender.isStarted());
    appender.stop();
  }

  @Test
  void malformedEndpointIsAnErrorNamingTheSetting() {
    EventBunkerAppender appender = new EventBunkerAppender();
    List<Status> statuses =
        startWith(
            appender,
            a -> {
              a.setWriteKey("k");
              a.setEndpoint("track.eventbunker.io/post");
            });

    assertFalse(appender.isStarted());
    String error = messages(statuses, Status.ERROR).get(0);
    assertTrue(
        error.contains("<endpoint> is track.eventbunker.io/post") && error.contains("https://"),
        error);
  }

  @Test
  void invalidNumbersAreErrorsNamingTheSettingAndItsDefault() {
    EventBunkerAppender appender = new EventBunkerAppender();
    List<Status> statuses =
        startWith(
            appender,
            a -> {
              a.setWriteKey("k");
              a.setQueueCapacity(0);
            });

    assertFalse(appender.isStarted());
    String error = messages(statuses, Status.ERROR).get(0);
    assertTrue(
        error.contains("<queueCapacity> is 0 but must be at least 1 (default 10000)"), error);
  }

  @Test
  void spoolBoundsAreErrorsNamingTheSettingAndItsDefault() {
    List<Status> tooSmall =
        startWith(
            new EventBunkerAppender(),
            a -> {
              a.setWriteKey("k");
              a.setMaxSpoolBytes(new FileSize(1024));
            });
    List<Status> negativeAge =
        startWith(
            new EventBunkerAppender(),
            a -> {
              a.setWriteKey("k");
              a.setSpoolMaxAge(Duration.buildByMilliseconds(-1));
            });

    String error = messages(tooSmall, Status.ERROR).get(0);
    assertTrue(
        error.contains("<maxSpoolBytes> is 1024 but must be at least 65536 (default 268435456)"),
        error);
    assertTrue(
        messages(negativeAge, Status.ERROR).get(0).contains("<spoolMaxAge> is -1 but"),
        negativeAge.toString());
  }

  @Test
  void anUndefinedSpoolDirectoryVariableWarnsAndRunsWithoutASpool() {
    EventBunkerAppender appender = new EventBunkerAppender();
    List<Status> statuses =
        startWith(
            appender,
            a -> {
              a.setWriteKey("k");
              a.setSpoolDirectory("SPOOL_DIR_IS_UNDEFINED");
            });

    assertTrue(messages(statuses, Status.ERROR).isEmpty(), statuses.toString());
    assertTrue(
        messages(statuses, Status.WARN).stream()
            .anyMatch(m -> m.contains("SPOOL_DIR_IS_UNDEFINED") && m.contains("without a spool")),
        statuses.toString());
    assertFalse(appender.getStats().spoolEnabled());
  }

  @Test
  void plainHttpToAnotherHostWarnsThatTheKeyTravelsInClear() {
    List<Status> remote =
        startWith(
            new EventBunkerAppender(),
            a -> {
              a.setWriteKey("k");
              a.setEndpoint("http://events.example.com/post");
            });
    List<Status> local =
        startWith(
            new EventBunkerAppender(),
            a -> {
              a.setWriteKey("k");
              a.setEndpoint("http://127.0.0.1:8787/post");
            });

    assertTrue(messages(remote, Status.WARN).stream().anyMatch(m -> m.contains("unencrypted")));
    assertTrue(messages(local, Status.WARN).stream().noneMatch(m -> m.contains("unencrypted")));
  }

  @Test
  void logbackXmlConfiguresEverySettingAndDelivers(@TempDir Path spool) throws Exception {
    api.stubFor(post("/post").willReturn(aResponse().withStatus(200)));
    String xml =
        "<configuration>"
            + "<appender name='EVENTBUNKER' class='io.eventbunker.logback.EventBunkerAppender'>"
            + "<writeKey>xml-key</writeKey>"
            + "<endpoint>"
            + api.baseUrl()
            + "/post</endpoint>"
            + "<queueCapacity>500</queueCapacity>"
            + "<queueMaxBytes>2MB</queueMaxBytes>"
            + "<maxEventBytes>16KB</maxEventBytes>"
            + "<appendTimeout>50 milliseconds</appendTimeout>"
            + "<maxInFlight>8</maxInFlight>"
            + "<connectTimeout>2 seconds</connectTimeout>"
            + "<requestTimeout>3 seconds</requestTimeout>"
            + "<retryMaxAttempts>4</retryMaxAttempts>"
            + "<retryInitialBackoff>100 milliseconds</retryInitialBackoff>"
            + "<retryMaxBackoff>2 seconds</retryMaxBackoff>"
            + "<retryTimeout>1 minute</retryTimeout>"
            + "<shutdownTimeout>2 seconds</shutdownTimeout>"
            + "<customerIdentifierMdcKey>userId</customerIdentifierMdcKey>"
            + "<mdcKeys>region,tenant</mdcKeys>"
            + "<spoolDirectory>"
            + spool
            + "</spoolDirectory>"
            + "<maxSpoolBytes>64MB</maxSpoolBytes>"
            + "<spoolMaxAge>7 days</spoolMaxAge>"
            + "</appender>"
            + "<root level='INFO'><appender-ref ref='EVENTBUNKER'/></root>"
            + "</configuration>";
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    EventBunkerAppender appender = (EventBunkerAppender) root.getAppender("EVENTBUNKER");

    assertTrue(appender.isStarted(), context.getStatusManager().getCopyOfStatusList().toString());
    assertEquals(500, appender.getQueueCapacity());
    assertEquals(2 * 1024 * 1024, appender.getQueueMaxBytes().getSize());
    assertEquals(16 * 1024, appender.getMaxEventBytes().getSize());
    assertEquals(50, appender.getAppendTimeout().getMilliseconds());
    assertEquals(8, appender.getMaxInFlight());
    assertEquals(60_000, appender.getRetryTimeout().getMilliseconds());
    assertEquals("region,tenant", appender.getMdcKeys());
    assertEquals(spool.toString(), appender.getSpoolDirectory());
    assertEquals(64L * 1024 * 1024, appender.getMaxSpoolBytes().getSize());
    assertEquals(7L * 24 * 3600 * 1000, appender.getSpoolMaxAge().getMilliseconds());
    assertTrue(appender.getStats().spoolEnabled());

    root.info(EVENT, "configured_by_xml");
    await().until(() -> appender.getStats().pending() == 0);
    assertEquals(
        1,
        appender.getStats().delivered(),
        appender.getStats() + " " + appender.getStats().lastError());
    api.verify(
        postRequestedFor(urlEqualTo("/post"))
            .withRequestBody(equalToJson("{\"event_name\":\"configured_by_xml\"}", false, true)));
    context.stop();
    assertFalse(appender.isStarted(), "LoggerContext.stop() stops the appender");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\uFEFFwk_live_1", "wk_live_1\u200B", "wk live 1", "wk_l\u00EFve_1"})
  void aWriteKeyNoHeaderCanCarryIsAnErrorThatNeverShowsIt(String key) {
    EventBunkerAppender appender = new EventBunkerAppender();
    List<Status> statuses = startWith(appender, a -> a.setWriteKey(key));

    assertFalse(appender.isStarted());
    List<String> errors = messages(statuses, Status.ERROR);
    assertEquals(1, errors.size(), statuses.toString());
    assertTrue(errors.get(0).contains("<writeKey>"), errors.get(0));
    assertTrue(errors.get(0).contains("at character"), errors.get(0));
    assertFalse(errors.get(0).contains("wk"), "never the key: " + errors.get(0));
  }

  @Test
  void blanksAroundTheWriteKeyAreTrimmed() {
    EventBunkerAppender appender = new EventBunkerAppender();
    List<Status> statuses =
        startWith(
            appender,
            a -> {
              a.setWriteKey("  wk_live_1\n");
              a.setEndpoint(api.baseUrl() + "/post");
            });
    assertTrue(messages(statuses, Status.ERROR).isEmpty(), statuses.toString());
  }

  @Test
  void userInfoInTheEndpointIsNeverShown() {
    List<Status> clear =
        startWith(
            new EventBunkerAppender(),
            a -> {
              a.setWriteKey("k");
              a.setEndpoint("http://user:s3cret@203.0.113.9/post");
            });
    List<Status> wrong =
        startWith(
            new EventBunkerAppender(),
            a -> {
              a.setWriteKey("k");
              a.setEndpoint("ftp://user:s3cret@203.0.113.9/post");
            });

    assertTrue(
        messages(clear, Status.WARN).stream().anyMatch(m -> m.contains("203.0.113.9/post")),
        clear.toString());
    assertTrue(messages(wrong, Status.ERROR).stream().anyMatch(m -> m.contains("<endpoint>")));
    for (Status status :
        List.of(clear, wrong).stream().flatMap(List::stream).toArray(Status[]::new)) {
      assertFalse(status.getMessage().contains("s3cret"), status.getMessage());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://proxy.example:3128", "proxy.example", "proxy.example:99999"})
  void aProxyThatIsNotHostAndPortIsAnErrorNamingTheSetting(String proxy) {
    EventBunkerAppender appender = new EventBunkerAppender();
    List<Status> statuses =
        startWith(
            appender,
            a -> {
              a.setWriteKey("k");
              a.setProxy(proxy);
            });

    assertFalse(appender.isStarted());
    assertTrue(
        messages(statuses, Status.ERROR).stream()
            .anyMatch(m -> m.contains("<proxy>") && m.contains("host:port")),
        statuses.toString());
  }

  @Test
  void aUserClientThatFollowsRedirectsIsRefused() {
    EventBunkerAppender appender = new EventBunkerAppender();
    List<Status> statuses =
        startWith(
            appender,
            a -> {
              a.setWriteKey("k");
              a.setHttpClient(
                  java.net.http.HttpClient.newBuilder()
                      .followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
                      .build());
            });

    assertFalse(appender.isStarted());
    assertTrue(
        messages(statuses, Status.ERROR).stream().anyMatch(m -> m.contains("follows redirects")),
        statuses.toString());
  }

  @Test
  void theProxySettingSendsThroughTheProxy() {
    // WireMock as the proxy: the endpoint's host does not even resolve, so only the proxy can
    // have delivered the event.
    api.stubFor(post("/post").willReturn(aResponse().withStatus(200)));
    try (AppenderHarness harness =
        new AppenderHarness(
            "http://track.eventbunker.invalid/post",
            a -> a.setProxy("127.0.0.1:" + api.getPort()))) {
      harness.logger.info(EVENT, "through_the_proxy");
      assertEquals(Outcome.DELIVERED, harness.awaitResults(1).get(0).outcome());
    }
    api.verify(postRequestedFor(urlEqualTo("/post")));
  }
}
