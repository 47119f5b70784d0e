package io.eventbunker.core.internal;

import org.jspecify.annotations.Nullable;

/** An event that cannot be sent as it is; the message says why and how to fix the statement. */
public final class RejectedEventException extends Exception {
  private static final long serialVersionUID = 1L;

  private final @Nullable String eventName;
  private final String reason;

  public RejectedEventException(@Nullable String eventName, String reason) {
    // No stack trace: this is an outcome reported to the user, not a bug to debug.
    super(reason, null, false, false);
    this.eventName = eventName;
    this.reason = reason;
  }

  /** The event's name, or null when the statement had none. */
  public @Nullable String eventName() {
    return eventName;
  }

  /** The message given, which {@link #getMessage()} does not promise to be non-null. */
  public String reason() {
    return reason;
  }
}
