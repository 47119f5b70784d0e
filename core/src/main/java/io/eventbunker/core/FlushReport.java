package io.eventbunker.core;

/**
 * What an appender's {@code flush(Duration)} achieved for the events that were queued, waiting for
 * a retry or in flight when it was called: each is counted under its outcome, or as still pending
 * when the time ran out first.
 */
public final class FlushReport {
  private final long delivered;
  private final long rejected;
  private final long failed;
  private final long spooled;
  private final long pending;

  /** For the appenders, and for tests of code that reads these. */
  public FlushReport(long delivered, long rejected, long failed, long spooled, long pending) {
    this.delivered = delivered;
    this.rejected = rejected;
    this.failed = failed;
    this.spooled = spooled;
    this.pending = pending;
  }

  /** Events the API accepted during the flush. */
  public long delivered() {
    return delivered;
  }

  /** Events the API (or the appender's own checks) refused; sending them again would not help. */
  public long rejected() {
    return rejected;
  }

  /** Events given up on: their retries ran out, or the appender was stopped meanwhile. */
  public long failed() {
    return failed;
  }

  /** Events handed to the spool, which sends them later. */
  public long spooled() {
    return spooled;
  }

  /** Events still queued, waiting for a retry or in flight when the time ran out. */
  public long pending() {
    return pending;
  }

  /** True when no event of the flush is still pending. */
  public boolean isComplete() {
    return pending == 0;
  }

  @Override
  public String toString() {
    return "FlushReport{delivered="
        + delivered
        + ", rejected="
        + rejected
        + ", failed="
        + failed
        + ", spooled="
        + spooled
        + ", pending="
        + pending
        + "}";
  }
}
