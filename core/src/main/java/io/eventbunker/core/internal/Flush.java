package io.eventbunker.core.internal;

import io.eventbunker.core.FlushReport;
import io.eventbunker.core.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Waits for the events held when {@code flush()} was called to reach an outcome or the spool, and
 * tallies them. Woken by {@link Accounting} whenever an event is settled; it also looks again now
 * and then, for events that reach the spool, which settles nothing.
 */
final class Flush {
  private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private Flush() {}

  /**
   * Waits until each event {@code held} returns has an outcome or is in the spool, or until {@code
   * timeout}. {@code held} reads the pipeline's stages one after another, so an event moving
   * between two of them at that instant can be missed: it is asked again, and what it adds that was
   * logged before the call is waited for too.
   */
  static FlushReport await(
      Supplier<List<TrackedEvent>> held, @Nullable Duration timeout, Accounting accounting) {
    long calledAtMillis = System.currentTimeMillis();
    long deadline = System.nanoTime() + nanos(timeout);
    Set<TrackedEvent> waitedFor = Collections.newSetFromMap(new IdentityHashMap<>());
    // A caller's interrupt must not turn the wait into a spin; it is restored afterwards.
    boolean interrupted = Thread.interrupted();
    accounting.watchSettling();
    try {
      List<TrackedEvent> open = new ArrayList<>(held.get());
      while (!open.isEmpty()) {
        waitedFor.addAll(open);
        interrupted |= awaitDone(open, deadline);
        if (!open.isEmpty()) {
          break; // out of time
        }
        for (TrackedEvent event : held.get()) {
          if (event.origin() == null
              && event.timestampMillis() <= calledAtMillis
              && !waitedFor.contains(event)) {
            open.add(event);
          }
        }
      }
    } finally {
      accounting.unwatch();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return tally(waitedFor);
  }

  /** Removes events from {@code open} as they are done; returns whether it was interrupted. */
  private static boolean awaitDone(List<TrackedEvent> open, long deadline) {
    boolean interrupted = false;
    while (true) {
      open.removeIf(Flush::isDone);
      long remaining = deadline - System.nanoTime();
      if (open.isEmpty() || remaining <= 0) {
        return interrupted;
      }
      LockSupport.parkNanos(Flush.class, Math.min(remaining, RECHECK_NANOS));
      interrupted |= Thread.interrupted();
    }
  }

  private static boolean isDone(TrackedEvent event) {
    return event.outcome() != null || event.isSpooled();
  }

  private static FlushReport tally(Set<TrackedEvent> events) {
    long delivered = 0;
    long rejected = 0;
    long failed = 0;
    long spooled = 0;
    long pending = 0;
    for (TrackedEvent event : events) {
      Outcome outcome = event.outcome();
      if (outcome == Outcome.DELIVERED) {
        delivered++;
      } else if (outcome == Outcome.REJECTED) {
        rejected++;
      } else if (outcome == Outcome.FAILED || outcome == Outcome.DROPPED) {
        failed++; // dropped only as "the appender was stopping": given up on, like a failure
      } else if (event.isSpooled()) {
        spooled++;
      } else {
        pending++;
      }
    }
    return new FlushReport(delivered, rejected, failed, spooled, pending);
  }

  /** Null, negative or zero: no wait; beyond what nanoseconds hold: as long as they do. */
  static long nanos(@Nullable Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      return 0;
    }
    try {
      return timeout.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2;
    }
  }
}
