package io.eventbunker.spring.boot;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.status.Status;
import io.eventbunker.logback.EventBunkerAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.springframework.util.StringUtils;

/**
 * The EventBunker appenders the starter manages in the JVM's logback context, which is global like
 * that context: either the ones the logback configuration declares, filled in from the properties,
 * or else one the starter creates and attaches to the configured loggers.
 *
 * <p>{@link #attach} is idempotent and cheap when nothing changed, so it is called at every point
 * where logging may have been re-initialised; each time the appender ends up attached exactly once.
 */
final class ManagedAppenders {
  static final String APPENDER_NAME = "EVENTBUNKER";

  static final String NO_WRITE_KEY =
      "EventBunker is off: no write key. Set the property eventbunker.write-key (or the"
          + " environment variable EVENTBUNKER_WRITE_KEY) to a write key from the EventBunker web"
          + " UI, or set eventbunker.enabled=false to turn the starter off without this warning.";

  private static final Log log = LogFactory.getLog(EventBunkerAutoConfiguration.class);
  private static final ManagedAppenders INSTANCE = new ManagedAppenders();

  private final StarterListener listener = new StarterListener();
  private final Set<EventBunkerAppender> listenedTo =
      Collections.newSetFromMap(new WeakHashMap<>());
  private final Set<EventBunkerAppender> customized =
      Collections.newSetFromMap(new WeakHashMap<>());
  private final Set<String> warned = new HashSet<>();
  private List<EventBunkerAppenderCustomizer> customizers = List.of();
  private @Nullable Object owner;

  /** The properties of the attachment in use, which had a write key; null once its owner closed. */
  private @Nullable EventBunkerProperties current;

  private @Nullable EventBunkerAppender owned;
  private @Nullable List<Object> ownedFrom;
  private boolean ownedRefusedToStart;
  private volatile List<EventBunkerAppender> active = List.of();

  /**
   * Replaced appenders still stopping on threads of their own; the owner's close waits for them.
   */
  private final List<Thread> replacedStopping = new ArrayList<>();

  private ManagedAppenders() {}

  static ManagedAppenders get() {
    return INSTANCE;
  }

  StarterListener listener() {
    return listener;
  }

  /** The appenders attached by the last {@link #attach}; some may have stopped since. */
  List<EventBunkerAppender> appenders() {
    return active;
  }

  /** Forgets which warnings were given, so that a new application run gives them again. */
  synchronized void newRun() {
    warned.clear();
  }

  /**
   * Makes {@code owner} (a root application context's lifecycle bean; null for a child context) the
   * one whose close stops the appenders, applies the customizers, and attaches.
   */
  synchronized void attach(
      EventBunkerProperties properties,
      List<EventBunkerAppenderCustomizer> customizers,
      @Nullable Object owner) {
    if (owner != null) {
      this.owner = owner;
    }
    this.customizers = List.copyOf(customizers);
    attach(properties, true);
  }

  /**
   * Attaches, or configures declared appenders, as the properties say. An application run that is
   * disabled or has no write key has no say while another run's attachment is in use (it is nested
   * in that run, as Spring Cloud's refresh is): the appender is put back as it was.
   *
   * @param warnIfOff whether to warn when there is no write key; not before initializers have run,
   *     as they may add the property source holding it
   */
  synchronized void attach(EventBunkerProperties properties, boolean warnIfOff) {
    LoggerContext context = loggerContext();
    if (context == null) {
      warnOnce(
          "EventBunker is off: it needs Logback as SLF4J's provider, but the provider is "
              + LoggerFactory.getILoggerFactory().getClass().getName()
              + ".");
      return;
    }
    EventBunkerProperties effective = properties;
    if (!properties.isEnabled() || !StringUtils.hasText(properties.getWriteKey())) {
      if (current != null) {
        effective = current;
      } else if (!properties.isEnabled()) {
        return;
      }
    }
    List<Placement> declared = declared(context);
    if (!declared.isEmpty()) {
      stopOwned(context);
      active = configureDeclared(declared, effective, warnIfOff);
      return;
    }
    if (!StringUtils.hasText(effective.getWriteKey())) {
      if (warnIfOff) {
        warnOnce(NO_WRITE_KEY);
      }
      return;
    }
    current = effective;
    List<Object> wanted = PropertyMapping.wanted(effective);
    EventBunkerAppender replaced = null;
    if (owned == null
        || !wanted.equals(ownedFrom)
        || (!customizers.isEmpty() && !customized.contains(owned))) {
      replaced = owned;
      detachOwned(context);
      if (replaced != null && hasSpoolDirectory(replaced)) {
        // One appender at a time holds a spool directory: started first, the new one would run
        // without a spool. Stopped first, the old one leaves what it could not deliver in the
        // spool, where the new one finds and sends it. Events logged on other threads meanwhile
        // find no appender: startup waits for this stop, for at most the shutdown timeout.
        replaced.stop();
        replaced = null;
      }
      owned = create(context, effective);
      ownedFrom = wanted;
      // Its settings are invalid: starting it again would only repeat the error status.
      ownedRefusedToStart = !owned.isStarted();
    } else if (!owned.isStarted() && !ownedRefusedToStart) {
      start(owned);
    }
    if (owned.isStarted()) {
      for (String name : effective.getLoggers()) {
        Logger logger = context.getLogger(name.trim());
        if (!logger.isAttached(owned)) {
          logger.addAppender(owned);
        }
      }
      warnAboutEventsSentTwice(context, effective.getLoggers());
    }
    active = List.of(owned);
    if (replaced != null) {
      // After the swap, so that it delivers what it holds while the new one runs; on a thread of
      // its own, so that a slow endpoint does not hold up startup (nor this lock) meanwhile.
      replacedStopping.removeIf(thread -> !thread.isAlive());
      replacedStopping.add(stopOnOwnThread(replaced));
    }
  }

