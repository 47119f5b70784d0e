package io.eventbunker.core.internal;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bounded hand-off between logging threads and the sender: bounded by count and by the heap the
 * events take ({@link TrackedEvent#heapBytes()}), so memory stays bounded during an outage whatever
 * the events look like.
 *
 * <p>Lock-free for logging threads: both bounds are semaphores taken with {@code tryAcquire} (a
 * compare-and-set, never a park) and the events sit in a {@link ConcurrentLinkedQueue}. With an
 * {@code ArrayBlockingQueue} logging threads parked on its lock whenever they met each other or the
 * sender there, and it allocated its whole capacity up front (bench/RESULTS.md has the numbers).
 */
final class EventQueue {
  private final ConcurrentLinkedQueue<TrackedEvent> events = new ConcurrentLinkedQueue<>();
  private final int capacity;
  private final int maxBytes;
  private final Semaphore freeSlots;
  private final Semaphore freeBytes;

  EventQueue(int capacity, int maxBytes) {
    this.capacity = capacity;
    this.maxBytes = maxBytes;
    this.freeSlots = new Semaphore(capacity);
    this.freeBytes = new Semaphore(maxBytes);
  }

  /**
   * Adds the event if it fits, waiting at most {@code timeoutNanos} for space (0: not at all).
   *
   * @return false when it does not fit in time (or the waiting thread is interrupted)
   */
  boolean offer(TrackedEvent event, long timeoutNanos) {
    int bytes = bytesOf(event);
    if (freeSlots.tryAcquire()) {
      if (freeBytes.tryAcquire(bytes)) {
        events.offer(event);
        return true;
      }
      freeSlots.release();
    }
    return timeoutNanos > 0 && offerWaiting(event, bytes, timeoutNanos);
  }

  private boolean offerWaiting(TrackedEvent event, int bytes, long timeoutNanos) {
    long deadline = System.nanoTime() + timeoutNanos;
    boolean holdsSlot = false;
    boolean holdsBytes = false;
    try {
      holdsSlot = freeSlots.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
      holdsBytes =
          holdsSlot
              && freeBytes.tryAcquire(bytes, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (holdsBytes) {
        events.offer(event);
        holdsSlot = false; // now the queue's, released when the event is taken out
        holdsBytes = false;
        return true;
      }
      return false;
    } catch (InterruptedException e) {
      // The caller's interrupt is theirs to handle: keep it set, and drop this event.
      Thread.currentThread().interrupt();
      return false;
    } finally {
      if (holdsSlot) {
        freeSlots.release();
      }
      if (holdsBytes) {
        freeBytes.release(bytes);
      }
    }
  }

  /** The oldest event, or null when empty. */
  TrackedEvent poll() {
    TrackedEvent event = events.poll();
    if (event != null) {
      release(event);
    }
    return event;
  }

  /** Removes this event if it is still queued. */
  boolean remove(TrackedEvent event) {
    if (events.remove(event)) {
      release(event);
      return true;
    }
    return false;
  }

  private void release(TrackedEvent event) {
    freeBytes.release(bytesOf(event));
    freeSlots.release();
  }

  /** An event larger than the whole byte bound still fits an empty queue. */
  private int bytesOf(TrackedEvent event) {
    return Math.min(event.heapBytes(), maxBytes);
  }

  /** Adds the queued events, oldest first; weakly consistent with concurrent offers and polls. */
  void copyTo(List<TrackedEvent> into) {
    into.addAll(events);
  }

  boolean isEmpty() {
    return events.isEmpty();
  }

  /** Events queued, counting those a logging thread is adding at this moment. */
  int size() {
    return capacity - freeSlots.availablePermits();
  }

  int capacity() {
    return capacity;
  }
}
