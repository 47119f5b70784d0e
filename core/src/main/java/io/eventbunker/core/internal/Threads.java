package io.eventbunker.core.internal;

import java.util.concurrent.TimeUnit;

/** Waiting for our own threads in a way no caller's interrupt can cut short. */
public final class Threads {
  private Threads() {}

  /**
   * Waits until {@code thread} has finished or {@code timeoutNanos} have passed. An interrupt of
   * the caller does not end the wait — a stop() called from an interrupted thread must still
   * deliver — and is restored before returning.
   *
   * @return whether the thread has finished
   */
  public static boolean joinUninterruptibly(Thread thread, long timeoutNanos) {
    long deadline = System.nanoTime() + timeoutNanos;
    boolean interrupted = Thread.interrupted();
    try {
      long remaining;
      while (thread.isAlive() && (remaining = deadline - System.nanoTime()) > 0) {
        try {
          // join(0) would wait forever: at least a millisecond.
          thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      return !thread.isAlive();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
