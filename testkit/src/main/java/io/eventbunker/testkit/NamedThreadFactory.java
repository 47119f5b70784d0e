package io.eventbunker.testkit;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads named after the receiver, so a thread dump says whose they are. */
final class NamedThreadFactory implements ThreadFactory {
  private final String prefix;
  private final boolean numbered;
  private final AtomicInteger next = new AtomicInteger(1);

  private NamedThreadFactory(String prefix, boolean numbered) {
    this.prefix = prefix;
    this.numbered = numbered;
  }

  static NamedThreadFactory numbered(String prefix) {
    return new NamedThreadFactory(prefix + "-", true);
  }

  static NamedThreadFactory single(String name) {
    return new NamedThreadFactory(name, false);
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, numbered ? prefix + next.getAndIncrement() : prefix);
    thread.setDaemon(true);
    return thread;
  }
}
