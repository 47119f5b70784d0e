package io.eventbunker.logback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.eventbunker.logback.EventBunker.EVENT;
import static io.eventbunker.logback.EventBunker.field;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.eventbunker.core.EventBunkerStats;
import java.io.ByteArrayInputStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stopping, restarting and reconfiguring while events are being logged and sent. */
class LifecycleTest {
  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void eventsLoggedFromManyThreadsDuringStopAreAllAccountedFor() throws Exception {
    api.stubFor(post("/post").willReturn(aResponse().withStatus(200).withFixedDelay(5)));
    AppenderHarness harness =
        new AppenderHarness(
            api.baseUrl() + "/post",
            a -> {
              a.setQueueCapacity(1000); // drops while four threads outpace the sender
              a.setShutdownTimeout(ch.qos.logback.core.util.Duration.buildBySeconds(30));
            });
    AtomicBoolean keepLogging = new AtomicBoolean(true);
    CountDownLatch loggedSome = new CountDownLatch(4);
    Set<Throwable> thrown = ConcurrentHashMap.newKeySet();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  for (int i = 0; keepLogging.get(); i++) {
                    harness.logger.info(EVENT, "during_stop", field("i", i));
                    if (i == 50) {
                      loggedSome.countDown();
                    }
                  }
                } catch (Throwable e) {
                  thrown.add(e);
                }
              });
      threads.add(thread);
      thread.start();
    }
    loggedSome.await();
    harness.appender.stop(); // while four threads keep logging
    keepLogging.set(false);
    for (Thread thread : threads) {
      thread.join();
    }
    harness.close();

    assertEquals(Set.of(), thrown, "nothing reaches the logging threads");
    EventBunkerStats stats = harness.appender.getStats();
    assertEquals(0, stats.pending(), stats.toString());
    assertEquals(
        stats.accepted(),
        stats.delivered() + stats.rejected() + stats.dropped() + stats.failed(),
        stats.toString());
    assertEquals(stats.delivered(), api.findAll(postRequestedFor(urlEqualTo("/post"))).size());
  }

  @Test
  void reconfiguringLogbackFlushesTheOldAppenderAndStartsTheNewOne() throws Exception {
    api.stubFor(post("/post").willReturn(aResponse().withStatus(200).withFixedDelay(20)));
    LoggerContext context = new LoggerContext();
    configure(context);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    EventBunkerAppender first = (EventBunkerAppender) root.getAppender("EVENTBUNKER");
    for (int i = 0; i < 100; i++) {
      root.info(EVENT, "before_reconfiguration", field("i", i));
    }

    configure(context); // what logback's scan or Spring's refresh does: reset, then configure again
    EventBunkerAppender second = (EventBunkerAppender) root.getAppender("EVENTBUNKER");
    for (int i = 0; i < 10; i++) {
      root.info(EVENT, "after_reconfiguration", field("i", i));
    }
    await().until(() -> second.getStats().delivered() == 10);
    context.stop();

    assertEquals(100, first.getStats().accepted());
    assertEquals(100, first.getStats().delivered(), first.getStats().toString());
    assertEquals(110, api.findAll(postRequestedFor(urlEqualTo("/post"))).size());
  }

  private static void configure(LoggerContext context) throws Exception {
    String xml =
        "<configuration><appender name='EVENTBUNKER' class='io.eventbunker.logback.EventBunkerAppender'>"
            + "<writeKey>"
            + AppenderHarness.WRITE_KEY
            + "</writeKey>"
            + "<endpoint>"
            + api.baseUrl()
            + "/post</endpoint>"
            + "<shutdownTimeout>20 seconds</shutdownTimeout>"
            + "</appender><root level='INFO'><appender-ref ref='EVENTBUNKER'/></root></configuration>";
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Each cycle on a LoggerContext of its own: a context's status list keeps the origin of every
   * status (our appender included) by design, so only a discarded context shows what we retain.
   */
  @Test
  void stoppedAppendersLeaveNothingBehindForTheCollector() {
    api.stubFor(post("/post").willReturn(aResponse().withStatus(200)));
    List<WeakReference<EventBunkerAppender>> stopped = new ArrayList<>();
    for (int cycle = 0; cycle < 20; cycle++) {
      stopped.add(new WeakReference<>(runOneCycle()));
    }

    await()
        .untilAsserted(
            () -> {
              System.gc(); // a request, so await until the collector has acted on it
              List<Integer> retained =
                  stopped.stream()
                      .filter(ref -> ref.get() != null)
                      .map(stopped::indexOf)
                      .collect(Collectors.toList());
              assertTrue(retained.isEmpty(), "appenders still reachable: " + retained);
            });
  }

  private static EventBunkerAppender runOneCycle() {
    LoggerContext context = new LoggerContext();
    EventBunkerAppender appender = new EventBunkerAppender();
    appender.setContext(context);
    appender.setName("cycle");
    appender.setWriteKey(AppenderHarness.WRITE_KEY);
    appender.setEndpoint(api.baseUrl() + "/post");
    appender.start();
    Logger logger = context.getLogger("cycle");
    logger.addAppender(appender);
    logger.info(EVENT, "cycle");
    await().until(() -> appender.getStats().delivered() == 1);
    context.stop();
    return appender;
  }
}
