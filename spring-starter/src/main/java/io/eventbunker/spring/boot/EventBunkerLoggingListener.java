package io.eventbunker.spring.boot;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

/**
 * Attaches the appender as soon as Spring Boot has initialised logging, so that events logged while
 * the application context is refreshed are delivered too. Registered in {@code
 * META-INF/spring.factories}, ordered right after Boot's {@link LoggingApplicationListener}.
 *
 * <p>It acts again when the application is prepared: an initializer (such as Spring Cloud's
 * bootstrap) may have re-initialised logging in between, which removes every appender, or added the
 * property source that holds the write key; only then is a missing key worth a warning.
 */
final class EventBunkerLoggingListener implements GenericApplicationListener {
  static final int ORDER = LoggingApplicationListener.DEFAULT_ORDER + 1;

  private static final Log log = LogFactory.getLog(EventBunkerAutoConfiguration.class);

  @Override
  public boolean supportsEventType(ResolvableType eventType) {
    Class<?> type = eventType.getRawClass();
    return type != null
        && (ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
            || ApplicationPreparedEvent.class.isAssignableFrom(type));
  }

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    if (!LoggingFramework.anyPresent()) {
      return;
    }
    try {
      if (event instanceof ApplicationEnvironmentPreparedEvent environmentPrepared) {
        ManagedAppenders.get().newRun();
        attach(environmentPrepared.getEnvironment(), false);
      } else if (event instanceof ApplicationPreparedEvent prepared) {
        attach(prepared.getApplicationContext().getEnvironment(), true);
      }
    } catch (RuntimeException | LinkageError e) {
      // Whatever goes wrong here must not stop the application from starting.
      log.warn("EventBunker could not attach its appender; events are not sent: " + e, e);
    }
  }

  private static void attach(Environment environment, boolean warnIfOff) {
    ManagedAppenders appenders = ManagedAppenders.get();
    appenders.attach(PropertiesBinding.bind(environment, appenders::warnOnce), warnIfOff);
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
