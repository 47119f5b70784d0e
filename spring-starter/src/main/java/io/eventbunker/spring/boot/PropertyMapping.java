package io.eventbunker.spring.boot;

import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import io.eventbunker.core.EventBunkerDefaults;
import io.eventbunker.logback.EventBunkerAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;

/**
 * Maps {@code eventbunker.*} onto an appender's setters: every setting for the appender the starter
 * creates, only the ones left at their default for an appender declared in the logback
 * configuration (whose own values win).
 */
final class PropertyMapping {

  private static final List<Setting<?>> SETTINGS =
      List.of(
          new Setting<>(
              EventBunkerAppender::getEndpoint,
              EventBunkerDefaults.ENDPOINT,
              EventBunkerProperties::getEndpoint,
              EventBunkerAppender::setEndpoint),
          new Setting<>(
              EventBunkerAppender::getProxy,
              null,
              EventBunkerProperties::getProxy,
              EventBunkerAppender::setProxy),
          new Setting<>(
              EventBunkerAppender::getQueueCapacity,
              EventBunkerDefaults.QUEUE_CAPACITY,
              EventBunkerProperties::getQueueCapacity,
              EventBunkerAppender::setQueueCapacity),
          new Setting<>(
              a -> a.getQueueMaxBytes().getSize(),
              EventBunkerDefaults.QUEUE_MAX_BYTES,
              p -> p.getQueueMaxBytes().toBytes(),
              (a, bytes) -> a.setQueueMaxBytes(new FileSize(bytes))),
          new Setting<>(
              a -> a.getMaxEventBytes().getSize(),
              EventBunkerDefaults.MAX_EVENT_BYTES,
              p -> p.getMaxEventBytes().toBytes(),
              (a, bytes) -> a.setMaxEventBytes(new FileSize(bytes))),
          new Setting<>(
              a -> a.getAppendTimeout().getMilliseconds(),
              EventBunkerDefaults.APPEND_TIMEOUT_MS,
              p -> p.getAppendTimeout().toMillis(),
              (a, ms) -> a.setAppendTimeout(Duration.buildByMilliseconds(ms))),
          new Setting<>(
              EventBunkerAppender::getMaxInFlight,
              EventBunkerDefaults.MAX_IN_FLIGHT,
              EventBunkerProperties::getMaxInFlight,
              EventBunkerAppender::setMaxInFlight),
          new Setting<>(
              a -> a.getConnectTimeout().getMilliseconds(),
              EventBunkerDefaults.CONNECT_TIMEOUT_MS,
              p -> p.getConnectTimeout().toMillis(),
              (a, ms) -> a.setConnectTimeout(Duration.buildByMilliseconds(ms))),
          new Setting<>(
              a -> a.getRequestTimeout().getMilliseconds(),
              EventBunkerDefaults.REQUEST_TIMEOUT_MS,
              p -> p.getRequestTimeout().toMillis(),
              (a, ms) -> a.setRequestTimeout(Duration.buildByMilliseconds(ms))),
          new Setting<>(
              EventBunkerAppender::getRetryMaxAttempts,
              EventBunkerDefaults.RETRY_MAX_ATTEMPTS,
              p -> p.getRetry().getMaxAttempts(),
              EventBunkerAppender::setRetryMaxAttempts),
          new Setting<>(
              a -> a.getRetryInitialBackoff().getMilliseconds(),
              EventBunkerDefaults.RETRY_INITIAL_BACKOFF_MS,
              p -> p.getRetry().getInitialBackoff().toMillis(),
              (a, ms) -> a.setRetryInitialBackoff(Duration.buildByMilliseconds(ms))),
          new Setting<>(
              a -> a.getRetryMaxBackoff().getMilliseconds(),
              EventBunkerDefaults.RETRY_MAX_BACKOFF_MS,
              p -> p.getRetry().getMaxBackoff().toMillis(),
              (a, ms) -> a.setRetryMaxBackoff(Duration.buildByMilliseconds(ms))),
          new Setting<>(
              a -> a.getRetryTimeout().getMilliseconds(),
              EventBunkerDefaults.RETRY_TIMEOUT_MS,
              p -> p.getRetry().getTimeout().toMillis(),
              (a, ms) -> a.setRetryTimeout(Duration.buildByMilliseconds(ms))),
          new Setting<>(
              a -> a.getShutdownTimeout().getMilliseconds(),
              EventBunkerDefaults.SHUTDOWN_TIMEOUT_MS,
              p -> p.getShutdownTimeout().toMillis(),
              (a, ms) -> a.setShutdownTimeout(Duration.buildByMilliseconds(ms))),
          new Setting<>(
              EventBunkerAppender::getCustomerIdentifierMdcKey,
              EventBunkerDefaults.CUSTOMER_IDENTIFIER_MDC_KEY,
              EventBunkerProperties::getCustomerIdentifierMdcKey,
              EventBunkerAppender::setCustomerIdentifierMdcKey),
          new Setting<>(
              EventBunkerAppender::getMdcKeys,
              "",
              p -> String.join(",", p.getMdcKeys()),
              EventBunkerAppender::setMdcKeys),
          new Setting<>(
              EventBunkerAppender::getSpoolDirectory,
              null,
              p -> p.getSpool().getDirectory(),
              EventBunkerAppender::setSpoolDirectory),
          new Setting<>(
              a -> a.getMaxSpoolBytes().getSize(),
              EventBunkerDefaults.MAX_SPOOL_BYTES,
              p -> p.getSpool().getMaxBytes().toBytes(),
              (a, bytes) -> a.setMaxSpoolBytes(new FileSize(bytes))),
          new Setting<>(
              a -> a.getSpoolMaxAge().getMilliseconds(),
              EventBunkerDefaults.SPOOL_MAX_AGE_MS,
              p -> p.getSpool().getMaxAge().toMillis(),
              (a, ms) -> a.setSpoolMaxAge(Duration.buildByMilliseconds(ms))),
          new Setting<>(
              EventBunkerAppender::isConsoleWarnings,
              EventBunkerDefaults.CONSOLE_WARNINGS,
              EventBunkerProperties::isConsoleWarnings,
              EventBunkerAppender::setConsoleWarnings));

