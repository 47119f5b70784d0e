package io.eventbunker.logback;

import ch.qos.logback.core.spi.ContextAware;
import io.eventbunker.core.internal.Diagnostics;

/**
 * The core's diagnostics, into logback's status manager and never through SLF4J (which would feed
 * our own messages back into logging).
 */
final class LogbackDiagnostics implements Diagnostics {
  private final ContextAware target;

  LogbackDiagnostics(ContextAware target) {
    this.target = target;
  }

  @Override
  public void info(String message) {
    target.addInfo(message);
  }

  @Override
  public void warn(String message) {
    target.addWarn(message);
  }

  @Override
  public void warn(String message, Throwable cause) {
    target.addWarn(message, cause);
  }
}
