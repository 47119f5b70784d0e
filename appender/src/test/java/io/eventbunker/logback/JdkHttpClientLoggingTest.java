package io.eventbunker.logback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.eventbunker.logback.EventBunker.EVENT;
import static io.eventbunker.logback.EventBunker.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JDK HttpClient's own logging routed back into Logback (slf4j-jdk-platform-logging, debug on)
 * while it sends our events: no recursion, no deadlock, every event delivered. Runs in a JVM of its
 * own (the jdk-http-logging surefire execution), since the JDK reads these switches once.
 */
@Tag("jdk-http-logging")
class JdkHttpClientLoggingTest {
  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void sendingWorksWhileTheHttpClientLogsIntoTheSameLogback() {
    assertTrue(
        "all".equals(System.getProperty("jdk.httpclient.HttpClient.log")),
        "run with -Djdk.httpclient.HttpClient.log=all (the jdk-http-logging execution)");
    api.stubFor(post("/post").willReturn(aResponse().withStatus(200)));
    AtomicInteger jdkStatements = new AtomicInteger();
    AppenderBase<ILoggingEvent> counter =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            if (event.getLoggerName().startsWith("jdk.")) {
              jdkStatements.incrementAndGet();
            }
          }
        };
    AppenderHarness harness = new AppenderHarness(api.baseUrl() + "/post");
    Logger root = harness.context.getLogger(Logger.ROOT_LOGGER_NAME);
    Level rootLevel = root.getLevel();
    counter.setContext(harness.context);
    counter.start();
    root.setLevel(Level.ALL);
    root.addAppender(counter);
    root.addAppender(harness.appender);
    try {
      assertTimeoutPreemptively(
          Duration.ofSeconds(60),
          () -> {
            for (int i = 0; i < 200; i++) {
              harness.logger.info(EVENT, "with_jdk_logging", field("i", i));
            }
            harness.awaitResults(200);
          });
    } finally {
      root.detachAppender(counter);
      root.detachAppender(harness.appender);
      root.setLevel(rootLevel);
      harness.close();
    }

    assertEquals(
        200, harness.appender.getStats().delivered(), harness.appender.getStats().toString());
    assertTrue(jdkStatements.get() > 0, "the HttpClient's logging reached Logback");
  }
}
