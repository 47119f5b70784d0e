package io.eventbunker.core.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventbunker.core.EventResult;
import io.eventbunker.core.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replayed event that the spool cannot write anew (its hand-off full, or no room left on disk) is
 * replayed again in this run: its record is neither lost nor left holding its segment, and its
 * share of maxSpoolBytes, until the next start.
 */
class SpoolGiveBackTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void aReplayedEventHandedBackWhileTheHandOffIsFullIsReplayedAgainAndItsSegmentFreed()
      throws Exception {
    SpoolFixture fixture = new SpoolFixture("handoff", dir);
    // A hand-off of 1024 bytes, which four events of 256 fill.
    Spool spool = fixture.open(fixture.settings().maxEventBytes(1024).queueMaxBytes(1024));
    AtomicBoolean hold = new AtomicBoolean();
    CountDownLatch released = new CountDownLatch(1);
    // Run on the spool thread after each batch it writes: once armed, it holds the thread there,
    // so that nothing empties the hand-off. (Also run by whoever gives an event back: not held.)
    spool.start(
        () -> {
          if (hold.get() && Thread.currentThread().getName().equals("eventbunker-spool-handoff")) {
            awaitQuietly(released);
          }
        });
    try {
      assertTrue(spool.offer(SpoolFixture.event(0)));
      TrackedEvent replayed = await().atMost(WAIT).until(spool::nextReplayed, Objects::nonNull);
      Path segment = Objects.requireNonNull(replayed.origin()).file;

      hold.set(true);
      assertTrue(spool.offer(SpoolFixture.event(1)));
      await().atMost(WAIT).until(() -> spool.spooled() == 2); // written, and the thread held
      int filling = 0;
      while (spool.offer(SpoolFixture.event(100 + filling))) {
        filling++;
        assertTrue(filling < 100, "the hand-off's byte bound never reached");
      }
      assertTrue(spool.offer(replayed), "the spool still answers for a replayed event");

      TrackedEvent again = spool.nextReplayed();
      assertNotNull(again, "replayed again in this run, before the thread is free again");
      assertSame(replayed.origin(), again.origin());
      assertArrayEquals(replayed.json(), again.json());
      fixture.accounting.delivered(again, 200, TrackResponse.receipt("{}"));

      hold.set(false);
      released.countDown();
      await().atMost(WAIT).until(() -> !Files.exists(segment));
      assertEquals(1 + filling, spool.spooled(), "event 1 and the filling are left");
      assertEquals(List.of(Outcome.DELIVERED), outcomes(fixture));
    } finally {
      hold.set(false);
      released.countDown();
      spool.stop();
    }
  }

  @Test
  void aReplayedEventThatNoLongerFitsTheSpoolIsReplayedAgainAndItsSpaceFreed() throws Exception {
    SpoolFixture fixture = new SpoolFixture("full", dir);
    // Room for one record of about 600 bytes, not for its copy beside it.
    Spool spool = fixture.open(fixture.settings().maxEventBytes(1024).maxSpoolBytes(1024));
    spool.start(() -> {});
    try {
      assertTrue(spool.offer(SpoolFixture.paddedEvent(0, 600)));
      TrackedEvent replayed = await().atMost(WAIT).until(spool::nextReplayed, Objects::nonNull);
      Path segment = Objects.requireNonNull(replayed.origin()).file;

      assertTrue(spool.offer(replayed), "the spool still answers for a replayed event");
      TrackedEvent again = await().atMost(WAIT).until(spool::nextReplayed, Objects::nonNull);
      assertSame(replayed.origin(), again.origin());
      assertArrayEquals(replayed.json(), again.json());
      assertFalse(again.isSpooled(), "open, for the sender to settle");
      fixture.accounting.delivered(again, 200, TrackResponse.receipt("{}"));

      await().atMost(WAIT).until(() -> !Files.exists(segment));
      assertEquals(0, spool.spooled());
      assertEquals(0, spool.spooledBytes(), "its space is free for new events");
      assertEquals(List.of(Outcome.DELIVERED), outcomes(fixture));
    } finally {
      spool.stop();
    }
  }

  private static List<Outcome> outcomes(SpoolFixture fixture) {
    return fixture.results.stream().map(EventResult::outcome).collect(Collectors.toList());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
