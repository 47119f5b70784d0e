package io.eventbunker.demo;

import io.eventbunker.testkit.EventBunkerReceiver;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the test kit's receiver and points the starter at it, unless a write key is configured
 * (then events go to the real API). Runs before logging is initialised, so the appender is attached
 * with the local endpoint from the first event on.
 */
final class EmbeddedReceiver implements EnvironmentPostProcessor {
  static final String WRITE_KEY = "demo-write-key";
  static final String PORT_PROPERTY = "demo.receiver.port";
  static final int DEFAULT_PORT = 8787;

  /** Set by this post-processor when it started the receiver, for the beans that need it. */
  static final String EMBEDDED_PROPERTY = "demo.receiver.embedded";

  /** One per JVM: test contexts and restarts reuse the receiver that is already listening. */
  private static EventBunkerReceiver running;

  private final Log log;

  EmbeddedReceiver(DeferredLogFactory logFactory) {
    this.log = logFactory.getLog(EmbeddedReceiver.class);
  }

  /** The embedded receiver, or null when the demo sends to the real API. */
  static synchronized EventBunkerReceiver running() {
    return running;
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication app) {
    if (environment.containsProperty("eventbunker.write-key")) {
      return;
    }
    EventBunkerReceiver receiver =
        start(environment.getProperty(PORT_PROPERTY, Integer.class, DEFAULT_PORT));
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "demoEmbeddedReceiver",
                Map.of(
                    "eventbunker.write-key",
                    WRITE_KEY,
                    "eventbunker.endpoint",
                    receiver.endpoint().toString(),
                    EMBEDDED_PROPERTY,
                    "true")));
  }

  private synchronized EventBunkerReceiver start(int port) {
    if (running == null) {
      try {
        running = EventBunkerReceiver.builder().port(port).writeKey(WRITE_KEY).build().start();
      } catch (UncheckedIOException e) {
        log.error(e.getMessage());
        throw new IllegalStateException(
            "The demo's embedded EventBunker receiver cannot listen on port "
                + port
                + ". Free the port, or run with --"
                + PORT_PROPERTY
                + "=0 to take any free port.",
            e);
      }
    }
    return running;
  }
}
