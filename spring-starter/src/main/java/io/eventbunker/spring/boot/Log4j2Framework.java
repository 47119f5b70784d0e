package io.eventbunker.spring.boot;

import io.eventbunker.core.EventBunkerDefaults;
import io.eventbunker.log4j2.EventBunkerAppender;
import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;

/**
 * The starter on Log4j2. Spring Boot's logging (re-)initialisation gives the {@code LoggerContext}
 * a new {@code Configuration} and stops the old one with the appenders it holds. The starter's own
 * appender is never in a configuration's appenders, only on its loggers, so it keeps running; a
 * listener on the context attaches it to the new configuration's loggers right away, where
 * Logback's path must wait for the next {@code attach} and start it again.
 */
final class Log4j2Framework implements LoggingFramework {
  private static final String LISTENING = Log4j2Framework.class.getName() + ".listening";
  private static final String ROOT = "ROOT";

  private final LoggerContext context;

  private Log4j2Framework(LoggerContext context) {
    this.context = context;
  }

  /** Log4j2's core, when it is the Log4j API's implementation; listened to from then on. */
  static @Nullable LoggingFramework ifInUse() {
    if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
      return null;
    }
    if (context.putObjectIfAbsent(LISTENING, LISTENING) == null) {
      context.addPropertyChangeListener(new ConfigurationReplaced());
    }
    return new Log4j2Framework(context);
  }

  /**
   * Every EventBunker appender of the configuration or on one of its loggers; {@code own} left out.
   */
  @Override
  public List<ManagedAppender> declared(@Nullable ManagedAppender own) {
    Configuration config = context.getConfiguration();
    Set<Appender> found = Collections.newSetFromMap(new IdentityHashMap<>());
    found.addAll(config.getAppenders().values());
    for (LoggerConfig logger : loggerConfigs(config)) {
      found.addAll(logger.getAppenders().values());
    }
    List<ManagedAppender> declared = new ArrayList<>();
    for (Appender appender : found) {
      if (appender instanceof EventBunkerAppender eventBunker
          && (own == null || own.unwrap() != appender)) {
        // Built by Log4j2 from the XML, which the starter cannot read back: the default timeout
        // applies; never replaced, so its spool does not matter.
        long timeout = TimeUnit.MILLISECONDS.toNanos(EventBunkerDefaults.SHUTDOWN_TIMEOUT_MS);
        declared.add(new ManagedAppender(eventBunker, () -> timeout, () -> false));
      }
    }
    return declared;
  }

  /** Nothing: Log4j2 builds a declared appender from the XML, and it cannot change afterwards. */
  @Override
  public boolean fillIn(ManagedAppender declared, EventBunkerProperties properties) {
    return false;
  }

  @Override
  public boolean hasCustomizers(Customizers customizers) {
    return !customizers.log4j2().isEmpty();
  }

  /** Never: customizers act on the builder, and Log4j2 built a declared appender already. */
  @Override
  public boolean customizesDeclared(Customizers customizers) {
    return false;
  }

  @Override
  public void customize(ManagedAppender declared, Customizers customizers) {
    throw new IllegalStateException("a declared Log4j2 appender cannot be customized");
  }

  @Override
  public ManagedAppender create(EventBunkerProperties properties, Customizers customizers) {
    EventBunkerAppender.Builder builder = EventBunkerAppender.newBuilder();
    builder.setName(ManagedAppenders.APPENDER_NAME);
    Log4j2PropertyMapping.applyAll(properties, builder);
    customizers.log4j2().forEach(customizer -> customizer.customize(builder));
    // From the properties: a customizer that sets either on the builder goes unseen here.
    long timeout = TimeUnit.MILLISECONDS.toNanos(properties.getShutdownTimeout().toMillis());
    boolean spool = StringUtils.hasText(properties.getSpool().getDirectory());
    return new ManagedAppender(builder.build(), () -> timeout, () -> spool);
  }

  @Override
  public void attach(ManagedAppender appender, List<String> loggers) {
    Appender attaching = unwrap(appender);
    Configuration config = context.getConfiguration();
    boolean created = false;
    for (String name : loggers) {
      LoggerConfig logger = loggerConfig(config, name.trim());
      if (logger == null) {
        // A logger the XML does not configure: it gets a configuration of its own, which only
        // holds the appender and inherits level and appenders from its parent.
        logger = new LoggerConfig(name.trim(), null, true);
        config.addLogger(name.trim(), logger);
        created = true;
      }
      if (logger.getAppenders().get(attaching.getName()) != attaching) {
        // The same name may still hold an earlier appender of ours: Log4j2 keys them by name.
        logger.removeAppender(attaching.getName());
        logger.addAppender(attaching, null, null);
      }
    }
    if (created) {
      context.updateLoggers();
    }
  }

  @Override
  public Map<String, String> sentTwice(List<String> loggers) {
    Configuration config = context.getConfiguration();
    IdentityHashMap<LoggerConfig, String> listed = new IdentityHashMap<>();
    for (String name : loggers) {
      LoggerConfig logger = loggerConfig(config, name.trim());
      if (logger != null) {
        listed.put(logger, displayName(logger));
      }
    }
    Map<String, String> twice = new LinkedHashMap<>();
    listed.forEach(
        (logger, name) -> {
          LoggerConfig current = logger;
          while (current.isAdditive() && current.getParent() != null) {
            current = current.getParent();
            String receiving = listed.get(current);
            if (receiving != null) {
              twice.put(name, receiving);
              break;
            }
          }
        });
    return twice;
  }

  @Override
  public void detach(ManagedAppender appender) {
    detachDeclared(appender);
  }

  /** From every logger; Log4j2 stops it with its configuration, which the starter did already. */
  @Override
  public void detachDeclared(ManagedAppender declared) {
    Appender detaching = unwrap(declared);
    for (LoggerConfig logger : loggerConfigs(context.getConfiguration())) {
      if (logger.getAppenders().get(detaching.getName()) == detaching) {
        logger.removeAppender(detaching.getName());
      }
    }
  }

  @Override
  public String declaredWithoutWriteKey() {
    // Log4j2 builds it before the starter sees it: the key must be in the XML.
    return "EventBunker is off: the EventBunker appender in the Log4j2 configuration has no write"
        + " key. Give it writeKey=\"${spring:eventbunker.write-key}\" in log4j2-spring.xml and set"
        + " the property eventbunker.write-key (or the environment variable"
        + " EVENTBUNKER_WRITE_KEY) to a write key from the EventBunker web UI.";
  }

  /**
   * Starts it, keeping what it reports to the StatusLogger meanwhile: a setting it cannot start
   * with is reported there only, and the StatusLogger keeps nothing to read back.
   */
  @Override
  public void start(ManagedAppender appender) {
    ProblemListener problems = new ProblemListener();
    StatusLogger.getLogger().registerListener(problems);
    try {
      unwrap(appender).start();
    } finally {
      StatusLogger.getLogger().removeListener(problems);
    }
    appender.startProblem(problems.last);
  }

  @Override
  public String whyNotStarted(ManagedAppender appender) {
    String problem = appender.startProblem();
    return problem != null ? problem : "the appender '" + appender.name() + "' did not start.";
  }

  private static EventBunkerAppender unwrap(ManagedAppender appender) {
    return (EventBunkerAppender) appender.unwrap();
  }

  /** The configuration of the named logger itself, not inherited; null when there is none. */
  private static @Nullable LoggerConfig loggerConfig(Configuration config, String name) {
    if (name.isEmpty() || name.equalsIgnoreCase(ROOT)) {
      return config.getRootLogger();
    }
    return config.getLoggers().get(name);
  }

  private static List<LoggerConfig> loggerConfigs(Configuration config) {
    List<LoggerConfig> loggers = new ArrayList<>(config.getLoggers().values());
    if (!loggers.contains(config.getRootLogger())) {
      loggers.add(config.getRootLogger());
    }
    return loggers;
  }

  private static String displayName(LoggerConfig logger) {
    return logger.getName().isEmpty() ? ROOT : logger.getName();
  }

  /** Keeps the last warning or error reported while an appender starts. */
  private static final class ProblemListener implements StatusListener {
    private volatile @Nullable String last;

    @Override
    public void log(StatusData data) {
      last = data.getMessage().getFormattedMessage();
    }

    @Override
    public Level getStatusLevel() {
      return Level.WARN;
    }

    @Override
    public void close() {}
  }

  /**
   * Attaches to each new configuration as soon as the context has it: Log4j2 calls this after every
   * configuration change, whoever made it, from the thread that made it.
   */
  private static final class ConfigurationReplaced implements PropertyChangeListener {
    @Override
    public void propertyChange(PropertyChangeEvent event) {
      if (!LoggerContext.PROPERTY_CONFIG.equals(event.getPropertyName())) {
        return;
      }
      try {
        ManagedAppenders.get().configurationReplaced();
      } catch (RuntimeException | LinkageError e) {
        // Whatever goes wrong here must not break the reconfiguration of logging.
        StatusLogger.getLogger().warn("EventBunker could not attach its appender again", e);
      }
    }
  }
}