  /**
   * When {@code owner} still owns the appenders: flushes each, delivering what it holds within its
   * shutdown timeout while logging still reaches it, then detaches it and stops it within what is
   * left of that timeout. Closing takes about that timeout at most; with a spool, what is left then
   * goes to disk, which takes a second more.
   */
  synchronized void stop(Object owner) {
    if (this.owner != owner) {
      return;
    }
    this.owner = null;
    this.customizers = List.of();
    this.current = null;
    LoggerContext context = loggerContext();
    if (context == null) {
      return;
    }
    long start = System.nanoTime();
    long longestTimeout = 0;
    EventBunkerAppender closing = owned;
    if (closing != null) {
      longestTimeout = timeoutNanos(closing);
      long deadline = flush(closing);
      detachOwned(context);
      // Never started again, as it may still be stopping: a later run creates its own.
      owned = null;
      ownedFrom = null;
      stopBy(closing, deadline);
    }
    List<Placement> declared = declared(context);
    IdentityHashMap<EventBunkerAppender, Long> deadlines = new IdentityHashMap<>();
    for (Placement placement : declared) {
      if (!deadlines.containsKey(placement.appender)) {
        longestTimeout = Math.max(longestTimeout, timeoutNanos(placement.appender));
        deadlines.put(placement.appender, flush(placement.appender));
      }
    }
    for (Placement placement : declared) {
      placement.parent.detachAppender(placement.appender);
    }
    deadlines.forEach(ManagedAppenders::stopBy);
    awaitReplacedStopping(start + longestTimeout);
  }

  /** Whether the logback configuration declares an EventBunker appender holding a write key. */
  synchronized boolean declaredAppenderHasWriteKey() {
    LoggerContext context = loggerContext();
    if (context == null) {
      return false;
    }
    for (Placement placement : declared(context)) {
      if (placement.appender.hasWriteKey()) {
        return true;
      }
    }
    return false;
  }

  private List<EventBunkerAppender> configureDeclared(
      List<Placement> declared, EventBunkerProperties properties, boolean warnIfOff) {
    List<EventBunkerAppender> appenders = new ArrayList<>();
    boolean anyWithoutKey = false;
    for (Placement placement : declared) {
      EventBunkerAppender appender = placement.appender;
      if (appenders.contains(appender)) {
        continue; // the same appender referenced from several loggers
      }
      appenders.add(appender);
      if (listenedTo.add(appender)) {
        appender.addListener(listener);
      }
      boolean changed = PropertyMapping.fillIn(properties, appender);
      if (!appender.hasWriteKey()) {
        anyWithoutKey = true;
        continue;
      }
      boolean customize = !customizers.isEmpty() && customized.add(appender);
      if (appender.isStarted() && (changed || customize)) {
        appender.stop();
      }
      if (customize) {
        customizers.forEach(customizer -> customizer.customize(appender));
      }
      start(appender);
    }
    if (anyWithoutKey && warnIfOff) {
      warnOnce(NO_WRITE_KEY);
    }
    return List.copyOf(appenders);
  }

  private EventBunkerAppender create(LoggerContext context, EventBunkerProperties properties) {
    EventBunkerAppender appender = new EventBunkerAppender();
    appender.setName(APPENDER_NAME);
    appender.setContext(context);
    PropertyMapping.applyAll(properties, appender);
    appender.addListener(listener);
    if (!customizers.isEmpty()) {
      customizers.forEach(customizer -> customizer.customize(appender));
      customized.add(appender);
    }
    start(appender);
    return appender;
  }

  /**
   * A listed logger whose additivity carries its statements up to another listed logger would have
   * each of its events sent twice.
   */
  private void warnAboutEventsSentTwice(LoggerContext context, List<String> names) {
    Set<Logger> listed = new HashSet<>();
    names.forEach(name -> listed.add(context.getLogger(name.trim())));
    for (Logger logger : listed) {
      String name = logger.getName();
      Logger current = logger;
      while (current.isAdditive() && !current.getName().equals(Logger.ROOT_LOGGER_NAME)) {
        int dot = current.getName().lastIndexOf('.');
        current =
            context.getLogger(
                dot < 0 ? Logger.ROOT_LOGGER_NAME : current.getName().substring(0, dot));
        if (listed.contains(current)) {
          warnOnce(
              "EventBunker would send the events of logger '"
                  + name
                  + "' twice: eventbunker.loggers also lists '"
                  + current.getName()
                  + "', which receives them through additivity. Remove '"
                  + name
                  + "' from eventbunker.loggers, or set additivity=\"false\" on it.");
          break;
        }
      }
    }
  }

