package io.eventbunker.logback;

/** An event that cannot be sent as it is; the message says why and how to fix the statement. */
final class RejectedEventException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String eventName;

  RejectedEventException(String eventName, String reason) {
    // No stack trace: this is an outcome reported to the user, not a bug to debug.
    super(reason, null, false, false);
    this.eventName = eventName;
  }

  String eventName() {
    return eventName;
  }
}
