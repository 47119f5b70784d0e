package io.eventbunker.logback;

/** A setting the appender cannot start with; the message names the setting and the fix. */
final class InvalidSettingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean missingWriteKey;

  InvalidSettingException(String message, boolean missingWriteKey) {
    super(message, null, false, false);
    this.missingWriteKey = missingWriteKey;
  }

  boolean isMissingWriteKey() {
    return missingWriteKey;
  }
}
