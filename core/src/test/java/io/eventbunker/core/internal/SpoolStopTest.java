package io.eventbunker.core.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool's stop(), from a thread the application has interrupted. */
class SpoolStopTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void stopFromAnInterruptedThreadStillWritesWhatWasHandedOver() throws Exception {
    SpoolFixture fixture = new SpoolFixture("stopped", dir);
    Spool spool = fixture.open(fixture.settings());
    CountDownLatch released = new CountDownLatch(1);
    // Called on the spool thread after each batch it writes: the first holds it there, so that
    // what is handed over next is still in the hand-off when stop() is called.
    spool.start(() -> awaitQuietly(released));
    assertTrue(spool.offer(SpoolFixture.event(0)));
    await().atMost(WAIT).until(() -> spool.spooled() == 1);
    int count = 20;
    for (int i = 1; i < count; i++) {
      assertTrue(spool.offer(SpoolFixture.event(i)));
    }

    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread stopper =
        new Thread(
            () -> {
              // As in: catch (InterruptedException e) { interrupt(); cleanUp(); }
              Thread.currentThread().interrupt();
              spool.stop();
              stillInterrupted.set(Thread.currentThread().isInterrupted());
            },
            "stopper");
    stopper.start();
    // Released once stop() waits for the thread, or has given up waiting: then what it failed
    // shows below.
    await()
        .atMost(WAIT)
        .until(
            () ->
                stopper.getState() == Thread.State.TIMED_WAITING
                    || stopper.getState() == Thread.State.TERMINATED);
    released.countDown();
    stopper.join(WAIT.toMillis());

    assertFalse(stopper.isAlive());
    assertEquals(List.of(), fixture.results, "nothing failed");
    assertEquals(count, spool.spooled(), "every event handed over was written");
    assertTrue(stillInterrupted.get(), "the caller's interrupt is kept for it");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
