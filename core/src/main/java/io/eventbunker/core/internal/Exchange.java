package io.eventbunker.core.internal;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One POST, on a request thread, with the blocking {@code HttpClient.send}, settled exactly once:
 * by its response, its failure, the watchdog or {@link #cancel}. Not {@code sendAsync}: it hands
 * every response to CompletableFuture's default executor, which starts a new thread per task when
 * ForkJoinPool's common parallelism is below 2 — on every machine or container with 2 CPUs or
 * fewer. {@code send} completes the exchange on the calling thread, and the request threads are
 * reused.
 */
final class Exchange implements Runnable {
  /** Receives the one settlement of each exchange. */
  interface Completion {
    void completed(
        Exchange exchange, @Nullable HttpResponse<String> reply, @Nullable Throwable failure);
  }

  final TrackedEvent event;
  final long backoffGeneration;
  final long gateGeneration;
  final long sentNanos;

  private final HttpRequest request;
  private final Transport transport;
  private final Completion completion;
  private final AtomicBoolean settled = new AtomicBoolean();
  private volatile @Nullable Future<?> running;
  private volatile @Nullable Future<?> watchdog;

  Exchange(
      TrackedEvent event,
      HttpRequest request,
      long backoffGeneration,
      long gateGeneration,
      long sentNanos,
      Transport transport,
      Completion completion) {
    this.event = event;
    this.request = request;
    this.backoffGeneration = backoffGeneration;
    this.gateGeneration = gateGeneration;
    this.sentNanos = sentNanos;
    this.transport = transport;
    this.completion = completion;
  }

  /**
   * Runs on a request thread. The request timeout covers the wait for response headers only; the
   * watchdog, on the appender's timer, covers a body that never finishes by cancelling.
   */
  void start(ExecutorService requestThreads, ScheduledExecutorService timer, long timeoutNanos) {
    try {
      running = requestThreads.submit(this);
    } catch (RuntimeException e) {
      settle(null, e); // the pools have stopped
      return;
    }
    try {
      watchdog = timer.schedule(this::cancel, timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (RuntimeException e) {
      cancel(); // no watchdog, no bound on the request: the timer has stopped, so has the sender
      return;
    }
    if (settled.get()) {
      cancelWatchdog(); // settled before the watchdog was set: it would wait out the timeout
    }
  }

  @Override
  public void run() {
    try {
      settle(transport.send(request), null);
    } catch (InterruptedException e) {
      // By cancel(), which has settled it, or by the pool's shutdown at stop(); the pool clears
      // the interrupt before its next task.
      settle(null, new CancellationException("interrupted"));
    } catch (IOException | RuntimeException | Error e) {
      settle(null, e);
    }
  }

  /**
   * Stops the exchange unless it has settled; the client aborts an interrupted send. A settled one
   * is not interrupted: its request thread may be handling the response.
   */
  void cancel() {
    if (settle(null, new CancellationException("cancelled"))) {
      Future<?> current = running;
      if (current != null) {
        current.cancel(true);
      }
    }
  }

  /**
   * Exactly once per exchange, from whichever comes first.
   *
   * @return whether this call settled it
   */
  private boolean settle(@Nullable HttpResponse<String> reply, @Nullable Throwable failure) {
    if (!settled.compareAndSet(false, true)) {
      return false;
    }
    cancelWatchdog();
    completion.completed(this, reply, failure);
    return true;
  }

  private void cancelWatchdog() {
    Future<?> timer = watchdog;
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