  private PropertyMapping() {}

  /** Gives an appender the starter created every setting, the write key included. */
  static void applyAll(EventBunkerProperties properties, EventBunkerAppender appender) {
    appender.setWriteKey(properties.getWriteKey());
    for (Setting<?> setting : SETTINGS) {
      setting.apply(properties, appender);
    }
  }

  /**
   * Gives a declared appender the write key if it has none and the settings it left at their
   * default; returns whether anything changed.
   */
  static boolean fillIn(EventBunkerProperties properties, EventBunkerAppender appender) {
    boolean changed = false;
    if (!appender.hasWriteKey() && StringUtils.hasText(properties.getWriteKey())) {
      appender.setWriteKey(properties.getWriteKey());
      changed = true;
    }
    for (Setting<?> setting : SETTINGS) {
      changed |= setting.fillIn(properties, appender);
    }
    return changed;
  }

  /**
   * What the starter's appender is built from, to tell whether the properties changed. Holds the
   * write key: compare it, never print it.
   */
  static List<Object> wanted(EventBunkerProperties properties) {
    List<Object> values = new ArrayList<>();
    values.add(properties.getWriteKey());
    values.add(List.copyOf(properties.getLoggers()));
    for (Setting<?> setting : SETTINGS) {
      values.add(setting.wanted.apply(properties));
    }
    return values;
  }

  private static final class Setting<T> {
    private final Function<EventBunkerAppender, T> current;
    private final @Nullable T appenderDefault;
    private final Function<EventBunkerProperties, T> wanted;
    private final BiConsumer<EventBunkerAppender, T> setter;

    Setting(
        Function<EventBunkerAppender, T> current,
        @Nullable T appenderDefault,
        Function<EventBunkerProperties, T> wanted,
        BiConsumer<EventBunkerAppender, T> setter) {
      this.current = current;
      this.appenderDefault = appenderDefault;
      this.wanted = wanted;
      this.setter = setter;
    }

    void apply(EventBunkerProperties properties, EventBunkerAppender appender) {
      setter.accept(appender, wanted.apply(properties));
    }

    boolean fillIn(EventBunkerProperties properties, EventBunkerAppender appender) {
      T value = wanted.apply(properties);
      T now = current.apply(appender);
      if (Objects.equals(now, appenderDefault) && !Objects.equals(now, value)) {
        setter.accept(appender, value);
        return true;
      }
      return false;
    }
  }
}
