package io.eventbunker.core.internal;

import io.eventbunker.core.EventBunkerStats;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The few lines a user must see without configuring anything: a refused write key, events being
 * lost (at most once per {@link #INTERVAL_NANOS}), and the totals at stop when any event was not
 * delivered. Logback prints its status manager only while it configures itself, so a warning that
 * only reaches it is, for the user, silent. Printed to {@code System.err}, like logback's own
 * status printer; never from a logging thread (the sender and the thread calling {@code stop()}
 * print), and never through SLF4J.
 */
final class ConsoleReporter {
  static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final boolean enabled;
  private final String prefix;
  private final LongSupplier nanoClock;

  // Only the sender thread reports losses; stop() runs after it has finished.
  private boolean reportedLosses;
  private long lastLossReportNanos;
  private long reportedUndelivered;

  ConsoleReporter(boolean enabled, String appenderName, LongSupplier nanoClock) {
    this.enabled = enabled;
    this.prefix = "EventBunker appender '" + appenderName + "' ";
    this.nanoClock = nanoClock;
  }

  /**
   * The API refused the key, or something else answered: said once per pause, since sending then
   * pauses.
   */
  void endpointProblem(String explanation) {
    print(prefix + explanation);
  }

  /** "EventBunker appender 'name' ", to begin a line with. */
  String prefix() {
    return prefix;
  }

  /**
   * Called by the sender now and then: says how many events were not delivered since the last line,
   * and the latest reason, when there are new ones and the interval has passed.
   */
  void lossesSoFar(EventBunkerStats stats, String latestReason) {
    long undelivered = stats.rejected() + stats.dropped() + stats.failed();
    if (undelivered == reportedUndelivered) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (reportedLosses && now - lastLossReportNanos < INTERVAL_NANOS) {
      return;
    }
    print(
        prefix
            + "did not deliver "
            + (undelivered - reportedUndelivered)
            + " event(s)"
            + (reportedLosses ? " in the last minute" : "")
            + " (so far: "
            + stats.rejected()
            + " rejected, "
            + stats.dropped()
            + " dropped, "
            + stats.failed()
            + " failed of "
            + stats.accepted()
            + "). Latest: "
            + latestReason);
    reportedLosses = true;
    lastLossReportNanos = now;
    reportedUndelivered = undelivered;
  }

  /** The totals at stop, when any event was not delivered. */
  void stopped(String totals) {
    print(totals);
  }

  private void print(String line) {
    if (!enabled) {
      return;
    }
    PrintStream console = System.err;
    try {
      console.println(line);
    } catch (RuntimeException e) {
      // A broken console must not break the sender or stop(); the status manager has it too.
    }
  }
}
