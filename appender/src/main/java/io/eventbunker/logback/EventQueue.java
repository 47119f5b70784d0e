package io.eventbunker.logback;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bounded hand-off between logging threads and the sender: bounded by count and by the events'
 * approximate size, so memory stays bounded during an outage whatever the events look like.
 */
final class EventQueue {
  private final ArrayBlockingQueue<TrackedEvent> events;
  private final Semaphore freeBytes;

  EventQueue(int capacity, int maxBytes) {
    this.events = new ArrayBlockingQueue<>(capacity);
    this.freeBytes = new Semaphore(maxBytes);
  }

  /**
   * Adds the event if it fits, waiting at most {@code timeoutNanos} for space (0: not at all).
   *
   * @return false when it does not fit in time (or the waiting thread is interrupted)
   */
  boolean offer(TrackedEvent event, long timeoutNanos) {
    int bytes = event.estimatedBytes();
    if (freeBytes.tryAcquire(bytes)) {
      if (events.offer(event)) {
        return true;
      }
      freeBytes.release(bytes);
    }
    return timeoutNanos > 0 && offerWaiting(event, bytes, timeoutNanos);
  }

  private boolean offerWaiting(TrackedEvent event, int bytes, long timeoutNanos) {
    long deadline = System.nanoTime() + timeoutNanos;
    boolean holdsBytes = false;
    try {
      holdsBytes = freeBytes.tryAcquire(bytes, timeoutNanos, TimeUnit.NANOSECONDS);
      if (holdsBytes && events.offer(event, deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        holdsBytes = false; // now the queue's, released when the event is taken out
        return true;
      }
      return false;
    } catch (InterruptedException e) {
      // The caller's interrupt is theirs to handle: keep it set, and drop this event.
      Thread.currentThread().interrupt();
      return false;
    } finally {
      if (holdsBytes) {
        freeBytes.release(bytes);
      }
    }
  }

  /** The oldest event, or null when empty. */
  TrackedEvent poll() {
    TrackedEvent event = events.poll();
    if (event != null) {
      freeBytes.release(event.estimatedBytes());
    }
    return event;
  }

  /** Removes this event if it is still queued. */
  boolean remove(TrackedEvent event) {
    if (events.remove(event)) {
      freeBytes.release(event.estimatedBytes());
      return true;
    }
    return false;
  }

  boolean isEmpty() {
    return events.isEmpty();
  }

  int size() {
    return events.size();
  }

  int capacity() {
    return events.size() + events.remainingCapacity();
  }
}
