package io.eventbunker.core.internal;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The sender thread: drains the queue and POSTs each event on a request thread, keeping at most
 * {@code maxInFlight} requests on the wire so that the API's round trip does not cap throughput.
 * Each answer is classified ({@link ResponseClassifier}); transient failures wait for another
 * attempt ({@link RetryScheduler}) behind one shared {@link Backoff}, and the {@link EndpointGate}
 * paces and pauses sending by what the answers say of the key and the endpoint.
 *
 * <p>With a spool, what runs out of retries or is left at shutdown goes there instead of failing,
 * and when there is nothing else to send, the spool's events are replayed — also as the single
 * probe of a failing endpoint, so that a recovery is noticed without new events.
 *
 * <p>The thread parks when there is nothing to do; producers wake it only when it is idle, so a
 * busy appender costs logging threads no wake-ups and a quiet one sends within microseconds.
 */
final class EventSender {
  /** Also how often the console hears of losses at the most: see {@link ConsoleReporter}. */
  private static final long IDLE_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);

  /**
   * The end of the shutdown timeout kept for closing: first responses already on their way may
   * still arrive, then what is still in flight is cancelled. At most half the timeout.
   */
  private static final long CLOSING_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final AppenderSettings settings;
  private final EventQueue queue;
  private final @Nullable Spool spool;
  private final Transport transport;
  private final Accounting accounting;
  private final Backoff backoff;
  private final EndpointGate gate;
  private final ConsoleReporter console;
  private final EventEncoder encoder;
  private final RetryScheduler retries;
  private final Leftovers leftovers;
  private final ResponseHandler responses;
  private final Map<TrackedEvent, Exchange> inFlightRequests = new ConcurrentHashMap<>();

  /** Runs each POST; the pipeline shuts it down, as it does the timer. */
  private final ExecutorService requestThreads;

  /** The appender's own timer: retry delays and the request watchdogs. */
  private final ScheduledExecutorService timer;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final Thread thread;

  private volatile boolean idle;
  private volatile boolean stopping;
  private volatile long stopDeadlineNanos;
  private volatile long closeDeadlineNanos;

  /** The sender thread's own: when it last told the console of losses. */
  private long lossesCheckedNanos;

  EventSender(
      AppenderSettings settings,
      EventQueue queue,
      @Nullable Spool spool,
      Transport transport,
      ExecutorService requestThreads,
      ScheduledExecutorService timer,
      Accounting accounting,
      ConsoleReporter console) {
    this.settings = settings;
    this.queue = queue;
    this.spool = spool;
    this.transport = transport;
    this.requestThreads = requestThreads;
    this.timer = timer;
    this.accounting = accounting;
    this.console = console;
    this.gate = new EndpointGate(settings.maxInFlight());
    this.encoder = new EventEncoder(settings.maxEventBytes());
    this.backoff =
        new Backoff(settings.retryPolicy(), () -> ThreadLocalRandom.current().nextDouble());
    this.thread = new Thread(this::run, "eventbunker-sender-" + settings.appenderName());
    this.thread.setDaemon(true);
    this.retries = new RetryScheduler(timer, () -> LockSupport.unpark(thread));
    this.leftovers = new Leftovers(settings, spool, accounting);
    this.responses =
        new ResponseHandler(
            settings,
            spool,
            transport,
            accounting,
            backoff,
            gate,
            console,
            retries,
            leftovers,
            inFlight::get);
  }

  void start() {
    thread.start();
  }

  /**
   * Called by producers after queueing, and by the spool when replayed events are ready: wakes the
   * thread only if it went to sleep.
   */
  void eventQueued() {
    if (idle) {
      LockSupport.unpark(thread);
    }
  }

  /** True once the thread has given up on the queue; later events must not be left in it. */
  boolean isClosed() {
    return leftovers.isClosed();
  }

  int inFlight() {
    return inFlight.get();
  }

  /**
   * Delivers what is left within {@code timeout} (the shutdown timeout, unless the caller has spent
   * part of it already), then fails the rest (or hands it to the spool). Returns when the thread
   * has finished: within the timeout, plus the hand-off to the spool when there is one. The
   * caller's interrupt does not cut it short.
   *
   * @return whether the thread has finished; if not, what it uses must not be shut down
   */
  boolean stop(long timeout) {
    long now = System.nanoTime();
    closeDeadlineNanos = now + timeout;
    stopDeadlineNanos = now + timeout - Math.min(CLOSING_NANOS, timeout / 2);
    stopping = true;
    LockSupport.unpark(thread);
    long handoff = spool == null ? 0 : Leftovers.SPOOL_HANDOFF_NANOS;
    // The thread keeps the deadlines; this bound only guards against it hanging.
    return Threads.joinUninterruptibly(thread, timeout + handoff + TimeUnit.SECONDS.toNanos(1));
  }

  /**
   * Adds the events the sender holds besides the queue: waiting for a retry, and in flight. Weakly
   * consistent, like the collections it reads.
   */
  void collectUnsettled(List<TrackedEvent> into) {
    retries.collect(into);
    into.addAll(inFlightRequests.keySet());
  }

  private void run() {
    try {
      warmUp();
      deliverUntilStopped();
    } catch (Throwable e) { // an Error too: whatever the loop leaves, close() settles
      accounting
          .status()
          .warn("EventBunker sender thread failed: " + transport.scrub(String.valueOf(e)));
    } finally {
      close();
    }
  }

  /**
   * Gets the client and what the first request needs ready while the application starts, and opens
   * the connection when nothing waits to be sent yet (otherwise the first event opens it itself,
   * with no extra request).
   */
  private void warmUp() {
    transport.warmUp();
    try {
      encoder.encode(
          new TrackedEvent(
              "warm-up", System.currentTimeMillis(), null, new String[0], new Object[0], 0));
    } catch (RuntimeException e) {
      // Only a head start: the first event does the same, and reports what fails.
    }
    if (queue.isEmpty() && (spool == null || !spool.hasReplay())) {
      transport.preconnect(requestThreads);
    }
  }

  private void deliverUntilStopped() {
    while (true) {
      // A stray interrupt is not a stop (stopping is): cleared, or every park would return at once.
      Thread.interrupted();
      long now = System.nanoTime();
      tellConsoleOfLosses(now);
      long waitNanos = IDLE_PARK_NANOS;
      long heldFor = gate.heldForNanos(now);
      if (stopping) {
        waitNanos = stopDeadlineNanos - now;
        // Held: nothing would be sent before the end; what is left is stranded at once.
        if (waitNanos <= 0
            || heldFor > 0
            || (queue.isEmpty() && retries.isEmpty() && inFlight.get() == 0)) {
          return;
        }
      }
      long closedFor = Math.max(heldFor, backoff.closedForNanos(now));
      if (closedFor > 0) {
        LockSupport.parkNanos(this, Math.min(waitNanos, closedFor));
        continue;
      }
      int limit = backoff.isFailing() ? 1 : gate.window();
      if (inFlight.get() >= limit) {
        LockSupport.parkNanos(this, waitNanos); // a completing request wakes us
        continue;
      }
      // Not while stopping: spooled events are safe where they are. Not while the key is refused
      // (until it is known to work, the window is one request anyway). Not while an event waits
      // out its backoff: a failed replayed event goes again before the next one, so the replay
      // keeps the spool's order.
      Spool replaying =
          spool != null && !stopping && !gate.isKeyRefused(now) && !retries.isBackingOff()
              ? spool
              : null;
      TrackedEvent next = retries.poll();
      if (next == null) {
        next = queue.poll();
      }
      if (next == null && replaying != null) {
        next = replaying.nextReplayed();
      }
      if (next != null) {
        dispatch(next, now);
        continue;
      }
      idle = true;
      // Checked after announcing idleness, so no wake-up is missed.
      if (queue.isEmpty() && !(replaying != null && replaying.hasReplay())) {
        LockSupport.parkNanos(this, waitNanos);
      }
      idle = false;
    }
  }

  /** At most once a second, on this thread: never on a logging thread, which must not do I/O. */
  private void tellConsoleOfLosses(long now) {
    if (now - lossesCheckedNanos < IDLE_PARK_NANOS) {
      return;
    }
    lossesCheckedNanos = now;
    String latest = accounting.lastLoss();
    if (latest != null) {
      console.lossesSoFar(accounting.counts(), latest);
    }
  }

  /** Sends one event; whatever goes wrong settles that event, never the loop. */
  private void dispatch(TrackedEvent event, long now) {
    try {
      send(event, now);
    } catch (Throwable e) {
      accounting.failed(event, "it could not be sent: " + transport.scrub(String.valueOf(e)), 0);
    }
  }

  private void send(TrackedEvent event, long now) {
    if (gate.isKeyRefused(now)) {
      responses.keyRefusedEarlier(event);
      return;
    }
    if (event.json() == null) {
      String unsendable = encoder.encode(event);
      if (unsendable != null) {
        accounting.rejected(event, unsendable, 0);
        return;
      }
    }
    Exchange exchange =
        new Exchange(
            event,
            transport.request(Objects.requireNonNull(event.json())),
            backoff.generation(),
            gate.generation(),
            now,
            transport,
            this::completed);
    event.attempt(now);
    inFlight.incrementAndGet();
    inFlightRequests.put(event, exchange);
    exchange.start(requestThreads, timer, settings.requestTimeout().toNanos());
  }

  /**
   * Hands everything the thread leaves behind to the spool, or fails it when there is none; runs
   * once, on the sender thread. Responses already on their way get the closing part of the shutdown
   * timeout to arrive, so that an event the server took is counted delivered; what is still in
   * flight at its end is cancelled.
   */
  private void close() {
    long now = System.nanoTime();
    long end = stopping ? closeDeadlineNanos : now + CLOSING_NANOS; // or the thread failed
    leftovers.close(now);
    strandLeftovers();
    // The last fifth is for cancelling: exchanges that settle concurrently finish their callbacks.
    awaitInFlight(end - Math.max(0, end - System.nanoTime()) / 5);
    for (Exchange exchange : inFlightRequests.values()) {
      // A cancel that settles the exchange strands its event (transientFailure, once closed); one
      // that lost to a response leaves the event that response's outcome.
      exchange.cancel();
    }
    awaitInFlight(end);
  }

  private void awaitInFlight(long untilNanos) {
    long remaining;
    while (inFlight.get() > 0 && (remaining = untilNanos - System.nanoTime()) > 0) {
      LockSupport.parkNanos(this, remaining);
    }
  }

  private void strandLeftovers() {
    retries.strandAll(leftovers::strand);
    TrackedEvent event;
    while ((event = queue.poll()) != null) {
      leftovers.strand(event, "was still queued");
    }
  }

  private void completed(
      Exchange exchange, @Nullable HttpResponse<String> reply, @Nullable Throwable failure) {
    try {
      responses.handle(exchange, reply, failure);
    } catch (Throwable e) {
      accounting.failed(
          exchange.event,
          "unexpected error handling the response: " + transport.scrub(String.valueOf(e)),
          0);
    } finally {
      // Only now, so that flush() finds the event here or waiting for its retry, never in between.
      inFlightRequests.remove(exchange.event, exchange); // a retry may have put a new one
      inFlight.decrementAndGet();
      LockSupport.unpark(thread);
    }
  }
}
