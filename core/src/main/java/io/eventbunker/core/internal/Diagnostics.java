package io.eventbunker.core.internal;

/**
 * Where the core reports what the user should know, implemented by each appender with its logging
 * framework's own status API (logback's status manager, Log4j2's StatusLogger) — never through the
 * logging API itself, which would feed our messages back into logging. Called from any thread;
 * implementations must not throw.
 */
public interface Diagnostics {

  /** Something worth knowing, such as the totals at a clean stop. */
  void info(String message);

  /** Something the user should act on, such as events not delivered. */
  void warn(String message);

  /** A failure of ours that a bug report should carry the stack trace of. */
  void warn(String message, Throwable cause);
}
