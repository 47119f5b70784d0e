package io.eventbunker.logback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.eventbunker.logback.EventBunker.EVENT;
import static io.eventbunker.logback.EventBunker.field;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.eventbunker.core.EventBunkerStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int EVENTS_PER_THREAD = 500;

  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().containerThreads(80))
          .build();

  @Test
  void everyEventFromManyThreadsIsDeliveredExactlyOnce() throws Exception {
    api.stubFor(post("/post").willReturn(aResponse().withStatus(200)));
    // Exactly-once is the point, not speed: stop() may take its time on a loaded machine.
    AppenderHarness harness =
        new AppenderHarness(
            api.baseUrl() + "/post",
            a -> a.setShutdownTimeout(ch.qos.logback.core.util.Duration.buildBySeconds(120)));
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      threads.add(
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < EVENTS_PER_THREAD; i++) {
                  harness.logger.info(EVENT, "tick", field("id", thread + "-" + i));
                }
              }));
    }
    threads.forEach(Thread::start);
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    harness.close();

    EventBunkerStats stats = harness.appender.getStats();
    assertEquals(THREADS * EVENTS_PER_THREAD, stats.accepted(), stats.toString());
    assertEquals(THREADS * EVENTS_PER_THREAD, stats.delivered(), stats.toString());
    Map<String, Integer> received = new HashMap<>();
    Pattern id = Pattern.compile("\"id\":\"([0-9]+-[0-9]+)\"");
    for (LoggedRequest request : api.findAll(postRequestedFor(urlEqualTo("/post")))) {
      Matcher matcher = id.matcher(request.getBodyAsString());
      matcher.find();
      received.merge(matcher.group(1), 1, Integer::sum);
    }
    assertEquals(THREADS * EVENTS_PER_THREAD, received.size(), "distinct events received");
    assertEquals(1, received.values().stream().mapToInt(Integer::intValue).max().getAsInt());
  }
}
