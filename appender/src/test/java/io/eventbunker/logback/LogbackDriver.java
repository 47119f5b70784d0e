package io.eventbunker.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.joran.util.PropertySetter;
import ch.qos.logback.core.joran.util.beans.BeanDescriptionCache;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import io.eventbunker.contract.AdapterDriver;
import io.eventbunker.core.EventBunkerControl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The contract suite's Logback appender: configured through Joran's own property setter, as
 * logback.xml's elements are, on the root logger of the SLF4J logger context.
 */
final class LogbackDriver implements AdapterDriver {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final StatusListener statusRecorder =
      status -> {
        if (status.getLevel() >= Status.WARN) {
          warnings.add(status.getMessage());
        }
      };
  private EventBunkerAppender appender;
  private Level rootLevel;

  @Override
  public void start(String name, Map<String, String> settings) {
    context.getStatusManager().add(statusRecorder);
    appender = new EventBunkerAppender();
    appender.setContext(context);
    appender.setName(name);
    PropertySetter setter = new PropertySetter(new BeanDescriptionCache(context), appender);
    setter.setContext(context);
    settings.forEach(setter::setProperty);
    appender.start();
    if (!warnings.isEmpty() || !appender.isStarted()) {
      throw new IllegalStateException("the appender did not take " + settings + ": " + warnings);
    }
    rootLevel = root.getLevel();
    root.setLevel(Level.INFO);
    root.addAppender(appender);
  }

  @Override
  public void putContext(String key, String value) {
    MDC.put(key, value);
  }

  @Override
  public void clearContext() {
    MDC.clear();
  }

  @Override
  public EventBunkerControl appender() {
    return Objects.requireNonNull(appender, "start() first");
  }

  @Override
  public List<String> statusWarnings() {
    return new ArrayList<>(warnings);
  }

  @Override
  public boolean keyValuesKeepTheirTypes() {
    return true;
  }

  @Override
  public void close() {
    if (appender != null) {
      if (rootLevel != null) { // attached: start() got that far
        root.detachAppender(appender);
        root.setLevel(rootLevel);
      }
      appender.stop();
    }
    context.getStatusManager().remove(statusRecorder);
    MDC.clear();
  }
}
