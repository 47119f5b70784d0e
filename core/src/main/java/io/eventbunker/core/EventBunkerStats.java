package io.eventbunker.core;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of an appender's counters. The identity {@code accepted = delivered + rejected +
 * dropped + failed + pending} holds exactly in every snapshot.
 */
public final class EventBunkerStats {
  private final long accepted;
  private final long delivered;
  private final long rejected;
  private final long dropped;
  private final long failed;
  private final long retries;
  private final int queueSize;
  private final int queueCapacity;
  private final int inFlight;
  private final boolean spoolEnabled;
  private final long spooled;
  private final long spooledBytes;
  private final boolean writeKeyRejected;
  private final boolean endpointMisdirected;
  private final @Nullable String lastError;

  /** For the appenders, and for tests of code that reads these. */
  public EventBunkerStats(
      long accepted,
      long delivered,
      long rejected,
      long dropped,
      long failed,
      long retries,
      int queueSize,
      int queueCapacity,
      int inFlight,
      boolean spoolEnabled,
      long spooled,
      long spooledBytes,
      boolean writeKeyRejected,
      boolean endpointMisdirected,
      @Nullable String lastError) {
    this.accepted = accepted;
    this.delivered = delivered;
    this.rejected = rejected;
    this.dropped = dropped;
    this.failed = failed;
    this.retries = retries;
    this.queueSize = queueSize;
    this.queueCapacity = queueCapacity;
    this.inFlight = inFlight;
    this.spoolEnabled = spoolEnabled;
    this.spooled = spooled;
    this.spooledBytes = spooledBytes;
    this.writeKeyRejected = writeKeyRejected;
    this.endpointMisdirected = endpointMisdirected;
    this.lastError = lastError;
  }

  /** EVENT statements the appender took in since it was created. */
  public long accepted() {
    return accepted;
  }

  /** Events the API acknowledged with 2xx. */
  public long delivered() {
    return delivered;
  }

  /** Events refused by the API (4xx) or found invalid before sending. */
  public long rejected() {
    return rejected;
  }

  /** Events dropped because the queue was full. */
  public long dropped() {
    return dropped;
  }

  /** Events given up after retries, or left undelivered at shutdown. */
  public long failed() {
    return failed;
  }

  /**
   * Events accepted but not yet settled: queued, in flight, waiting for a retry, or in the spool.
   * After {@code stop()} with a spool, the events kept there for the next start.
   */
  public long pending() {
    return accepted - delivered - rejected - dropped - failed;
  }

  /** Attempts that failed transiently and were scheduled again. */
  public long retries() {
    return retries;
  }

  /** Events waiting in the queue now. */
  public int queueSize() {
    return queueSize;
  }

  /** The queue's capacity in events. */
  public int queueCapacity() {
    return queueCapacity;
  }

  /** Requests on the wire now. */
  public int inFlight() {
    return inFlight;
  }

  /**
   * True when a spool directory is in use: one is configured, and this appender could take it (it
   * was writable and not held by another appender or process).
   */
  public boolean spoolEnabled() {
    return spoolEnabled;
  }

  /**
   * Events in the spool not yet settled: written there by this run, or found there from an earlier
   * one, and not yet delivered, rejected or aged out. Exact; events being replayed still count.
   */
  public long spooled() {
    return spooled;
  }

  /**
   * Disk space the spool's files take now, in bytes. Space is freed a segment file at a time, once
   * every event in it is settled, so this trails {@link #spooled()} a little.
   */
  public long spooledBytes() {
    return spooledBytes;
  }

  /** True after the API refused the write key (401), until a later request succeeds. */
  public boolean writeKeyRejected() {
    return writeKeyRejected;
  }

  /**
   * True after something other than the API answered (a wrong URL's 404, a proxy's 407, a
   * firewall's page) or TLS failed, until a later request succeeds: sending is paused, and events
   * wait.
   */
  public boolean endpointMisdirected() {
    return endpointMisdirected;
  }

  /** The most recent error's description, or null if there was none. */
  public @Nullable String lastError() {
    return lastError;
  }

  @Override
  public String toString() {
    return "EventBunkerStats{accepted="
        + accepted
        + ", delivered="
        + delivered
        + ", rejected="
        + rejected
        + ", dropped="
        + dropped
        + ", failed="
        + failed
        + ", pending="
        + pending()
        + ", retries="
        + retries
        + ", queue="
        + queueSize
        + "/"
        + queueCapacity
        + ", inFlight="
        + inFlight
        + (spoolEnabled ? ", spooled=" + spooled + " (" + spooledBytes + " bytes)" : "")
        + '}';
  }
}
