package io.eventbunker.spring.boot;

import org.springframework.context.SmartLifecycle;

/**
 * Ties the appenders to the application context: applies the customizer beans when created, and
 * when the context closes flushes them, delivering what is left within {@code
 * eventbunker.shutdown-timeout} while logging still reaches them, then stops them.
 */
final class EventBunkerLifecycle implements SmartLifecycle {

  /**
   * Stops after every other lifecycle, the web server's included ({@code DEFAULT_PHASE - 2048}), so
   * events logged while requests drain are delivered; and just before Spring Boot's logging
   * lifecycle ({@code Integer.MIN_VALUE + 1}), so logging still works while it flushes.
   */
  static final int PHASE = Integer.MIN_VALUE + 2;

  private final ManagedAppenders appenders;
  private volatile boolean running;

  /**
   * Attaches with the customizers. Only a root context's close stops the appenders, as only its
   * close ends logging: a child context closing leaves them to the parent.
   */
  EventBunkerLifecycle(
      ManagedAppenders appenders,
      EventBunkerProperties properties,
      Customizers customizers,
      boolean rootContext) {
    this.appenders = appenders;
    appenders.attach(properties, customizers, rootContext ? this : null);
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    appenders.stop(this);
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
