package io.eventbunker.core.internal;

import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.FlushReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One started appender's machinery, in pipeline order: capture → queue → sender (which sends and
 * retries) → accounting (which reports), with the spool (when configured) taking what the queue and
 * the sender cannot deliver in time. Created by {@code start()}, discarded by {@code stop()}.
 */
final class Pipeline<E> {

  private final AppenderSettings settings;

  /** Built once: the drop path runs on logging threads, once per dropped event. */
  private final String queueFullMessage;

  private final Accounting accounting;
  private final ConsoleReporter console;
  private final EventCapture<E> capture;
  private final EventQueue queue;
  private final @Nullable Spool spool;
  private final EventSender sender;

  /** Threads for the requests, one per request in flight; a cached pool. */
  private final ExecutorService requestThreads;

  /** One thread for retry delays and request watchdogs: the appender's own, stopped with it. */
  private final ScheduledExecutorService timer;

  private final ClientSource client;

  private Pipeline(
      AppenderSettings settings,
      EventReader<E> reader,
      Accounting accounting,
      ClientSource client) {
    this.settings = settings;
    this.queueFullMessage =
        "the queue is full ("
            + settings.queueCapacity()
            + " events or "
            + settings.queueMaxBytes()
            + " bytes): EventBunker is slower than events are logged, or unreachable. Raise"
            + " queueCapacity or queueMaxBytes, or set appendTimeout to let logging threads wait";
    this.accounting = accounting;
    this.console =
        new ConsoleReporter(settings.consoleWarnings(), settings.appenderName(), System::nanoTime);
    this.capture = new EventCapture<>(settings, reader);
    this.queue = new EventQueue(settings.queueCapacity(), settings.queueMaxBytes());
    this.spool = Spool.open(settings, accounting);
    this.requestThreads =
        Executors.newCachedThreadPool(
            daemonThreads("eventbunker-request-", settings.appenderName()));
    ScheduledThreadPoolExecutor timerThread =
        new ScheduledThreadPoolExecutor(
            1, daemonThreads("eventbunker-timer-", settings.appenderName()));
    timerThread.setRemoveOnCancelPolicy(true); // a watchdog per request, nearly all cancelled
    this.timer = timerThread;
    this.sender =
        new EventSender(
            settings,
            queue,
            spool,
            new Transport(settings, client, userAgent()),
            requestThreads,
            timer,
            accounting,
            console);
    this.client = client;
  }

  /** Starts the sender and spool threads; does no network I/O. */
  static <E> Pipeline<E> start(
      AppenderSettings settings, EventReader<E> reader, Accounting accounting) {
    ClientSource client =
        new ClientSource(
            settings.userClient(),
            settings,
            daemonThreads("eventbunker-http-", settings.appenderName()));
    Pipeline<E> pipeline = new Pipeline<>(settings, reader, accounting, client);
    if (pipeline.spool != null) {
      pipeline.spool.start(pipeline.sender::eventQueued);
    }
    pipeline.sender.start();
    return pipeline;
  }

  /**
   * Takes one EVENT statement on the logging thread: never blocks beyond appendTimeout, and never
   * touches the disk (the spool takes overflow in memory and writes it on its own thread).
   */
  void accept(E event) {
    accounting.accepted();
    TrackedEvent tracked;
    try {
      tracked = capture.capture(event);
    } catch (RejectedEventException e) {
      accounting.rejectedBeforeQueueing(e.eventName(), e.reason());
      return;
    } catch (RuntimeException e) {
      // Once accepted, an event must end in an outcome, even when reading it fails unexpectedly.
      accounting.rejectedBeforeQueueing(
          capture.eventNameOrNull(event), "the statement could not be read: " + e);
      return;
    }
    if (!queue.offer(tracked, settings.appendTimeoutNanos())) {
      if (spool == null) {
        accounting.dropped(tracked, queueFullMessage);
      } else if (!spool.offer(tracked)) {
        accounting.dropped(tracked, spoolBehindMessage(spool));
      }
      return;
    }
    if (sender.isClosed() && queue.remove(tracked)) {
      accounting.dropped(tracked, "the appender was stopping");
      return;
    }
    sender.eventQueued();
  }

  /**
   * The sender first: what it leaves undelivered goes to the spool, which then writes it. The pools
   * are shut only once the sender has finished with them.
   */
  void stop(long timeoutNanos) {
    try {
      stopThreads(timeoutNanos);
    } finally {
      reportStopped();
    }
  }

  private void stopThreads(long timeoutNanos) {
    boolean senderFinished = sender.stop(timeoutNanos);
    if (spool != null) {
      spool.stop();
    }
    if (!senderFinished) {
      accounting
          .status()
          .warn(
              "The EventBunker sender of appender '"
                  + settings.appenderName()
                  + "' did not finish in time; its threads are daemons and end"
                  + " with the JVM.");
      return;
    }
    requestThreads.shutdownNow();
    timer.shutdownNow();
    client.close(accounting.status());
  }

  /** Waits for the events held now: queued, waiting for a retry, or in flight. */
  FlushReport flush(java.time.@Nullable Duration timeout) {
    sender.eventQueued();
    return Flush.await(this::held, timeout, accounting);
  }

  private List<TrackedEvent> held() {
    List<TrackedEvent> held = new ArrayList<>();
    queue.copyTo(held);
    sender.collectUnsettled(held);
    return held;
  }

  long shutdownTimeoutNanos() {
    return settings.shutdownTimeoutNanos();
  }

  EventBunkerStats stats() {
    return accounting.snapshot(
        queue.size(),
        queue.capacity(),
        sender.inFlight(),
        spool != null,
        spool == null ? 0 : spool.spooled(),
        spool == null ? 0 : spool.spooledBytes());
  }

  /**
   * Once stopped: the totals, as a warning on the console too when any event was not delivered.
   * Spooled events are not lost: the next start sends them.
   */
  private void reportStopped() {
    EventBunkerStats stats = stats();
    long undelivered =
        stats.rejected() + stats.dropped() + stats.failed() + stats.pending() - stats.spooled();
    String totals =
        console.prefix()
            + "stopped: "
            + stats.accepted()
            + " events accepted, "
            + stats.delivered()
            + " delivered, "
            + stats.rejected()
            + " rejected, "
            + stats.dropped()
            + " dropped, "
            + stats.failed()
            + " failed"
            + (spool != null && stats.spooled() > 0
                ? ", "
                    + stats.spooled()
                    + " kept in the spool in "
                    + spool.directory()
                    + " for the next start."
                : ".");
    if (undelivered == 0) {
      accounting.status().info(totals);
    } else {
      String latest = accounting.lastLoss();
      accounting.status().warn(totals + " Earlier warnings say why events were not delivered.");
      console.stopped(totals + (latest == null ? "" : " Latest: " + latest));
    }
  }

  private String spoolBehindMessage(Spool full) {
    return "the queue is full, and so is the spool's hand-off ("
        + settings.queueCapacity()
        + " events or "
        + settings.queueMaxBytes()
        + " bytes): events are logged faster than they can be written to "
        + full.directory()
        + ". Raise queueCapacity or queueMaxBytes, or set appendTimeout to let logging threads"
        + " wait";
  }

  private static String userAgent() {
    String version = Pipeline.class.getPackage().getImplementationVersion();
    return "eventbunker-java/" + (version == null ? "dev" : version);
  }

  private static ThreadFactory daemonThreads(String prefix, String appenderName) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + appenderName + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
