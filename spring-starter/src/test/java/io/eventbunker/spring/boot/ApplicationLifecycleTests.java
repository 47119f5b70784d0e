package io.eventbunker.spring.boot;

import static io.eventbunker.logback.EventBunker.EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.status.Status;
import io.eventbunker.logback.EventBunkerAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
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
  void closingWaitsNoLongerThanTheShutdownTimeoutWhenEventBunkerDoesNotAnswer(
      CapturedOutput output) {
    ConfigurableApplicationContext context = run(App.class, "--eventbunker.shutdown-timeout=2s");
    server.hold();
    try {
      LoggerFactory.getLogger(getClass()).info(EVENT, "unanswered_event");
      await().until(() -> server.held() == 1);
      long closing = System.nanoTime();
      context.close();
      // Flushing for the timeout and then stopping for it again would take twice the timeout;
      // the second is the stop's margin for a thread that does not end.
      assertThat(Duration.ofNanos(System.nanoTime() - closing))
          .isLessThan(Duration.ofMillis(2000 + 1000));
      // The second event is the test application's, logged as its web server stops.
      assertThat(output.getErr())
          .contains("' stopped: 2 events accepted, 0 delivered, 0 rejected, 0 dropped, 2 failed");
    } finally {
      server.accept();
      context.close();
    }
  }

  @Test
  void takesEventsLoggedWhileItDeliversWhatIsLeftAtClose() throws InterruptedException {
    ConfigurableApplicationContext context = run(App.class, "--eventbunker.shutdown-timeout=10s");
    EventBunkerLifecycle lifecycle = context.getBean(EventBunkerLifecycle.class);
    server.hold();
    try {
      LoggerFactory.getLogger(getClass()).info(EVENT, "held_at_close_event");
      await().until(() -> server.held() == 1);
      Thread closing = new Thread(context::close, "closing-context");
      closing.start();
      // The closing thread waits for the held answer: the appender is being flushed.
      await().until(() -> !lifecycle.isRunning() && isWaiting(closing));
      LoggerFactory.getLogger(getClass()).info(EVENT, "logged_while_flushing_event");
      server.release();
      closing.join(20_000);
      assertThat(closing.isAlive()).isFalse();
      assertThat(server.received("held_at_close_event")).isEqualTo(1);
      assertThat(server.received("logged_while_flushing_event")).isEqualTo(1);
    } finally {
      server.accept();
      context.close();
    }
  }

  @Test
  void aCustomizedAppenderTakesOverTheSpoolOfTheOneStartedEarly(@TempDir Path spoolDirectory) {
    List<EventBunkerAppender> early = new ArrayList<>();
    List<Boolean> earlyHadTheSpool = new ArrayList<>();
    SpringApplication application = application(Customized.class);
    application.addInitializers(
        context -> {
          early.add(Appenders.onRoot());
          earlyHadTheSpool.add(Appenders.onRoot().getStats().spoolEnabled());
        });
    try (ConfigurableApplicationContext context =
        application.run(with("--eventbunker.spool.directory=" + spoolDirectory))) {
      assertThat(context.getBeansOfType(EventBunkerAppenderCustomizer.class)).hasSize(1);
      EventBunkerAppender appender = Appenders.onRoot();
      assertThat(earlyHadTheSpool).containsExactly(true);
      assertThat(appender).isNotSameAs(early.get(0));
      assertThat(appender.getMaxInFlight()).as("customized").isEqualTo(Customized.MAX_IN_FLIGHT);
      assertThat(appender.getStats().spoolEnabled()).isTrue();
      assertThat(statusMessages())
          .noneMatch(
              message ->
                  message.contains("cannot use spoolDirectory")
                      && message.contains(spoolDirectory.toString()));
    }
  }

  @Test
  void whatTheEarlyAppenderCouldNotDeliverIsSentFromTheSpoolByTheCustomizedOne(
      @TempDir Path spoolDirectory) {
    server.answerStatus(503);
    try {
      List<EventBunkerAppender> early = new ArrayList<>();
      SpringApplication application = application(Customized.class);
      application.addInitializers(
          context -> {
            early.add(Appenders.onRoot());
            LoggerFactory.getLogger(getClass()).info(EVENT, "early_spooled_event");
          });
      try (ConfigurableApplicationContext context =
          application.run(
              with(
                  "--eventbunker.spool.directory=" + spoolDirectory,
                  "--eventbunker.shutdown-timeout=300ms",
                  "--eventbunker.retry.max-attempts=1000",
                  "--eventbunker.retry.initial-backoff=20ms",
                  "--eventbunker.retry.max-backoff=50ms"))) {
        assertThat(context.getBeansOfType(EventBunkerAppenderCustomizer.class)).hasSize(1);
        EventBunkerAppender appender = Appenders.onRoot();
        assertThat(appender).isNotSameAs(early.get(0));
        assertThat(early.get(0).getStats().delivered()).isZero();
        server.accept();
        await().until(() -> appender.getStats().delivered() == 1);
        assertThat(server.received("early_spooled_event")).isGreaterThan(1);
      }
    } finally {
      server.accept();
    }
  }

  @Test
  void replacingTheEarlyAppenderDoesNotHoldUpStartupAndClosingWaitsForIt()
      throws InterruptedException {
    server.hold();
    try {
      List<EventBunkerAppender> early = new ArrayList<>();
      SpringApplication application = application(Customized.class);
      application.addInitializers(
          context -> {
            early.add(Appenders.onRoot());
            LoggerFactory.getLogger(getClass()).info(EVENT, "early_held_event");
          });
      ConfigurableApplicationContext context = application.run(arguments());
      try {
        EventBunkerLifecycle lifecycle = context.getBean(EventBunkerLifecycle.class);
        assertThat(Appenders.onRoot()).isNotSameAs(early.get(0));
        // Started while the early appender still waits for its answer.
        assertThat(early.get(0).getStats().pending()).isEqualTo(1);
        Thread closing = new Thread(context::close, "closing-context");
        closing.start();
        // The closing thread waits: for the early appender, whose answer is still held.
        await().until(() -> !lifecycle.isRunning() && isWaiting(closing));
        server.release();
        closing.join(20_000);
        assertThat(closing.isAlive()).isFalse();
        assertThat(early.get(0).getStats().delivered()).isEqualTo(1);
      } finally {
        server.accept();
        context.close();
      }
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
    return application(source).run(with(extra));
  }

  /** The write key and endpoint, and {@code extra}. */
  private static String[] with(String... extra) {
    List<String> arguments = new ArrayList<>(List.of(arguments()));
    arguments.addAll(List.of(extra));
    return arguments.toArray(new String[0]);
  }

  /** Whether the thread waits (for the server's answer, as the tests arrange). */
  private static boolean isWaiting(Thread thread) {
    Thread.State state = thread.getState();
    return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
  }

  private static List<String> statusMessages() {
    List<String> messages = new ArrayList<>();
    for (Status status : Appenders.context().getStatusManager().getCopyOfStatusList()) {
      messages.add(status.getMessage());
    }
    return messages;
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

  /** With a customizer bean, which replaces the appender started before the beans existed. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class Customized {
    static final int MAX_IN_FLIGHT = 3;

    @Bean
    EventBunkerAppenderCustomizer fewerRequests() {
      return appender -> appender.setMaxInFlight(MAX_IN_FLIGHT);
    }
  }
}
