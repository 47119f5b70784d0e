package io.eventbunker.spring.boot;

import static io.eventbunker.log4j2.EventBunker.EVENT;
import static io.eventbunker.log4j2.EventBunker.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventbunker.log4j2.EventBunkerAppender;
import io.eventbunker.testkit.EventBunkerReceiver;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MarkerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * Whole application runs on Log4j2, as spring-boot-starter-log4j2 sets them up, against the test
 * kit's receiver. Runs in the {@code log4j2} surefire execution: Log4j2's core is SLF4J's provider,
 * and Logback is not on the class path at all.
 */
@ExtendWith(OutputCaptureExtension.class)
class Log4j2ApplicationTests {
  private static final String WRITE_KEY = "wk_log4j2_0123456789";
  private static EventBunkerReceiver receiver;

  @BeforeAll
  static void startReceiver() {
    receiver = EventBunkerReceiver.builder().writeKey(WRITE_KEY).build().start();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  @AfterEach
  void resetReceiver() {
    receiver.reset();
  }

  @Test
  void runsOnLog4j2WithoutLogback() {
    assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
        .startsWith("org.apache.logging.slf4j.");
    assertThat(ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", null)).isFalse();
  }

  @Test
  void attachesAsSoonAsLoggingIsInitialisedAndDeliversEvents() throws InterruptedException {
    List<EventBunkerAppender> early = new ArrayList<>();
    SpringApplication application = application(App.class);
    // Initializers run after logging is initialised and before the context is refreshed.
    application.addInitializers(context -> early.addAll(Log4j2Appenders.onRoot()));
    try (ConfigurableApplicationContext context = application.run(arguments())) {
      assertThat(context.getBeansOfType(EventBunkerLifecycle.class)).hasSize(1);
      assertThat(early).hasSize(1);
      EventBunkerAppender appender = Log4j2Appenders.theOneOnRoot();
      assertThat(appender).isSameAs(early.get(0));
      assertThat(appender.getName()).isEqualTo(ManagedAppenders.APPENDER_NAME);
      assertThat(appender.isStarted()).isTrue();
      receiver.awaitEvent(App.REFRESH_EVENT, Duration.ofSeconds(10));

      LogManager.getLogger(getClass()).info(EVENT, "log4j2_order", field("amount", 42.5));
      LoggerFactory.getLogger(getClass()).info(MarkerFactory.getMarker("EVENT"), "slf4j_order");
      assertThat(receiver.awaitEvent("log4j2_order", Duration.ofSeconds(10)).fields())
          .containsEntry("amount", 42.5);
      receiver.awaitEvent("slf4j_order", Duration.ofSeconds(10));
    }
  }

  @Test
  void staysAttachedWithoutStoppingWhenLoggingIsInitialisedAgain() throws InterruptedException {
    List<Boolean> attachedRightAfter = new ArrayList<>();
    List<Long> pendingRightAfter = new ArrayList<>();
    SpringApplication application = application(App.class);
    application.addInitializers(
        context -> {
          EventBunkerAppender before = Log4j2Appenders.theOneOnRoot();
          // Unanswered, the event stays pending: a stop would fail or deliver it first.
          receiver.startOutage(Duration.ofMinutes(1));
          LogManager.getLogger(getClass()).info(EVENT, "across_reinit_event");
          await().until(() -> before.getStats().retries() > 0);
          Object replaced = Log4j2Appenders.context().getConfiguration();
          // What Spring Cloud's bootstrap does when it finds logging properties.
          LoggingSystem system = LoggingSystem.get(getClass().getClassLoader());
          system.cleanUp();
          system.beforeInitialize();
          system.initialize(new LoggingInitializationContext(context.getEnvironment()), null, null);
          assertThat(Log4j2Appenders.context().getConfiguration()).isNotSameAs(replaced);
          attachedRightAfter.add(Log4j2Appenders.onRoot().equals(List.of(before)));
          pendingRightAfter.add(before.getStats().pending());
        });
    try (ConfigurableApplicationContext context =
        application.run(
            with(
                "--eventbunker.retry.max-attempts=1000",
                "--eventbunker.retry.initial-backoff=20ms",
                "--eventbunker.retry.max-backoff=200ms"))) {
      assertThat(attachedRightAfter).as("attached to the new configuration").containsExactly(true);
      assertThat(pendingRightAfter).as("not stopped meanwhile").containsExactly(1L);
      EventBunkerAppender appender = Log4j2Appenders.theOneOnRoot();
      receiver.endOutage();
      receiver.awaitEvent("across_reinit_event", Duration.ofSeconds(30));

      // What Log4J2LoggingSystem's reinitialize does. Without a log4j2.xml, Log4j2 falls back to
      // its default configuration, whose root logger takes errors only.
      Log4j2Appenders.context().reconfigure();
      assertThat(Log4j2Appenders.onRoot()).containsExactly(appender);
      LogManager.getLogger(getClass()).error(EVENT, "after_reconfigure_event");
      receiver.awaitEvent("after_reconfigure_event", Duration.ofSeconds(10));
      assertThat(appender.isStarted()).isTrue();
    } finally {
      receiver.endOutage();
    }
  }

  @Test
  void deliversWhatIsLeftWhenTheContextClosesWithinTheShutdownTimeout() {
    receiver.setLatency(Duration.ofMillis(150));
    ConfigurableApplicationContext context =
        application(App.class)
            .run(with("--eventbunker.max-in-flight=1", "--eventbunker.shutdown-timeout=10s"));
    EventBunkerAppender appender = Log4j2Appenders.theOneOnRoot();
    for (int i = 0; i < 4; i++) {
      LogManager.getLogger(getClass()).info(EVENT, "closing_event");
    }
    long closing = System.nanoTime();
    context.close();
    assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(10));
    assertThat(receiver.events().stream().filter(e -> e.name().equals("closing_event"))).hasSize(4);
    assertThat(appender.isStarted()).isFalse();
    assertThat(Log4j2Appenders.onRoot()).isEmpty();
  }

  @Test
  void picksUpTheAppenderLog4j2SpringXmlDeclares() throws InterruptedException {
    EventBunkerAppender declared;
    try (ConfigurableApplicationContext context =
        application(App.class)
            .run(with("--logging.config=classpath:log4j2-eventbunker-declared.xml"))) {
      declared = Log4j2Appenders.theOneOnRoot();
      assertThat(declared.getName()).as("no appender of the starter's own").isEqualTo("DECLARED");
      assertThat(declared.isStarted()).isTrue();
      LogManager.getLogger(getClass()).info(EVENT, "declared_event");
      receiver.awaitEvent("declared_event", Duration.ofSeconds(10));
      HealthReport health = HealthReport.of(ManagedAppenders.get());
      assertThat(health.up()).isTrue();
      assertThat(health.details()).containsEntry("queueCapacity", 42);
    }
    assertThat(declared.isStarted()).as("stopped when the context closed").isFalse();
  }

  @Test
  void sendsThroughTheHttpClientALog4j2CustomizerSupplies() throws InterruptedException {
    try (ConfigurableApplicationContext context = application(Customized.class).run(arguments())) {
      int before = Customized.TASKS.get();
      LogManager.getLogger(getClass()).info(EVENT, "own_client_event");
      receiver.awaitEvent("own_client_event", Duration.ofSeconds(10));
      assertThat(Customized.TASKS.get()).isGreaterThan(before);
    }
  }

  @Test
  void aValueTheAppenderRefusesIsReportedAndTheApplicationStarts(CapturedOutput output) {
    try (ConfigurableApplicationContext context =
        application(App.class).run(with("--eventbunker.queue-capacity=0"))) {
      assertThat(context.isActive()).isTrue();
      assertThat(Log4j2Appenders.onRoot()).isEmpty();
      assertThat(output).contains("EventBunker is off:").contains("queueCapacity");
      assertThat(output).doesNotContain(WRITE_KEY);
    }
  }

  private static String[] arguments() {
    return new String[] {
      "--eventbunker.write-key=" + WRITE_KEY, "--eventbunker.endpoint=" + receiver.endpoint()
    };
  }

  private static String[] with(String... extra) {
    List<String> arguments = new ArrayList<>(List.of(arguments()));
    arguments.addAll(List.of(extra));
    return arguments.toArray(new String[0]);
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
    static final String REFRESH_EVENT = "log4j2_context_refreshing";

    /** Logs an event while the context is refreshed, before any auto-configured bean uses it. */
    @Bean
    String refreshTimeEvent() {
      LogManager.getLogger(App.class).info(EVENT, REFRESH_EVENT);
      return REFRESH_EVENT;
    }
  }

  /** Sends through its own client, whose executor counts the tasks it is given. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class Customized {
    static final AtomicInteger TASKS = new AtomicInteger();

    @Bean
    EventBunkerLog4j2Customizer ownHttpClient() {
      HttpClient client =
          HttpClient.newBuilder()
              .executor(
                  task -> {
                    TASKS.incrementAndGet();
                    ForkJoinPool.commonPool().execute(task);
                  })
              .build();
      return builder -> builder.setHttpClient(client);
    }
  }
}
