package io.eventbunker.logback;

import org.jspecify.annotations.Nullable;

/** An event that cannot be sent as it is; the message says why and how to fix the statement. */
final class RejectedEventException extends Exception {
  private static final long serialVersionUID = 1L;

  private final @Nullable String eventName;
  private final String reason;

  RejectedEventException(@Nullable String eventName, String reason) {
    // No stack trace: this is an outcome reported to the user, not a bug to debug.
    super(reason, null, false, false);
    this.eventName = eventName;
    this.reason = reason;
  }

  @Nullable String eventName() {
    return eventName;
  }

  /** The message given, which {@link #getMessage()} does not promise to be non-null. */
  String reason() {
    return reason;
  }
}
