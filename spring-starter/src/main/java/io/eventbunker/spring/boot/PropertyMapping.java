package io.eventbunker.spring.boot;

import io.eventbunker.core.EventBunkerDefaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;

/**
 * The {@code eventbunker.*} settings, independent of the logging framework: each one's value from
 * the properties (bytes, milliseconds, counts, text) and the appenders' default for it. Each
 * framework binds them to its own appender's setters with {@link Binding}.
 */
final class PropertyMapping {
  static final Setting<String> ENDPOINT =
      new Setting<>(EventBunkerProperties::getEndpoint, EventBunkerDefaults.ENDPOINT);
  static final Setting<String> PROXY = new Setting<>(EventBunkerProperties::getProxy, null);
  static final Setting<Integer> QUEUE_CAPACITY =
      new Setting<>(EventBunkerProperties::getQueueCapacity, EventBunkerDefaults.QUEUE_CAPACITY);
  static final Setting<Long> QUEUE_MAX_BYTES =
      new Setting<>(p -> p.getQueueMaxBytes().toBytes(), EventBunkerDefaults.QUEUE_MAX_BYTES);
  static final Setting<Long> MAX_EVENT_BYTES =
      new Setting<>(p -> p.getMaxEventBytes().toBytes(), EventBunkerDefaults.MAX_EVENT_BYTES);
  static final Setting<Long> APPEND_TIMEOUT =
      new Setting<>(p -> p.getAppendTimeout().toMillis(), EventBunkerDefaults.APPEND_TIMEOUT_MS);
  static final Setting<Integer> MAX_IN_FLIGHT =
      new Setting<>(EventBunkerProperties::getMaxInFlight, EventBunkerDefaults.MAX_IN_FLIGHT);
  static final Setting<Long> CONNECT_TIMEOUT =
      new Setting<>(p -> p.getConnectTimeout().toMillis(), EventBunkerDefaults.CONNECT_TIMEOUT_MS);
  static final Setting<Long> REQUEST_TIMEOUT =
      new Setting<>(p -> p.getRequestTimeout().toMillis(), EventBunkerDefaults.REQUEST_TIMEOUT_MS);
  static final Setting<Integer> RETRY_MAX_ATTEMPTS =
      new Setting<>(p -> p.getRetry().getMaxAttempts(), EventBunkerDefaults.RETRY_MAX_ATTEMPTS);
  static final Setting<Long> RETRY_INITIAL_BACKOFF =
      new Setting<>(
          p -> p.getRetry().getInitialBackoff().toMillis(),
          EventBunkerDefaults.RETRY_INITIAL_BACKOFF_MS);
  static final Setting<Long> RETRY_MAX_BACKOFF =
      new Setting<>(
          p -> p.getRetry().getMaxBackoff().toMillis(), EventBunkerDefaults.RETRY_MAX_BACKOFF_MS);
  static final Setting<Long> RETRY_TIMEOUT =
      new Setting<>(
          p -> p.getRetry().getTimeout().toMillis(), EventBunkerDefaults.RETRY_TIMEOUT_MS);
  static final Setting<Long> SHUTDOWN_TIMEOUT =
      new Setting<>(
          p -> p.getShutdownTimeout().toMillis(), EventBunkerDefaults.SHUTDOWN_TIMEOUT_MS);
  static final Setting<String> CUSTOMER_IDENTIFIER_MDC_KEY =
      new Setting<>(
          EventBunkerProperties::getCustomerIdentifierMdcKey,
          EventBunkerDefaults.CUSTOMER_IDENTIFIER_MDC_KEY);
  static final Setting<String> MDC_KEYS = new Setting<>(p -> String.join(",", p.getMdcKeys()), "");
  static final Setting<String> SPOOL_DIRECTORY =
      new Setting<>(p -> p.getSpool().getDirectory(), null);
  static final Setting<Long> MAX_SPOOL_BYTES =
      new Setting<>(p -> p.getSpool().getMaxBytes().toBytes(), EventBunkerDefaults.MAX_SPOOL_BYTES);
  static final Setting<Long> SPOOL_MAX_AGE =
      new Setting<>(p -> p.getSpool().getMaxAge().toMillis(), EventBunkerDefaults.SPOOL_MAX_AGE_MS);
  static final Setting<Boolean> CONSOLE_WARNINGS =
      new Setting<>(EventBunkerProperties::isConsoleWarnings, EventBunkerDefaults.CONSOLE_WARNINGS);

