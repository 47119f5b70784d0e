package io.eventbunker.spring.boot;

import io.eventbunker.core.internal.Threads;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaced appenders stopping on daemon threads of their own, each delivering what it holds within
 * its shutdown timeout (its outcomes still counted by the starter's listener), so that startup does
 * not wait for a slow endpoint; the owner's close waits for them.
 */
final class StoppingAppenders {
  private final List<Thread> stopping = new ArrayList<>();

  synchronized void stopInBackground(ManagedAppender appender) {
    stopping.removeIf(thread -> !thread.isAlive());
    Thread thread = new Thread(appender::stop, "eventbunker-stop-" + appender.name());
    thread.setDaemon(true);
    thread.start();
    stopping.add(thread);
  }

  /** Waits until {@code deadlineNanos} at most for the appenders still stopping. */
  synchronized void await(long deadlineNanos) {
    for (Thread thread : stopping) {
      Threads.joinUninterruptibly(thread, deadlineNanos - System.nanoTime());
    }
    stopping.removeIf(thread -> !thread.isAlive());
  }
}
