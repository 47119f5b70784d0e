package io.eventbunker.logback;

import static io.eventbunker.logback.EventBunker.EVENT;
import static io.eventbunker.logback.EventBunker.field;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventbunker.core.EventBunkerListener;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.EventResult;
import io.eventbunker.core.FlushReport;
import io.eventbunker.testkit.EventBunkerReceiver;
import io.eventbunker.testkit.EventBunkerReceiverExtension;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** No interrupt and no {@code Error} breaks a promise: events still reach an outcome, on time. */
class InterruptsAndErrorsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension
  static final EventBunkerReceiverExtension eventBunker =
      new EventBunkerReceiverExtension(
          EventBunkerReceiver.builder()
              .writeKey(AppenderHarness.WRITE_KEY)
              .latency(Duration.ofMillis(20)));

  @TempDir Path spoolDirectory;

  @Test
  void stopFromAnInterruptedThreadDeliversAndKeepsTheFlag(EventBunkerReceiver receiver)
      throws Exception {
    AppenderHarness harness = new AppenderHarness(receiver.endpoint().toString());
    assertInterruptedStopDelivers(harness, receiver);
  }

  @Test
  void stopFromAnInterruptedThreadDeliversWithASpoolToo(EventBunkerReceiver receiver)
      throws Exception {
    AppenderHarness harness =
        new AppenderHarness(
            receiver.endpoint().toString(), a -> a.setSpoolDirectory(spoolDirectory.toString()));
    assertInterruptedStopDelivers(harness, receiver);
    assertEquals(0, harness.appender.getStats().spooled());
  }

  private static void assertInterruptedStopDelivers(
      AppenderHarness harness, EventBunkerReceiver receiver) throws Exception {
    for (int i = 0; i < 40; i++) {
      harness.logger.info(EVENT, "interrupted_stop", field("id", i));
    }
    boolean[] flagAfterStop = new boolean[1];
    Thread stopper =
        new Thread(
            () -> {
              Thread.currentThread().interrupt(); // as in catch (InterruptedException e) {...}
              harness.close();
              flagAfterStop[0] = Thread.currentThread().isInterrupted();
            });
    stopper.start();
    stopper.join();

    EventBunkerStats stats = harness.appender.getStats();
    assertEquals(40, stats.delivered(), stats.toString());
    assertEquals(40, receiver.acceptedCount());
    assertTrue(flagAfterStop[0], "stop() restores the caller's interrupt");
    assertTrue(
        Thread.getAllStackTraces().keySet().stream()
            .noneMatch(t -> t.getName().startsWith("eventbunker-sender-eventbunker")),
        "the sender finished before stop() returned");
  }

  @Test
  void aStrayInterruptNeitherStopsNorSpinsTheSender(EventBunkerReceiver receiver) throws Exception {
    try (AppenderHarness harness = new AppenderHarness(receiver.endpoint().toString())) {
      harness.logger.info(EVENT, "before");
      harness.awaitResults(1);
      Thread sender = thread("eventbunker-sender-eventbunker");
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      sender.interrupt();
      long cpuBefore = threads.getThreadCpuTime(sender.getId());
      // An idle sender parks for a second at a time; two of its wake-ups must cost next to nothing.
      CountDownLatch never = new CountDownLatch(1);
      assertTrue(!never.await(2, TimeUnit.SECONDS));
      long cpuMillis =
          TimeUnit.NANOSECONDS.toMillis(threads.getThreadCpuTime(sender.getId()) - cpuBefore);
      assertTrue(cpuMillis < 500, "the idle sender spun for " + cpuMillis + " ms of CPU");

      harness.logger.info(EVENT, "after");
      harness.awaitResults(2);
      assertEquals(2, harness.appender.getStats().delivered());
    }
  }

  @Test
  void aListenerThrowingAnErrorCannotStrandEventsOrStopTheSender(EventBunkerReceiver receiver) {
    try (AppenderHarness harness = new AppenderHarness(receiver.endpoint().toString())) {
      harness.appender.addListener(
          new EventBunkerListener() {
            @Override
            public void onResult(EventResult result) {
              throw new AssertionError("a user's test listener failing");
            }

            @Override
            public void onResponse(int statusCode, long roundTripNanos) {
              throw new StackOverflowError("deep");
            }
          });
      for (int i = 0; i < 20; i++) {
        harness.logger.info(EVENT, "listened", field("id", i));
      }
      harness.awaitResults(20);
      await().atMost(WAIT).until(() -> harness.appender.getStats().delivered() == 20);
      assertEquals(0, harness.appender.getStats().pending());
      long reported =
          harness.statusMessages().stream()
              .filter(m -> m.contains("An EventBunkerListener of appender"))
              .count();
      assertEquals(1, reported, "reported once, then summarised: " + harness.statusMessages());
    }
  }

  @Test
  void flushWaitsForWhatIsHeldAndReportsIt(EventBunkerReceiver receiver) {
    try (AppenderHarness harness = new AppenderHarness(receiver.endpoint().toString())) {
      for (int i = 0; i < 200; i++) {
        harness.logger.info(EVENT, "flushed", field("id", i));
      }
      FlushReport report = harness.appender.flush(WAIT);

      assertEquals(0, report.pending(), report.toString());
      assertTrue(report.isComplete());
      // Some may have been delivered before flush() took its snapshot; none after it is missing.
      assertEquals(200, harness.appender.getStats().delivered(), report.toString());
      assertTrue(report.delivered() > 0 && report.delivered() <= 200, report.toString());
      assertEquals(200, receiver.acceptedCount());
    }
  }

  @Test
  void flushReturnsAtItsTimeoutWithWhatIsStillPending() throws Exception {
    try (AppenderHarness harness = new AppenderHarness(SpoolTest.deadEndpoint())) {
      for (int i = 0; i < 10; i++) {
        harness.logger.info(EVENT, "unreachable", field("id", i));
      }
      FlushReport report = harness.appender.flush(Duration.ofMillis(300));

      assertEquals(10, report.pending(), report.toString());
      assertEquals(0, report.delivered() + report.failed() + report.spooled());
    }
  }

  @Test
  void flushTakesOddTimeouts(EventBunkerReceiver receiver) {
    try (AppenderHarness harness = new AppenderHarness(receiver.endpoint().toString())) {
      harness.logger.info(EVENT, "odd");
      harness.appender.flush(null);
      harness.appender.flush(Duration.ofSeconds(-5));
      assertTrue(harness.appender.flush(Duration.ofSeconds(Long.MAX_VALUE)).isComplete());
    }
  }

  private static Thread thread(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no thread " + name));
  }
}
