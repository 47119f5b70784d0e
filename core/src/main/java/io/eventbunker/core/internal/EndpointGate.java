package io.eventbunker.core.internal;

import java.util.concurrent.TimeUnit;

/**
 * What answers have shown of the endpoint and the write key, and so how many requests may be on the
 * wire: one until a 2xx has shown the key accepted, then one more per success up to {@code
 * maxInFlight} (a slow start, which also opens connections one by one instead of all at once in a
 * cold JVM). Two answers pause sending for {@link #PAUSE_NANOS}, after which one request checks
 * again:
 *
 * <ul>
 *   <li>a 401, the key refused: events are rejected without requests meanwhile, so a wrong key
 *       costs one request per pause, not a window of them;
 *   <li>an answer that is not the API's (a 404 from a wrong URL, a proxy's 407, a firewall's page):
 *       nothing is sent and nothing rejected meanwhile; events wait in the queue or the spool.
 * </ul>
 *
 * <p>Each pause starts a new generation: an answer to a request sent before it (a late 2xx, or the
 * other answers of the same window) cannot end or extend it.
 */
final class EndpointGate {
  /** How long a refused key or a misdirected endpoint is assumed to stay so. */
  static final long PAUSE_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final int maxInFlight;

  private long generation;
  private boolean accepted;
  private boolean keyRefused;
  private boolean misdirected;
  private long pausedAtNanos;
  private int window = 1;

  /** The server's stream limit, once learned; the window never grows beyond it. */
  private int streamLimit = Integer.MAX_VALUE;

  EndpointGate(int maxInFlight) {
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
  synchronized boolean isKeyRefused(long nowNanos) {
    endPauseIfOver(nowNanos);
    return keyRefused;
  }

  /**
   * Nanoseconds until requests may be sent again after an answer that was not the API's; 0 when
   * none holds them.
   */
  synchronized long heldForNanos(long nowNanos) {
    endPauseIfOver(nowNanos);
    return misdirected ? pausedAtNanos + PAUSE_NANOS - nowNanos : 0;
  }

  /** Whether the API has taken an event with this key since the start or the last pause. */
  synchronized boolean isAccepted() {
    return accepted;
  }

  /** A 2xx for a request sent in {@code requestGeneration}. */
  synchronized void onAccepted(long requestGeneration) {
    if (requestGeneration != generation) {
      return; // sent before a pause: says nothing of the endpoint now
    }
    keyRefused = false;
    misdirected = false;
    accepted = true;
    window = Math.min(Math.min(maxInFlight, streamLimit), window + 1);
  }

  /**
   * The HTTP/2 server took no more than {@code streams} requests at once: the JDK's client fails
   * the ones beyond its limit without sending them (JDK-8225647) instead of waiting for room. The
   * window keeps below it from now on.
   */
  synchronized void limitStreams(int streams) {
    streamLimit = Math.max(1, Math.min(streamLimit, streams));
    window = Math.min(window, streamLimit);
  }

  /**
   * A 401 for a request sent in {@code requestGeneration}.
   *
   * @return true for the first 401 of a generation: the news that the key is refused
   */
  synchronized boolean onKeyRefused(long requestGeneration, long nowNanos) {
    if (!pause(requestGeneration, nowNanos)) {
      return false;
    }
    keyRefused = true;
    return true;
  }

  /**
   * An answer that was not the API's, for a request sent in {@code requestGeneration}.
   *
   * @return true for the first of a generation: the news, to be said once
   */
  synchronized boolean onNotTheApi(long requestGeneration, long nowNanos) {
    if (!pause(requestGeneration, nowNanos)) {
      return false;
    }
    misdirected = true;
    return true;
  }

  private boolean pause(long requestGeneration, long nowNanos) {
    if (requestGeneration != generation) {
      return false;
    }
    generation++;
    accepted = false;
    keyRefused = false;
    misdirected = false;
    pausedAtNanos = nowNanos;
    window = 1;
    return true;
  }

  private void endPauseIfOver(long nowNanos) {
    if ((keyRefused || misdirected) && nowNanos - pausedAtNanos >= PAUSE_NANOS) {
      keyRefused = false; // checked again, one request at a time
      misdirected = false;
    }
  }
}
