package io.eventbunker.core;

/**
 * Receives per-event outcomes and per-request measurements, for metrics or tests.
 *
 * <p>Callbacks run on the thread that settles the event: the logging thread for drops and local
 * rejections, otherwise the appender's own threads. Keep them fast and non-blocking; an exception
 * thrown from a callback is reported as a warning status and otherwise ignored.
 */
public interface EventBunkerListener {

  /** Called exactly once for every accepted event, when its outcome is final. */
  default void onResult(EventResult result) {}

  /** Called each time a failed attempt is scheduled to be tried again. */
  default void onRetry(String eventName, String reason) {}

  /**
   * Called after each HTTP attempt.
   *
   * @param statusCode the response status, or 0 when no response arrived (timeout, connection)
   * @param roundTripNanos time from sending the request to the response, or to the failure
   */
  default void onResponse(int statusCode, long roundTripNanos) {}
}
