package io.eventbunker.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The newest accepted events, oldest evicted first. Waiters are woken by every arrival, so tests
 * wait exactly as long as the events take and never poll.
 */
final class EventStore {
  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<ReceivedEvent> events = new ArrayDeque<>();
  private long evicted;

  EventStore(int capacity) {
    this.capacity = capacity;
  }

  void add(ReceivedEvent event) {
    lock.lock();
    try {
      if (events.size() == capacity) {
        events.removeFirst();
        evicted++;
      }
      events.addLast(event);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Oldest first. */
  List<ReceivedEvent> snapshot() {
    lock.lock();
    try {
      return List.copyOf(events);
    } finally {
      lock.unlock();
    }
  }

  List<ReceivedEvent> newestFirst(int limit) {
    lock.lock();
    try {
      List<ReceivedEvent> newest = new ArrayList<>(Math.min(limit, events.size()));
      var descending = events.descendingIterator();
      while (descending.hasNext() && newest.size() < limit) {
        newest.add(descending.next());
      }
      return Collections.unmodifiableList(newest);
    } finally {
      lock.unlock();
    }
  }

  long evicted() {
    lock.lock();
    try {
      return evicted;
    } finally {
      lock.unlock();
    }
  }

  /** All events once there are at least {@code count}, or null when the wait timed out. */
  @Nullable List<ReceivedEvent> awaitCount(int count, long timeoutNanos)
      throws InterruptedException {
    lock.lock();
    try {
      long remaining = timeoutNanos;
      while (events.size() < count) {
        if (remaining <= 0) {
          return null;
        }
        remaining = changed.awaitNanos(remaining);
      }
      return List.copyOf(events);
    } finally {
      lock.unlock();
    }
  }

  /** The oldest event with this name, waiting for one to arrive; null when the wait timed out. */
  @Nullable ReceivedEvent awaitNamed(String name, long timeoutNanos) throws InterruptedException {
    lock.lock();
    try {
      long remaining = timeoutNanos;
      while (true) {
        for (ReceivedEvent event : events) {
          if (event.name().equals(name)) {
            return event;
          }
        }
        if (remaining <= 0) {
          return null;
        }
        remaining = changed.awaitNanos(remaining);
      }
    } finally {
      lock.unlock();
    }
  }

  void clear() {
    lock.lock();
    try {
      events.clear();
      evicted = 0;
    } finally {
      lock.unlock();
    }
  }

  int capacity() {
    return capacity;
  }
}
