package io.eventbunker.spring.boot;

import static io.eventbunker.logback.EventBunker.EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import io.eventbunker.logback.EventBunkerAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

/**
 * Whole application runs, as {@code SpringApplication} does them: logging initialised and
 * re-initialised, startup warnings, and delivery when the context closes.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApplicationLifecycleTests {
  private static final EventBunkerServer server = new EventBunkerServer();

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void deliversWhatIsLeftWhenTheContextClosesIncludingEventsLoggedWhileTheWebServerStops() {
    server.acceptAfter(150);
    try {
      ConfigurableApplicationContext context =
          run(App.class, "--eventbunker.max-in-flight=1", "--eventbunker.shutdown-timeout=10s");
      int stoppingEvents = server.received(App.STOPPING_EVENT);
      for (int i = 0; i < 4; i++) {
        LoggerFactory.getLogger(getClass()).info(EVENT, "closing_event");
      }
      context.close();
      assertThat(server.received("closing_event")).isEqualTo(4);
      assertThat(server.received(App.STOPPING_EVENT)).isEqualTo(stoppingEvents + 1);
    } finally {
      server.accept();
    }
  }

  @Test
  void closingWaitsNoLongerThanTheShutdownTimeoutWhenEventBunkerDoesNotAnswer() {
    server.acceptAfter(20_000);
    try {
      ConfigurableApplicationContext context =
          run(App.class, "--eventbunker.shutdown-timeout=300ms");
      LoggerFactory.getLogger(getClass()).info(EVENT, "unanswered_event");
      await().until(() -> server.received("unanswered_event") == 1);
      long closing = System.nanoTime();
      context.close();
      // On top of the timeout the appender gives cancelled requests 0.5 s to finish, and its
      // thread 1 s more to end: its documented bound.
      assertThat(Duration.ofNanos(System.nanoTime() - closing))
          .isLessThan(Duration.ofMillis(300 + 500 + 1000));
    } finally {
      server.accept();
    }
  }

  @Test
  void withoutWriteKeyWarnsOnceAndStartsWithoutTheAppender(CapturedOutput output) {
    try (ConfigurableApplicationContext context = runWithout(App.class)) {
      assertThat(context.getBeansOfType(EventBunkerLifecycle.class)).isEmpty();
      assertThat(Appenders.on(Logger.ROOT_LOGGER_NAME)).isEmpty();
      assertThat(
              output
                  .getOut()
                  .split(java.util.regex.Pattern.quote(ManagedAppenders.NO_WRITE_KEY), -1))
          .hasSize(2);
    }
  }

  @Test
  void usesAWriteKeyThatAnInitializerAddsWithoutWarningAboutIt(CapturedOutput output) {
    SpringApplication application = application(App.class);
    // Like Spring Cloud Config or Vault: the key arrives in a property source added after the
    // environment was prepared.
    application.addInitializers(
        context ->
            context
                .getEnvironment()
                .getPropertySources()
                .addFirst(
                    new MapPropertySource(
                        "vault",
                        Map.of(
                            "eventbunker.write-key",
                            EventBunkerServer.WRITE_KEY,
                            "eventbunker.endpoint",
                            server.endpoint()))));
    try (ConfigurableApplicationContext context = application.run()) {
      assertThat(context.getBeansOfType(EventBunkerLifecycle.class)).hasSize(1);
      assertThat(Appenders.onRoot().isStarted()).isTrue();
      assertThat(output.getOut()).doesNotContain(ManagedAppenders.NO_WRITE_KEY);
    }
  }

  @Test
  void aValueThatCannotBeConvertedIsReportedAndItsDefaultUsed(CapturedOutput output) {
    try (ConfigurableApplicationContext context =
        run(App.class, "--eventbunker.queue-capacity=lots")) {
      assertThat(Appenders.onRoot().getQueueCapacity()).isEqualTo(10000);
      assertThat(context.getBean(EventBunkerProperties.class).getQueueCapacity()).isEqualTo(10000);
      assertThat(output.getOut()).contains("EventBunker ignores eventbunker.queue-capacity");
    }
  }

  @Test
  void aValueTheAppenderRefusesIsReportedAndTheApplicationStarts(CapturedOutput output) {
    try (ConfigurableApplicationContext context =
        run(App.class, "--eventbunker.queue-capacity=0")) {
      assertThat(context.isActive()).isTrue();
      assertThat(Appenders.on(Logger.ROOT_LOGGER_NAME)).isEmpty();
      assertThat(output.getOut()).contains("EventBunker is off:").contains("queueCapacity");
    }
  }

  @Test
  void attachesAgainAfterAnInitializerReinitialisesLogging() {
    List<EventBunkerAppender> afterReinitialisation = new ArrayList<>();
    SpringApplication application = application(App.class);
    application.addInitializers(
        context -> {
          // What Spring Cloud's bootstrap does when it finds logging properties.
          LoggingSystem system = LoggingSystem.get(getClass().getClassLoader());
          system.cleanUp();
          system.beforeInitialize();
          system.initialize(new LoggingInitializationContext(context.getEnvironment()), null, null);
          afterReinitialisation.addAll(Appenders.on(Logger.ROOT_LOGGER_NAME));
        });
    try (ConfigurableApplicationContext context = application.run(arguments())) {
      assertThat(context.getBeansOfType(EventBunkerLifecycle.class)).hasSize(1);
      assertThat(afterReinitialisation).as("removed by the re-initialisation").isEmpty();
      assertThat(Appenders.onRoot().isStarted()).isTrue();
      LoggerFactory.getLogger(getClass()).info(EVENT, "after_reinit_event");
      await().until(() -> server.received("after_reinit_event") == 1);
    }
  }

  @Test
  void attachesOnceWhenTheApplicationRunsAgainAfterClosing() {
    run(App.class).close();
    try (ConfigurableApplicationContext context = run(App.class)) {
      assertThat(context.getBeansOfType(EventBunkerLifecycle.class)).hasSize(1);
      assertThat(Appenders.onRoot().isStarted()).isTrue();
      LoggerFactory.getLogger(getClass()).info(EVENT, "second_run_event");
      await().until(() -> server.received("second_run_event") == 1);
    }
  }

  @Test
  void leavesTheAppenderInPlaceForANestedRunWithoutAutoConfiguration() {
    try (ConfigurableApplicationContext context = run(App.class)) {
      assertThat(context.getBeansOfType(EventBunkerLifecycle.class)).hasSize(1);
      EventBunkerAppender appender = Appenders.onRoot();
      // Like Spring Cloud's context refresh: a bare run, with the same properties or none.
      runBare(arguments()).close();
      runBare().close();
      assertThat(Appenders.onRoot()).isSameAs(appender);
      assertThat(appender.isStarted()).isTrue();
      LoggerFactory.getLogger(getClass()).info(EVENT, "after_nested_event");
      await().until(() -> server.received("after_nested_event") == 1);
    }
  }

  private static ConfigurableApplicationContext run(Class<?> source, String... extra) {
    List<String> arguments = new ArrayList<>(List.of(arguments()));
    arguments.addAll(List.of(extra));
    return application(source).run(arguments.toArray(new String[0]));
  }

  private static ConfigurableApplicationContext runWithout(Class<?> source) {
    return application(source).run("--eventbunker.endpoint=" + server.endpoint());
  }

  private static ConfigurableApplicationContext runBare(String... arguments) {
    return application(Bare.class).run(arguments);
  }

  private static String[] arguments() {
    return new String[] {
      "--eventbunker.write-key=" + EventBunkerServer.WRITE_KEY,
      "--eventbunker.endpoint=" + server.endpoint()
    };
  }

  private static SpringApplication application(Class<?> source) {
    SpringApplication application = new SpringApplication(source);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.setRegisterShutdownHook(false);
    return application;
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class App {
    static final String STOPPING_EVENT = "stopping_with_web_server";

    /** Stops in the web server's phase, as request handling ends, and logs an event then. */
    @Bean
    SmartLifecycle stopsWithTheWebServer() {
      return new SmartLifecycle() {
        private volatile boolean running;

        @Override
        public void start() {
          running = true;
        }

        @Override
        public void stop() {
          running = false;
          LoggerFactory.getLogger(App.class).info(EVENT, STOPPING_EVENT);
        }

        @Override
        public boolean isRunning() {
          return running;
        }

        @Override
        public int getPhase() {
          return SmartLifecycle.DEFAULT_PHASE - 2048;
        }
      };
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Bare {}
}
