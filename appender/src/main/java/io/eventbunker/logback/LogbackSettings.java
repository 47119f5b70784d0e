package io.eventbunker.logback;

import io.eventbunker.core.internal.AppenderSettings;
import io.eventbunker.core.internal.AppenderSettingsBuilder;
import io.eventbunker.core.internal.SettingSyntax;
import java.net.http.HttpClient;
import org.jspecify.annotations.Nullable;

/** The appender's Joran properties as the core's checked settings, named as in logback.xml. */
final class LogbackSettings implements SettingSyntax {
  private static final LogbackSettings SYNTAX = new LogbackSettings();

  private LogbackSettings() {}

  /**
   * The settings of {@code appender} as set, checked.
   *
   * @param writeKey the appender's, which it shows to nothing else
   * @param userClient the client given to {@code setHttpClient}, or null
   * @throws io.eventbunker.core.internal.InvalidSettingException naming the first setting that is
   *     wrong
   */
  static AppenderSettings from(
      EventBunkerAppender appender, @Nullable String writeKey, @Nullable HttpClient userClient) {
    return new AppenderSettingsBuilder(appender.getName(), SYNTAX)
        .writeKey(writeKey)
        .httpClient(userClient)
        .endpoint(appender.getEndpoint())
        .proxy(appender.getProxy())
        .queueCapacity(appender.getQueueCapacity())
        .queueMaxBytes(appender.getQueueMaxBytes().getSize())
        .maxEventBytes(appender.getMaxEventBytes().getSize())
        .appendTimeoutMillis(appender.getAppendTimeout().getMilliseconds())
        .maxInFlight(appender.getMaxInFlight())
        .connectTimeoutMillis(appender.getConnectTimeout().getMilliseconds())
        .requestTimeoutMillis(appender.getRequestTimeout().getMilliseconds())
        .retryMaxAttempts(appender.getRetryMaxAttempts())
        .retryInitialBackoffMillis(appender.getRetryInitialBackoff().getMilliseconds())
        .retryMaxBackoffMillis(appender.getRetryMaxBackoff().getMilliseconds())
        .retryTimeoutMillis(appender.getRetryTimeout().getMilliseconds())
        .shutdownTimeoutMillis(appender.getShutdownTimeout().getMilliseconds())
        .customerIdentifierMdcKey(appender.getCustomerIdentifierMdcKey())
        .mdcKeys(appender.getMdcKeys())
        .spoolDirectory(appender.getSpoolDirectory())
        .maxSpoolBytes(appender.getMaxSpoolBytes().getSize())
        .spoolMaxAgeMillis(appender.getSpoolMaxAge().getMilliseconds())
        .consoleWarnings(appender.isConsoleWarnings())
        .build();
  }

  @Override
  public String name(String setting) {
    return "<" + setting + ">";
  }

  @Override
  public String file() {
    return "logback.xml";
  }

  @Override
  public String writeKeyExample() {
    return "<writeKey>${EVENTBUNKER_WRITE_KEY}</writeKey>";
  }
}
