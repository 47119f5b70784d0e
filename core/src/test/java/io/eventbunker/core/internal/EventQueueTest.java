package io.eventbunker.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The queue's two bounds, and what taking an event out gives back. */
class EventQueueTest {

  private static TrackedEvent event(int heapBytes) {
    return new TrackedEvent("e", 0, null, new String[0], new Object[0], heapBytes);
  }

  @Test
  void refusesEventsBeyondItsCapacityAndTakesThemOutOldestFirst() {
    EventQueue queue = new EventQueue(2, 1_000_000);
    TrackedEvent first = event(10);
    TrackedEvent second = event(10);

    assertTrue(queue.offer(first, 0));
    assertTrue(queue.offer(second, 0));
    assertFalse(queue.offer(event(10), 0));
    assertEquals(2, queue.size());

    assertSame(first, queue.poll());
    assertTrue(queue.offer(event(10), 0), "taking one out frees its slot");
    assertSame(second, queue.poll());
  }

  @Test
  void refusesEventsBeyondItsBytesWhateverTheirCount() {
    EventQueue queue = new EventQueue(100, 1000);

    assertTrue(queue.offer(event(600), 0));
    assertFalse(queue.offer(event(600), 0));
    assertEquals(1, queue.size(), "a refused event leaves no slot taken");

    queue.poll();
    assertTrue(queue.offer(event(600), 0), "taking one out frees its bytes");
  }

  @Test
  void anEventLargerThanTheByteBoundStillFitsAnEmptyQueue() {
    EventQueue queue = new EventQueue(100, 1000);

    assertTrue(queue.offer(event(5000), 0));
    assertFalse(queue.offer(event(1), 0));
    queue.poll();
    assertTrue(queue.offer(event(1000), 0), "taking it out gave back the whole bound");
  }

  @Test
  void removeGivesBackSlotAndBytesOnlyForAQueuedEvent() {
    EventQueue queue = new EventQueue(1, 1000);
    TrackedEvent queued = event(1000);
    queue.offer(queued, 0);

    assertFalse(queue.remove(event(1)));
    assertTrue(queue.remove(queued));
    assertTrue(queue.isEmpty());
    assertNull(queue.poll());
    assertTrue(queue.offer(event(1000), 0));
  }

  @Test
  void aWaitingOfferSucceedsOnceSpaceIsFreed() throws Exception {
    EventQueue queue = new EventQueue(1, 1000);
    queue.offer(event(10), 0);

    CompletableFuture<Boolean> waiting =
        CompletableFuture.supplyAsync(() -> queue.offer(event(10), TimeUnit.SECONDS.toNanos(30)));
    assertFalse(waiting.isDone());
    queue.poll();

    assertTrue(waiting.get(30, TimeUnit.SECONDS));
    assertEquals(1, queue.size());
  }

  @Test
  void aWaitingOfferGivesUpAfterItsTimeout() {
    EventQueue queue = new EventQueue(1, 1000);
    queue.offer(event(10), 0);

    assertFalse(queue.offer(event(10), TimeUnit.MILLISECONDS.toNanos(20)));
    assertEquals(1, queue.size(), "the timed-out offer holds nothing");
  }
}
