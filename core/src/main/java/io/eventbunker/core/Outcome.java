package io.eventbunker.core;

import java.util.Locale;

/** How an accepted event ended. Every accepted event ends in exactly one of these. */
public enum Outcome {
  /** The API answered 2xx. */
  DELIVERED,
  /** The event cannot be sent as it is: the API answered 4xx, or it failed validation locally. */
  REJECTED,
  /** The queue was full (or the appender stopping) when the event was logged. */
  DROPPED,
  /** Retries were exhausted, or shutdown came before the event could be delivered. */
  FAILED;

  /** The lower-case name, as used in metric tags. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
