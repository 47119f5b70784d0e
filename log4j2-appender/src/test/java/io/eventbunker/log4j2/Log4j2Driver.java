package io.eventbunker.log4j2;

import io.eventbunker.contract.AdapterDriver;
import io.eventbunker.core.EventBunkerControl;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.jspecify.annotations.Nullable;

/**
 * The contract suite's Log4j2 appender, on the root logger of the context that log4j-slf4j2-impl
 * logs to. Each setting is put into the builder's attribute of that name as the string log4j2.xml
 * gives it, as Log4j2's plugin builder does with {@code <EventBunker queueCapacity="10"/>}.
 */
final class Log4j2Driver implements AdapterDriver {
  private final LoggerContext context = LoggerContext.getContext(false);

  /** Registered at start; what it recorded stays readable after close. */
  private @Nullable StatusRecorder status;

  private EventBunkerAppender appender;
  private Level rootLevel;

  @Override
  public void start(String name, Map<String, String> settings) {
    StatusRecorder recorder = StatusRecorder.register(Level.WARN);
    status = recorder;
    EventBunkerAppender.Builder builder = EventBunkerAppender.newBuilder().setName(name);
    settings.forEach((attribute, value) -> setAttribute(builder, attribute, value));
    appender = builder.build();
    appender.start();
    List<String> warnings = recorder.warningsAndErrors();
    if (!warnings.isEmpty() || !appender.isStarted()) {
      throw new IllegalStateException("the appender did not take " + settings + ": " + warnings);
    }
    LoggerConfig root = context.getConfiguration().getRootLogger();
    rootLevel = root.getLevel();
    root.setLevel(Level.INFO);
    root.addAppender(appender, null, null);
    context.updateLoggers();
  }

  private static void setAttribute(
      EventBunkerAppender.Builder builder, String attribute, String value) {
    try {
      Field field = EventBunkerAppender.Builder.class.getDeclaredField(attribute);
      if (!field.isAnnotationPresent(PluginBuilderAttribute.class)) {
        throw new IllegalArgumentException(attribute + " is not an attribute of <EventBunker>");
      }
      field.set(builder, value);
    } catch (NoSuchFieldException | IllegalAccessException e) {
      throw new IllegalArgumentException(attribute + " is not an attribute of <EventBunker>", e);
    }
  }

  @Override
  public void putContext(String key, String value) {
    ThreadContext.put(key, value);
  }

  @Override
  public void clearContext() {
    ThreadContext.clearMap();
  }

  @Override
  public EventBunkerControl appender() {
    return Objects.requireNonNull(appender, "start() first");
  }

  @Override
  public List<String> statusWarnings() {
    StatusRecorder recorder = status;
    return recorder == null ? List.of() : recorder.warningsAndErrors();
  }

  /** log4j-slf4j2-impl turns SLF4J key-values into string ThreadContext entries. */
  @Override
  public boolean keyValuesKeepTheirTypes() {
    return false;
  }

  @Override
  public void close() {
    if (appender != null) {
      if (rootLevel != null) { // attached: start() got that far
        LoggerConfig root = context.getConfiguration().getRootLogger();
        root.removeAppender(appender.getName());
        root.setLevel(rootLevel);
        context.updateLoggers();
      }
      appender.stop();
    }
    StatusRecorder recorder = status;
    if (recorder != null) {
      recorder.unregister();
    }
    ThreadContext.clearMap();
  }
}
