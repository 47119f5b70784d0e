package io.eventbunker.core.internal;

import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * What becomes of events the sender can no longer send once it has closed: the spool takes them, or
 * they fail, saying how to give delivery more time. Closed once, by the sender thread as it ends;
 * from then on, an event that comes back from a request or a retry is stranded too.
 */
final class Leftovers {
  /** At shutdown, how long to wait for room in the spool's hand-off for what is left. */
  static final long SPOOL_HANDOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final AppenderSettings settings;
  private final @Nullable Spool spool;
  private final Accounting accounting;

  private volatile boolean closed;
  private volatile long strandDeadlineNanos;

  Leftovers(AppenderSettings settings, @Nullable Spool spool, Accounting accounting) {
    this.settings = settings;
    this.spool = spool;
    this.accounting = accounting;
  }

  void close(long nowNanos) {
    strandDeadlineNanos = nowNanos + SPOOL_HANDOFF_NANOS;
    closed = true;
  }

  boolean isClosed() {
    return closed;
  }

  void strand(TrackedEvent event, String where) {
    strand(event, where, 0);
  }

  /** To the spool, or failed; {@code where} the event was, for the message. */
  void strand(TrackedEvent event, String where, int status) {
    if (spool == null || !spool.strand(event, strandDeadlineNanos)) {
      accounting.failed(event, message(where), status);
    }
  }

  private String message(String where) {
    return "the event "
        + where
        + " when the time to deliver at shutdown ran out (shutdownTimeout "
        + TimeUnit.NANOSECONDS.toMillis(settings.shutdownTimeoutNanos())
        + " ms); raise shutdownTimeout to give delivery more time at shutdown";
  }
}
