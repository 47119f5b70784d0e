package io.eventbunker.demo;

import io.eventbunker.testkit.EventBunkerReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** Makes the embedded receiver a bean, says where to watch, and closes it last. */
@Configuration(proxyBeanMethods = false)
class DemoReceiverConfiguration {
  private static final Logger log = LoggerFactory.getLogger(DemoReceiverConfiguration.class);

  @Bean
  @ConditionalOnProperty(EmbeddedReceiver.EMBEDDED_PROPERTY)
  EventBunkerReceiver embeddedReceiver() {
    return EmbeddedReceiver.running();
  }

  /**
   * Closes the receiver after everything else, the starter's final flush included (it stops at
   * {@code Integer.MIN_VALUE + 2}), so events logged during shutdown still arrive.
   */
  @Bean
  @ConditionalOnProperty(EmbeddedReceiver.EMBEDDED_PROPERTY)
  SmartLifecycle embeddedReceiverCloser(EventBunkerReceiver receiver) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        running = true;
      }

      @Override
      public void stop() {
        running = false;
        receiver.close();
      }

      @Override
      public boolean isRunning() {
        return running;
      }

      @Override
      public int getPhase() {
        return Integer.MIN_VALUE;
      }
    };
  }

  @EventListener(ApplicationReadyEvent.class)
  void sayWhereToWatch(ApplicationReadyEvent ready) {
    EventBunkerReceiver receiver = EmbeddedReceiver.running();
    String api =
        ready.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
    if (receiver != null) {
      log.info(
          "Watch the events arrive at {} (an embedded EventBunker receiver). Try:  curl -X POST"
              + " localhost:{}/signups -H 'Content-Type: application/json' -d"
              + " '{\"email\":\"ada@example.com\",\"plan\":\"free\"}'",
          receiver.inbox(),
          api);
    } else {
      log.info("Sending events to EventBunker with the configured write key.");
    }
  }
}
