package io.eventbunker.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One started appender's machinery, in pipeline order: capture → queue → sender (which sends and
 * retries) → accounting (which reports), with the spool (when configured) taking what the queue and
 * the sender cannot deliver in time. Created by {@code start()}, discarded by {@code stop()}.
 */
final class Pipeline {

  private final AppenderSettings settings;

  /** Built once: the drop path runs on logging threads, once per dropped event. */
  private final String queueFullMessage;

  private final Accounting accounting;
  private final ConsoleReporter console;
  private final EventCapture capture;
  private final EventQueue queue;
  private final @Nullable Spool spool;
  private final EventSender sender;

  /** Threads for the requests (one per request in flight) and for retries; a cached pool. */
  private final ExecutorService requestThreads;

  private final ClientSource client;

  private Pipeline(AppenderSettings settings, Accounting accounting, ClientSource client) {
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
    this.capture = new EventCapture(settings);
    this.queue = new EventQueue(settings.queueCapacity(), settings.queueMaxBytes());
    this.spool = Spool.open(settings, accounting);
    this.requestThreads =
        Executors.newCachedThreadPool(
            daemonThreads("eventbunker-request-", settings.appenderName()));
    this.sender =
        new EventSender(
            settings, queue, spool, client, requestThreads, accounting, console, userAgent());
    this.client = client;
  }

  /** Starts the sender and spool threads; does no network I/O. */
  static Pipeline start(
      AppenderSettings settings,
      @Nullable HttpClient userClient,
      Accounting accounting,
      String name) {
    ClientSource client =
        new ClientSource(userClient, settings, daemonThreads("eventbunker-http-", name));
    Pipeline pipeline = new Pipeline(settings, accounting, client);
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
  void accept(ILoggingEvent event) {
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
          event.getMessage(), "the statement could not be read: " + e);
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

  ConsoleReporter console() {
    return console;
  }

  int queueSize() {
    return queue.size();
  }

  int queueCapacity() {
    return queue.capacity();
  }

  int inFlight() {
    return sender.inFlight();
  }

  /** The spool in use, or null. */
  @Nullable Spool spool() {
    return spool;
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
