package io.eventbunker.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The EventBunker appenders the starter manages in the JVM's logging framework, which is global
 * like the framework's context: either the ones the logging configuration declares, filled in from
 * the properties, or else one the starter creates and attaches to the configured loggers. What
 * differs between Logback and Log4j2 is behind {@link LoggingFramework}.
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

  static final String NO_FRAMEWORK =
      "EventBunker is off: it needs Logback or Log4j2 (log4j-core) as SLF4J's provider, but the"
          + " provider is ";

  private static final Log log = LogFactory.getLog(EventBunkerAutoConfiguration.class);
  private static final ManagedAppenders INSTANCE = new ManagedAppenders();

  private final StarterListener listener = new StarterListener();
  private final Set<Object> listenedTo = Collections.newSetFromMap(new WeakHashMap<>());
  private final Set<Object> customized = Collections.newSetFromMap(new WeakHashMap<>());
  private final Set<String> warned = new HashSet<>();
  private Customizers customizers = Customizers.NONE;
  private @Nullable Object owner;

  /** The properties of the attachment in use, which had a write key; null once its owner closed. */
  private @Nullable EventBunkerProperties current;

  private @Nullable ManagedAppender owned;
  private @Nullable List<Object> ownedFrom;
  private boolean ownedRefusedToStart;
  private volatile List<ManagedAppender> active = List.of();

  /**
   * Replaced appenders still stopping on threads of their own; the owner's close waits for them.
   */
  private final StoppingAppenders replacedStopping = new StoppingAppenders();

  private ManagedAppenders() {}

  static ManagedAppenders get() {
    return INSTANCE;
  }

  StarterListener listener() {
    return listener;
  }

  /** The appenders attached by the last {@link #attach}; some may have stopped since. */
  List<ManagedAppender> appenders() {
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
      EventBunkerProperties properties, Customizers customizers, @Nullable Object owner) {
    if (owner != null) {
      this.owner = owner;
    }
    this.customizers = customizers;
    attach(properties, true);
  }

  /**
   * Attaches again after the logging framework replaced its configuration on its own (Log4j2 does,
   * where Logback's reset leaves it to the next {@link #attach}): with the properties of the
   * attachment in use, if any.
   */
  synchronized void configurationReplaced() {
    EventBunkerProperties inUse = current;
    if (inUse != null) {
      attach(inUse, false);
    }
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
    LoggingFramework framework = LoggingFramework.inUse();
    if (framework == null) {
      warnOnce(NO_FRAMEWORK + org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName());
      return;
    }
    EventBunkerProperties effective = properties;
    if (!properties.isEnabled() || !PropertyMapping.hasWriteKey(properties)) {
      if (current != null) {
        effective = current;
      } else if (!properties.isEnabled()) {
        return;
      }
    }
    List<ManagedAppender> declared = framework.declared(owned);
    if (!declared.isEmpty()) {
      stopOwned(framework);
      active = configureDeclared(framework, declared, effective, warnIfOff);
      return;
    }
    if (!PropertyMapping.hasWriteKey(effective)) {
      if (warnIfOff) {
        warnOnce(NO_WRITE_KEY);
      }
      return;
    }
    current = effective;
    List<Object> wanted = PropertyMapping.wanted(effective);
    ManagedAppender replaced = null;
    if (owned == null
        || !wanted.equals(ownedFrom)
        || (framework.hasCustomizers(customizers) && !customized.contains(owned.unwrap()))) {
      replaced = owned;
      if (replaced != null) {
        framework.detach(replaced);
      }
      if (replaced != null && replaced.hasSpoolDirectory()) {
        // One appender at a time holds a spool directory: started first, the new one would run
        // without a spool. Stopped first, the old one leaves what it could not deliver in the
        // spool, where the new one finds and sends it. Events logged on other threads meanwhile
        // find no appender: startup waits for this stop, for at most the shutdown timeout.
        replaced.stop();
        replaced = null;
      }
      owned = create(framework, effective);
      ownedFrom = wanted;
      // Its settings are invalid: starting it again would only repeat the error.
      ownedRefusedToStart = !owned.isStarted();
    } else if (!owned.isStarted() && !ownedRefusedToStart) {
      start(framework, owned);
    }
    if (owned.isStarted()) {
      framework.attach(owned, effective.getLoggers());
      warnAboutEventsSentTwice(framework, effective.getLoggers());
    }
    active = List.of(owned);
    if (replaced != null) {
      // After the swap, so that it delivers what it holds while the new one runs; on a thread of
      // its own, so that a slow endpoint does not hold up startup (nor this lock) meanwhile.
      replacedStopping.stopInBackground(replaced);
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
    this.customizers = Customizers.NONE;
    this.current = null;
    LoggingFramework framework = LoggingFramework.inUse();
    if (framework == null) {
      return;
    }
    long start = System.nanoTime();
    long longestTimeout = 0;
    ManagedAppender closing = owned;
    if (closing != null) {
      longestTimeout = closing.shutdownTimeoutNanos();
      long deadline = flush(closing);
      framework.detach(closing);
      // Never started again, as it may still be stopping: a later run creates its own.
      owned = null;
      ownedFrom = null;
      stopBy(closing, deadline);
    }
    IdentityHashMap<ManagedAppender, Long> deadlines = new IdentityHashMap<>();
    for (ManagedAppender appender : distinct(framework.declared(null))) {
      longestTimeout = Math.max(longestTimeout, appender.shutdownTimeoutNanos());
      deadlines.put(appender, flush(appender));
    }
    deadlines.keySet().forEach(framework::detachDeclared);
    deadlines.forEach(ManagedAppenders::stopBy);
    replacedStopping.await(start + longestTimeout);
  }

  /** Whether the logging configuration declares an EventBunker appender holding a write key. */
  synchronized boolean declaredAppenderHasWriteKey() {
    LoggingFramework framework = LoggingFramework.inUse();
    return framework != null
        && framework.declared(owned).stream().anyMatch(ManagedAppender::hasWriteKey);
  }

  private List<ManagedAppender> configureDeclared(
      LoggingFramework framework,
      List<ManagedAppender> declared,
      EventBunkerProperties properties,
      boolean warnIfOff) {
    List<ManagedAppender> appenders = distinct(declared);
    boolean anyWithoutKey = false;
    for (ManagedAppender appender : appenders) {
      if (listenedTo.add(appender.unwrap())) {
        appender.addListener(listener);
      }
      boolean changed = framework.fillIn(appender, properties);
      if (!appender.hasWriteKey()) {
        anyWithoutKey = true;
        continue;
      }
      boolean customize =
          framework.customizesDeclared(customizers) && customized.add(appender.unwrap());
      if (appender.isStarted() && (changed || customize)) {
        appender.stop();
      }
      if (customize) {
        framework.customize(appender, customizers);
      }
      if (!appender.isStarted()) {
        start(framework, appender);
      }
    }
    if (anyWithoutKey && warnIfOff) {
      warnOnce(framework.declaredWithoutWriteKey());
    }
    return appenders;
  }

  /** The appenders, each once: one appender may be referenced from several loggers. */
  private static List<ManagedAppender> distinct(List<ManagedAppender> appenders) {
    IdentityHashMap<Object, ManagedAppender> byIdentity = new IdentityHashMap<>();
    List<ManagedAppender> distinct = new ArrayList<>();
    for (ManagedAppender appender : appenders) {
      if (byIdentity.putIfAbsent(appender.unwrap(), appender) == null) {
        distinct.add(appender);
      }
    }
    return List.copyOf(distinct);
  }

  private ManagedAppender create(LoggingFramework framework, EventBunkerProperties properties) {
    ManagedAppender appender = framework.create(properties, customizers);
    appender.addListener(listener);
    if (framework.hasCustomizers(customizers)) {
      customized.add(appender.unwrap());
    }
    start(framework, appender);
    return appender;
  }

  /**
   * A listed logger whose additivity carries its statements up to another listed logger would have
   * each of its events sent twice.
   */
  private void warnAboutEventsSentTwice(LoggingFramework framework, List<String> loggers) {
    framework
        .sentTwice(loggers)
        .forEach(
            (name, receiving) ->
                warnOnce(
                    "EventBunker would send the events of logger '"
                        + name
                        + "' twice: eventbunker.loggers also lists '"
                        + receiving
                        + "', which receives them through additivity. Remove '"
                        + name
                        + "' from eventbunker.loggers, or set additivity=\"false\" on it."));
  }

  private void start(LoggingFramework framework, ManagedAppender appender) {
    framework.start(appender);
    if (!appender.isStarted()) {
      warnOnce("EventBunker is off: " + framework.whyNotStarted(appender));
    }
  }

  private void stopOwned(LoggingFramework framework) {
    if (owned != null) {
      framework.detach(owned);
      owned.stop();
    }
  }

  /**
   * Sends what the appender holds and waits for it within the appender's shutdown timeout.
   *
   * @return when that timeout ends, for {@link #stopBy}
   */
  private static long flush(ManagedAppender appender) {
    long timeout = appender.shutdownTimeoutNanos();
    long deadline = System.nanoTime() + timeout;
    appender.flush(Duration.ofNanos(timeout)); // never throws
    return deadline;
  }

  /**
   * Stops a flushed appender within what is left of its timeout. After a complete flush that is
   * quick: only events logged during the flush are left. After an incomplete one nothing is left,
   * and the appender fails or spools what it still holds at once, and says so on the console.
   */
  private static void stopBy(ManagedAppender appender, long deadlineNanos) {
    appender.stop(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())));
  }

  /** Logs a warning, unless it was given already in this application run. */
  synchronized void warnOnce(String message) {
    if (warned.add(message)) {
      log.warn(message);
    }
  }
}
