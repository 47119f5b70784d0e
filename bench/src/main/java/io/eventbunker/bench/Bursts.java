package io.eventbunker.bench;

import io.eventbunker.core.EventBunkerStats;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * What the JMH statement benchmarks share, Logback's and Log4j2's: waiting for the previous burst
 * to drain, and failing the run if a statement did not arrive where it should (a dropped statement
 * would mean the figures measured the drop path).
 */
final class Bursts {
  /** Both queues hold every burst of two threads, so neither drops; ours has this by default. */
  static final int QUEUE_CAPACITY = 10_000;

  private Bursts() {}

  /** Returns once {@code drained} holds: between bursts, not measured. */
  static void awaitDrained(BooleanSupplier drained) {
    while (!drained.getAsBoolean()) {
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
    }
  }

  /** Our appender, drained and stopped, once {@code logged} events were logged to it. */
  static void checkDelivered(long logged, EventBunkerStats stats) {
    if (stats.delivered() != logged) {
      throw new IllegalStateException(
          "Logged " + logged + " events but not all were delivered: " + stats);
    }
  }

  /** A baseline's no-op appender, once {@code logged} events were logged in front of it. */
  static void checkAppended(long logged, long appended) {
    if (appended != logged) {
      throw new IllegalStateException(
          "Logged " + logged + " events but the no-op appender saw " + appended);
    }
  }

  /** Our appender, after ordinary statements only. */
  static void checkNoEvent(EventBunkerStats stats) {
    if (stats.accepted() != 0) {
      throw new IllegalStateException("An ordinary statement was taken as an event: " + stats);
    }
  }
}