  private static final List<Setting<?>> ALL =
      List.of(
          ENDPOINT,
          PROXY,
          QUEUE_CAPACITY,
          QUEUE_MAX_BYTES,
          MAX_EVENT_BYTES,
          APPEND_TIMEOUT,
          MAX_IN_FLIGHT,
          CONNECT_TIMEOUT,
          REQUEST_TIMEOUT,
          RETRY_MAX_ATTEMPTS,
          RETRY_INITIAL_BACKOFF,
          RETRY_MAX_BACKOFF,
          RETRY_TIMEOUT,
          SHUTDOWN_TIMEOUT,
          CUSTOMER_IDENTIFIER_MDC_KEY,
          MDC_KEYS,
          SPOOL_DIRECTORY,
          MAX_SPOOL_BYTES,
          SPOOL_MAX_AGE,
          CONSOLE_WARNINGS);

  private PropertyMapping() {}

  /**
   * What the starter's appender is built from, to tell whether the properties changed. Holds the
   * write key: compare it, never print it.
   */
  static List<Object> wanted(EventBunkerProperties properties) {
    List<Object> values = new ArrayList<>();
    values.add(properties.getWriteKey());
    values.add(List.copyOf(properties.getLoggers()));
    for (Setting<?> setting : ALL) {
      values.add(setting.wanted.apply(properties));
    }
    return values;
  }

  /** Gives {@code target} every binding's value, and the write key through {@code writeKey}. */
  static <A> void applyAll(
      EventBunkerProperties properties,
      A target,
      BiConsumer<A, @Nullable String> writeKey,
      List<Binding<A, ?>> bindings) {
    writeKey.accept(target, properties.getWriteKey());
    for (Binding<A, ?> binding : bindings) {
      binding.apply(properties, target);
    }
  }

  /**
   * Gives a declared appender the settings it left at their default; returns whether anything
   * changed. The write key is the framework's to fill in, as only it can tell whether there is one.
   */
  static <A> boolean fillIn(
      EventBunkerProperties properties, A target, List<Binding<A, ?>> bindings) {
    boolean changed = false;
    for (Binding<A, ?> binding : bindings) {
      changed |= binding.fillIn(properties, target);
    }
    return changed;
  }

  /** Whether the properties hold a write key. */
  static boolean hasWriteKey(EventBunkerProperties properties) {
    return StringUtils.hasText(properties.getWriteKey());
  }

  /** One setting: its value from the properties, and the appenders' default for it. */
  static final class Setting<T> {
    private final Function<EventBunkerProperties, T> wanted;
    private final @Nullable T appenderDefault;

    private Setting(Function<EventBunkerProperties, T> wanted, @Nullable T appenderDefault) {
      this.wanted = wanted;
      this.appenderDefault = appenderDefault;
    }
  }

  /**
   * A setting bound to a framework's appender (or builder) {@code A}: its setter, and for a
   * declared appender, which the starter only fills in, its getter.
   */
  static final class Binding<A, T> {
    private final Setting<T> setting;
    private final @Nullable Function<A, T> current;
    private final BiConsumer<A, T> setter;

    /** For an appender that can also be filled in. */
    Binding(Setting<T> setting, Function<A, T> current, BiConsumer<A, T> setter) {
      this.setting = setting;
      this.current = current;
      this.setter = setter;
    }

    /** For a builder, which is only ever given every setting. */
    Binding(Setting<T> setting, BiConsumer<A, T> setter) {
      this.setting = setting;
      this.current = null;
      this.setter = setter;
    }

    void apply(EventBunkerProperties properties, A target) {
      setter.accept(target, setting.wanted.apply(properties));
    }

    boolean fillIn(EventBunkerProperties properties, A target) {
      if (current == null) {
        return false;
      }
      T value = setting.wanted.apply(properties);
      T now = current.apply(target);
      if (Objects.equals(now, setting.appenderDefault) && !Objects.equals(now, value)) {
        setter.accept(target, value);
        return true;
      }
      return false;
    }
  }
}
