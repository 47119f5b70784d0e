package io.eventbunker.core.internal;

/** A setting the appender cannot start with; the message names the setting and the fix. */
public final class InvalidSettingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean missingWriteKey;

  public InvalidSettingException(String message, boolean missingWriteKey) {
    super(message, null, false, false);
    this.missingWriteKey = missingWriteKey;
  }

  /** Whether the write key is what is missing: a warning rather than an error for adapters. */
  public boolean isMissingWriteKey() {
    return missingWriteKey;
  }
}
