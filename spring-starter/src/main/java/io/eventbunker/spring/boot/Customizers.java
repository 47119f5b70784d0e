package io.eventbunker.spring.boot;

import java.util.List;

/**
 * The customizer beans of both frameworks; each framework applies its own kind. Holding the Log4j2
 * kind needs no Log4j2 classes: they are only resolved when a customizer is called.
 */
record Customizers(
    List<EventBunkerAppenderCustomizer> logback, List<EventBunkerLog4j2Customizer> log4j2) {
  static final Customizers NONE = new Customizers(List.of(), List.of());

  Customizers {
    logback = List.copyOf(logback);
    log4j2 = List.copyOf(log4j2);
  }
}