  private void start(EventBunkerAppender appender) {
    appender.start();
    if (!appender.isStarted()) {
      warnOnce("EventBunker is off: " + lastProblem(appender));
    }
  }

  private void detachOwned(LoggerContext context) {
    if (owned != null) {
      for (Logger logger : context.getLoggerList()) {
        logger.detachAppender(owned);
      }
    }
  }

  /**
   * Sends what the appender holds and waits for it within the appender's shutdown timeout.
   *
   * @return when that timeout ends, for {@link #stopBy}
   */
  private static long flush(EventBunkerAppender appender) {
    long timeout = timeoutNanos(appender);
    long deadline = System.nanoTime() + timeout;
    appender.flush(Duration.ofNanos(timeout)); // never throws
    return deadline;
  }

  /**
   * Stops a flushed appender within what is left of its timeout. After a complete flush that is
   * quick: only events logged during the flush are left. After an incomplete one nothing is left,
   * and the appender fails or spools what it still holds at once, and says so on the console.
   */
  private static void stopBy(EventBunkerAppender appender, long deadlineNanos) {
    appender.stop(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())));
  }

  /**
   * Stops the appender on a daemon thread: it delivers what it holds within its shutdown timeout,
   * its outcomes still counted by the listener.
   */
  private static Thread stopOnOwnThread(EventBunkerAppender appender) {
    Thread thread = new Thread(appender::stop, "eventbunker-stop-" + appender.getName());
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Waits until {@code deadlineNanos} at most for replaced appenders still stopping. */
  private void awaitReplacedStopping(long deadlineNanos) {
    for (Thread thread : replacedStopping) {
      long remaining = deadlineNanos - System.nanoTime();
      if (remaining <= 0) {
        break;
      }
      try {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    replacedStopping.removeIf(thread -> !thread.isAlive());
  }

  private static long timeoutNanos(EventBunkerAppender appender) {
    return TimeUnit.MILLISECONDS.toNanos(
        Math.max(0, appender.getShutdownTimeout().getMilliseconds()));
  }

  private static boolean hasSpoolDirectory(EventBunkerAppender appender) {
    return StringUtils.hasText(appender.getSpoolDirectory());
  }

  private void stopOwned(LoggerContext context) {
    detachOwned(context);
    if (owned != null) {
      owned.stop();
    }
  }

  /** Logs a warning, unless it was given already in this application run. */
  synchronized void warnOnce(String message) {
    if (warned.add(message)) {
      log.warn(message);
    }
  }

  /** Why the appender did not start, from the status it reported. */
  private static String lastProblem(EventBunkerAppender appender) {
    List<Status> statuses = appender.getContext().getStatusManager().getCopyOfStatusList();
    for (int i = statuses.size() - 1; i >= 0; i--) {
      Status status = statuses.get(i);
      if (status.getOrigin() == appender && status.getLevel() >= Status.WARN) {
        return status.getMessage();
      }
    }
    return "the appender '" + appender.getName() + "' did not start.";
  }

  private static @Nullable LoggerContext loggerContext() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    return factory instanceof LoggerContext context ? context : null;
  }

  /**
   * Every EventBunker appender but the starter's own on any logger, or inside an appender such as
   * AsyncAppender.
   */
  private List<Placement> declared(LoggerContext context) {
    List<Placement> found = new ArrayList<>();
    for (Logger logger : context.getLoggerList()) {
      collect(logger, found);
    }
    found.removeIf(placement -> placement.appender == owned);
    return found;
  }

  @SuppressWarnings("unchecked")
  private static void collect(AppenderAttachable<ILoggingEvent> parent, List<Placement> found) {
    Iterator<Appender<ILoggingEvent>> appenders = parent.iteratorForAppenders();
    while (appenders.hasNext()) {
      Appender<ILoggingEvent> appender = appenders.next();
      if (appender instanceof EventBunkerAppender eventBunkerAppender) {
        found.add(new Placement(parent, eventBunkerAppender));
      } else if (appender instanceof AppenderAttachable) {
        collect((AppenderAttachable<ILoggingEvent>) appender, found);
      }
    }
  }

  /** An appender and what it is attached to: a logger, or an appender such as AsyncAppender. */
  private static final class Placement {
    final AppenderAttachable<ILoggingEvent> parent;
    final EventBunkerAppender appender;

    Placement(AppenderAttachable<ILoggingEvent> parent, EventBunkerAppender appender) {
      this.parent = parent;
      this.appender = appender;
    }
  }
}
