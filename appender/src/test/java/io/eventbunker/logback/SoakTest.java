package io.eventbunker.logback;

import static io.eventbunker.logback.EventBunker.EVENT;
import static io.eventbunker.logback.EventBunker.field;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.core.util.Duration;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.testkit.EventBunkerReceiver;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The long run outside CI: {@code ./mvnw -B -pl appender -am verify -Psoak -Dsoak.minutes=30}. Four
 * threads log at a steady rate for the whole time against a receiver with the API's latency, 5 %
 * server errors, 2 % 429s and a 3-second outage every 30 seconds; at the end the counts must agree
 * exactly with what the receiver stored, with nothing dropped, failed or pending.
 */
@Tag("soak")
class SoakTest {
  private static final int THREADS = 4;
  private static final int EVENTS_PER_SECOND_PER_THREAD = 100;

  @Test
  void longRunUnderMixedFaultsLosesNothing() throws Exception {
    long minutes = Long.getLong("soak.minutes", 10);
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
    try (EventBunkerReceiver receiver =
        EventBunkerReceiver.builder()
            .writeKey(AppenderHarness.WRITE_KEY)
            .maxEvents(1000)
            .latency(java.time.Duration.ofMillis(30), java.time.Duration.ofMillis(40))
            .errorRate(0.05)
            .tooManyRequestsRate(0.02)
            .retryAfter(java.time.Duration.ofSeconds(1))
            .build()
            .start()) {
      AppenderHarness harness =
          new AppenderHarness(
              receiver.endpoint().toString(),
              a -> {
                a.setRetryMaxAttempts(1000);
                a.setShutdownTimeout(Duration.buildBySeconds(60));
              });
      Set<Throwable> thrown = ConcurrentHashMap.newKeySet();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        threads.add(new Thread(() -> logSteadily(harness, thread, end, thrown)));
      }
      threads.forEach(Thread::start);
      while (System.nanoTime() < end) {
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(30)); // pacing the outages, not a sync
        receiver.startOutage(java.time.Duration.ofSeconds(3));
      }
      for (Thread thread : threads) {
        thread.join();
      }
      harness.close();

      EventBunkerStats stats = harness.appender.getStats();
      assertEquals(Set.of(), thrown);
      assertEquals(
          0,
          stats.dropped() + stats.failed() + stats.rejected() + stats.pending(),
          stats.toString());
      assertEquals(stats.accepted(), stats.delivered(), stats.toString());
      assertEquals(stats.delivered(), receiver.acceptedCount(), stats.toString());
    }
  }

  private static void logSteadily(
      AppenderHarness harness, int thread, long end, Set<Throwable> thrown) {
    long interval = TimeUnit.SECONDS.toNanos(1) / EVENTS_PER_SECOND_PER_THREAD;
    long next = System.nanoTime();
    try {
      for (int i = 0; next < end; i++) {
        harness.logger.info(EVENT, "soak", field("thread", thread), field("i", i));
        next += interval;
        LockSupport.parkNanos(next - System.nanoTime()); // the steady rate, not a sync
      }
    } catch (Throwable e) {
      thrown.add(e);
    }
  }
}
