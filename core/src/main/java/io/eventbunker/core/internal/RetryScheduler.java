package io.eventbunker.core.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Events waiting for another attempt: each waits out its own backoff on the appender's timer, then
 * joins the line of events due, which the sender takes before new ones. An event counts as waiting
 * from {@link #later} until the sender takes it or it is stranded, including while it moves from
 * its backoff into the line: the sender does not finish early for an event in between.
 */
final class RetryScheduler {
  private final ScheduledExecutorService timer;
  private final Runnable wakeSender;

  /** Events whose backoff is over, oldest first. */
  private final ConcurrentLinkedDeque<TrackedEvent> due = new ConcurrentLinkedDeque<>();

  /** Events waiting out their backoff; removed by whoever takes one, exactly once. */
  private final Set<TrackedEvent> backingOff = ConcurrentHashMap.newKeySet();

  private final AtomicInteger waiting = new AtomicInteger();

  RetryScheduler(ScheduledExecutorService timer, Runnable wakeSender) {
    this.timer = timer;
    this.wakeSender = wakeSender;
  }

  /**
   * Sends {@code event} again after {@code delayNanos}.
   *
   * @return false when the timer has stopped: the caller must settle the event
   */
  // The task settles nothing of its own: it only moves the event, and cannot fail.
  @SuppressWarnings("FutureReturnValueIgnored")
  boolean later(TrackedEvent event, long delayNanos) {
    waiting.incrementAndGet();
    backingOff.add(event);
    try {
      timer.schedule(() -> backoffOver(event), delayNanos, TimeUnit.NANOSECONDS);
      return true;
    } catch (RejectedExecutionException stopped) {
      if (backingOff.remove(event)) {
        waiting.decrementAndGet();
        return false;
      }
      return true; // stranded meanwhile by the sender's close
    }
  }

  private void backoffOver(TrackedEvent event) {
    if (backingOff.remove(event)) {
      due.addLast(event);
      wakeSender.run();
    }
  }

  /** The next event due, or null. */
  @Nullable TrackedEvent poll() {
    TrackedEvent event = due.pollFirst();
    if (event != null) {
      waiting.decrementAndGet();
    }
    return event;
  }

  /** No event waiting: neither backing off, nor due, nor between the two. */
  boolean isEmpty() {
    return waiting.get() == 0;
  }

  /** Whether an event waits out its backoff: a replayed one goes again before the next one. */
  boolean isBackingOff() {
    return !backingOff.isEmpty();
  }

  /** Adds the waiting events; weakly consistent. */
  void collect(List<TrackedEvent> into) {
    into.addAll(due);
    into.addAll(backingOff);
  }

  /** Hands every waiting event to {@code strand}, once each; for the sender's close. */
  // A concurrent set, whose iteration tolerates removal; remove() tells whether this thread won it.
  @SuppressWarnings("ModifyCollectionInEnhancedForLoop")
  void strandAll(BiConsumer<TrackedEvent, String> strand) {
    for (TrackedEvent event : backingOff) {
      if (backingOff.remove(event)) {
        waiting.decrementAndGet();
        strand.accept(event, "was waiting for a retry");
      }
    }
    TrackedEvent event;
    while ((event = poll()) != null) {
      strand.accept(event, "was waiting for a retry");
    }
  }
}
