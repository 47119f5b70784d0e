package io.eventbunker.logback;

import java.util.concurrent.TimeUnit;

/**
 * What the API has said of the write key, and so how many requests may be on the wire: one until a
 * 2xx has shown the key accepted, then one more per success up to {@code maxInFlight} (a slow
 * start, which also opens connections one by one instead of all at once in a cold JVM). A 401
 * pauses sending for {@link #PAUSE_NANOS}; after it, the key is checked with one request again. A
 * wrong key so costs one request per pause, not a window of them.
 *
 * <p>Each 401 starts a new generation: an answer to a request sent before it (a late 2xx, or the
 * other 401s of the same window) cannot end or extend the pause.
 */
final class WriteKeyGate {
  /** After a 401 the key is assumed wrong for a while: events are rejected without requests. */
  static final long PAUSE_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final int maxInFlight;

  private long generation;
  private boolean accepted;
  private boolean refused;
  private long refusedAtNanos;
  private int window = 1;

  WriteKeyGate(int maxInFlight) {
    this.maxInFlight = maxInFlight;
  }

  /** To be remembered when a request is sent, and passed back with its answer. */
  synchronized long generation() {
    return generation;
  }

  /** Requests that may be on the wire now. */
  synchronized int window() {
    return accepted ? window : 1;
  }

  /** Whether the key was refused less than {@link #PAUSE_NANOS} ago; ends the pause after it. */
  synchronized boolean isPaused(long nowNanos) {
    if (refused && nowNanos - refusedAtNanos >= PAUSE_NANOS) {
      refused = false; // checked again, one request at a time
    }
    return refused;
  }

  /** Whether the API has taken an event with this key since the start or the last 401. */
  synchronized boolean isAccepted() {
    return accepted;
  }

  /** A 2xx for a request sent in {@code requestGeneration}. */
  synchronized void onAccepted(long requestGeneration) {
    if (requestGeneration != generation) {
      return; // sent before a 401: says nothing of the key now
    }
    refused = false;
    accepted = true;
    window = Math.min(maxInFlight, window + 1);
  }

  /**
   * A 401 for a request sent in {@code requestGeneration}.
   *
   * @return true for the first 401 of a generation: the news that the key is refused
   */
  synchronized boolean onRefused(long requestGeneration, long nowNanos) {
    if (requestGeneration != generation) {
      return false;
    }
    generation++;
    accepted = false;
    refused = true;
    refusedAtNanos = nowNanos;
    window = 1;
    return true;
  }
}
