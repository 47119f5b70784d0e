package io.eventbunker.core;

import org.jspecify.annotations.Nullable;

/** The final outcome of one accepted event, as passed to {@link EventBunkerListener#onResult}. */
public final class EventResult {
  private final Outcome outcome;
  private final @Nullable String eventName;
  private final @Nullable String reason;
  private final int statusCode;
  private final @Nullable String uniqueRequestId;
  private final long timeRecorded;

  /** For the appenders, and for tests of code that reads these. */
  public EventResult(
      Outcome outcome,
      @Nullable String eventName,
      @Nullable String reason,
      int statusCode,
      @Nullable String uniqueRequestId,
      long timeRecorded) {
    this.outcome = outcome;
    this.eventName = eventName;
    this.reason = reason;
    this.statusCode = statusCode;
    this.uniqueRequestId = uniqueRequestId;
    this.timeRecorded = timeRecorded;
  }

  /** How the event ended. */
  public Outcome outcome() {
    return outcome;
  }

  /** The event's name, or null when the statement had none. */
  public @Nullable String eventName() {
    return eventName;
  }

  /** Why the event was not delivered; null when it was. */
  public @Nullable String reason() {
    return reason;
  }

  /** The HTTP status of the last response, or 0 when no response was received. */
  public int statusCode() {
    return statusCode;
  }

  /** The API's {@code unique_req_id} for a delivered event, when it sent one; otherwise null. */
  public @Nullable String uniqueRequestId() {
    return uniqueRequestId;
  }

  /** The API's {@code time_recorded} (epoch milliseconds) for a delivered event, otherwise 0. */
  public long timeRecorded() {
    return timeRecorded;
  }

  @Override
  public String toString() {
    return "EventResult{"
        + outcome.tag()
        + ", event="
        + eventName
        + (statusCode == 0 ? "" : ", status=" + statusCode)
        + (reason == null ? "" : ", reason=" + reason)
        + (uniqueRequestId == null ? "" : ", unique_req_id=" + uniqueRequestId)
        + '}';
  }
}
