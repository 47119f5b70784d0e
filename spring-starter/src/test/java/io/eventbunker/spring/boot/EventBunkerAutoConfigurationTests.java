package io.eventbunker.spring.boot;

import static io.eventbunker.logback.EventBunker.EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import io.eventbunker.logback.EventBunkerAppender;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

class EventBunkerAutoConfigurationTests {
  private static final EventBunkerServer server = new EventBunkerServer();
  private static final String AUDIT = "com.example.audit";

  private final ApplicationContextRunner contextRunner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  EventBunkerAutoConfiguration.class,
                  EventBunkerHealthAutoConfiguration.class,
                  EventBunkerMetricsAutoConfiguration.class))
          .withPropertyValues(
              "eventbunker.write-key=" + EventBunkerServer.WRITE_KEY,
              "eventbunker.endpoint=" + server.endpoint());

  @AfterEach
  void removeDeclaredAppenders() {
    Logger audit = Appenders.logger(AUDIT);
    audit.detachAndStopAllAppenders();
    audit.setAdditive(true);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void attachesOneAppenderToRootConfiguredFromTheProperties() {
    contextRunner
        .withPropertyValues(
            "eventbunker.queue-capacity=500",
            "eventbunker.queue-max-bytes=2MB",
            "eventbunker.append-timeout=15ms",
            "eventbunker.retry.max-attempts=3",
            "eventbunker.retry.initial-backoff=100ms",
            "eventbunker.shutdown-timeout=2s",
            "eventbunker.customer-identifier-mdc-key=user",
            "eventbunker.mdc-keys=tenant,region",
            "eventbunker.console-warnings=false")
        .run(
            context -> {
              assertThat(context).hasSingleBean(EventBunkerLifecycle.class);
              EventBunkerAppender appender = Appenders.onRoot();
              assertThat(appender.getName()).isEqualTo(ManagedAppenders.APPENDER_NAME);
              assertThat(appender.isStarted()).isTrue();
              assertThat(appender.hasWriteKey()).isTrue();
              assertThat(appender.getEndpoint()).isEqualTo(server.endpoint());
              assertThat(appender.getQueueCapacity()).isEqualTo(500);
              assertThat(appender.getQueueMaxBytes().getSize()).isEqualTo(2L * 1024 * 1024);
              assertThat(appender.getAppendTimeout().getMilliseconds()).isEqualTo(15);
              assertThat(appender.getRetryMaxAttempts()).isEqualTo(3);
              assertThat(appender.getRetryInitialBackoff().getMilliseconds()).isEqualTo(100);
              assertThat(appender.getShutdownTimeout().getMilliseconds()).isEqualTo(2000);
              assertThat(appender.getCustomerIdentifierMdcKey()).isEqualTo("user");
              assertThat(appender.getMdcKeys()).isEqualTo("tenant,region");
              assertThat(appender.isConsoleWarnings()).isFalse();
            });
  }

  @Test
  void deliversEventsLoggedWithTheMarker() {
    contextRunner.run(
        context -> {
          LoggerFactory.getLogger(getClass()).info(EVENT, "runner_event");
          await().until(() -> server.received("runner_event") == 1);
        });
  }

  @Test
  void detachesAndStopsTheAppenderWhenTheContextCloses() {
    EventBunkerAppender[] attached = new EventBunkerAppender[1];
    contextRunner.run(context -> attached[0] = Appenders.onRoot());
    assertThat(attached[0].isStarted()).isFalse();
    assertThat(Appenders.on(Logger.ROOT_LOGGER_NAME)).isEmpty();
  }

  @Test
  void whenDisabledDoesNotProvideBeans() {
    contextRunner
        .withPropertyValues("eventbunker.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(EventBunkerLifecycle.class);
              assertThat(context).doesNotHaveBean(EventBunkerProperties.class);
              assertThat(Appenders.on(Logger.ROOT_LOGGER_NAME)).isEmpty();
            });
  }

  @Test
  void withoutWriteKeyStaysOff() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                EventBunkerAutoConfiguration.class,
                EventBunkerHealthAutoConfiguration.class,
                EventBunkerMetricsAutoConfiguration.class))
        .withPropertyValues("eventbunker.write-key=  ")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(EventBunkerLifecycle.class);
              assertThat(context).doesNotHaveBean(HealthIndicator.class);
              assertThat(Appenders.on(Logger.ROOT_LOGGER_NAME)).isEmpty();
            });
  }

  @Test
  void backsOffWhenUserDefinesAppender() {
    EventBunkerAppender declared = declareInAsyncAppender();
    contextRunner
        .withPropertyValues(
            "eventbunker.queue-capacity=500",
            "eventbunker.max-in-flight=7",
            "eventbunker.console-warnings=false")
        .run(
            context -> {
              assertThat(Appenders.on(Logger.ROOT_LOGGER_NAME)).isEmpty();
              assertThat(declared.isStarted()).isTrue();
              assertThat(declared.hasWriteKey()).isTrue();
              assertThat(declared.getQueueCapacity()).as("set in logback.xml").isEqualTo(42);
              assertThat(declared.getMaxInFlight()).as("left unset in logback.xml").isEqualTo(7);
              assertThat(declared.isConsoleWarnings()).as("left unset in logback.xml").isFalse();
              assertThat(declared.getEndpoint()).isEqualTo(server.endpoint());
              LoggerFactory.getLogger(AUDIT).info(EVENT, "declared_event");
              await().until(() -> server.received("declared_event") == 1);
            });
  }

  @Test
  void customizesADeclaredAppenderOnce() {
    EventBunkerAppender declared = declareInAsyncAppender();
    AtomicInteger calls = new AtomicInteger();
    contextRunner
        .withBean(
            EventBunkerAppenderCustomizer.class,
            () ->
                appender -> {
                  calls.incrementAndGet();
                  appender.setRequestTimeout(
                      ch.qos.logback.core.util.Duration.buildByMilliseconds(1234));
                })
        .run(
            context -> {
              attachAgainAsTheListenerDoes(context.getSourceApplicationContext());
              assertThat(calls).hasValue(1);
              assertThat(declared.getRequestTimeout().getMilliseconds()).isEqualTo(1234);
              assertThat(declared.isStarted()).isTrue();
            });
  }

  @Test
  void anAppenderDeclaredWithItsOwnWriteKeyTurnsTheStarterOn() {
    EventBunkerAppender declared = declareInAsyncAppender();
    declared.setWriteKey(EventBunkerServer.WRITE_KEY);
    declared.start();
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                EventBunkerAutoConfiguration.class, EventBunkerHealthAutoConfiguration.class))
        .run(
            context -> {
              assertThat(context).hasSingleBean(EventBunkerLifecycle.class);
              assertThat(context).hasBean("eventBunkerHealthIndicator");
              assertThat(Appenders.on(Logger.ROOT_LOGGER_NAME)).isEmpty();
              assertThat(declared.isStarted()).isTrue();
            });
  }

  @Test
  void attachesToTheListedLoggersOnceEach() {
    Appenders.logger(AUDIT).setAdditive(false);
    contextRunner
        .withPropertyValues("eventbunker.loggers=ROOT," + AUDIT)
        .run(
            context -> {
              EventBunkerAppender appender = Appenders.onRoot();
              assertThat(Appenders.on(AUDIT)).containsExactly(appender);
              attachAgainAsTheListenerDoes(context.getSourceApplicationContext());
              assertThat(Appenders.on(Logger.ROOT_LOGGER_NAME)).containsExactly(appender);
              assertThat(Appenders.on(AUDIT)).containsExactly(appender);
              LoggerFactory.getLogger(AUDIT).info(EVENT, "audit_event");
              await().until(() -> server.received("audit_event") == 1);
            });
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void warnsWhenAListedLoggerPassesItsEventsToAnotherListedOne(CapturedOutput output) {
    contextRunner
        .withPropertyValues("eventbunker.loggers=ROOT," + AUDIT)
        .run(
            context ->
                assertThat(output.getOut())
                    .contains(
                        "EventBunker would send the events of logger '"
                            + AUDIT
                            + "' twice: eventbunker.loggers also lists 'ROOT'"));
  }

  @Test
  void sendsThroughTheHttpClientACustomizerSupplies() {
    AtomicInteger tasks = new AtomicInteger();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    HttpClient client =
        HttpClient.newBuilder()
            .executor(
                task -> {
                  tasks.incrementAndGet();
                  executor.execute(task);
                })
            .build();
    try {
      contextRunner
          .withBean(
              EventBunkerAppenderCustomizer.class, () -> appender -> appender.setHttpClient(client))
          .run(
              context -> {
                LoggerFactory.getLogger(getClass()).info(EVENT, "own_client_event");
                await().until(() -> server.received("own_client_event") == 1);
                assertThat(tasks).hasPositiveValue();
              });
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void appliesCustomizersOnceToEachAppender() {
    AtomicInteger calls = new AtomicInteger();
    contextRunner
        .withBean(
            EventBunkerAppenderCustomizer.class,
            () ->
                appender -> {
                  calls.incrementAndGet();
                  appender.setMaxInFlight(3);
                })
        .run(
            context -> {
              assertThat(Appenders.onRoot().getMaxInFlight()).isEqualTo(3);
              attachAgainAsTheListenerDoes(context.getSourceApplicationContext());
              assertThat(Appenders.onRoot().getMaxInFlight()).isEqualTo(3);
              assertThat(calls).hasValue(1);
            });
  }

  @Test
  void providesAHealthIndicatorNamedEventBunker() {
    contextRunner.run(
        context -> {
          HealthIndicator health =
              context.getBean("eventBunkerHealthIndicator", HealthIndicator.class);
          assertThat(health.health().getStatus()).isEqualTo(Status.UP);
          assertThat(health.health().getDetails())
              .containsEntry("queueCapacity", 10000)
              .containsKeys("queueSize", "delivered", "rejected", "dropped", "failed", "retries");
        });
  }

  @Test
  void spoolPropertiesConfigureTheAppenderAndHealthShowsTheSpool(@TempDir Path spoolDirectory) {
    contextRunner
        .withPropertyValues(
            "eventbunker.spool.directory=" + spoolDirectory,
            "eventbunker.spool.max-bytes=32MB",
            "eventbunker.spool.max-age=2h")
        .run(
            context -> {
              EventBunkerAppender appender = Appenders.onRoot();
              assertThat(appender.getSpoolDirectory()).isEqualTo(spoolDirectory.toString());
              assertThat(appender.getMaxSpoolBytes().getSize()).isEqualTo(32L * 1024 * 1024);
              assertThat(appender.getSpoolMaxAge().getMilliseconds()).isEqualTo(7_200_000);
              assertThat(appender.getStats().spoolEnabled()).isTrue();
              HealthIndicator health =
                  context.getBean("eventBunkerHealthIndicator", HealthIndicator.class);
              assertThat(health.health().getStatus()).isEqualTo(Status.UP);
              assertThat(health.health().getDetails())
                  .containsEntry("spooled", 0L)
                  .containsKey("spooledBytes");
            });
  }

  @Test
  void whenHealthIndicatorIsSwitchedOffDoesNotProvideIt() {
    contextRunner
        .withPropertyValues("management.health.eventbunker.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(HealthIndicator.class));
  }

  @Test
  void backsOffWhenUserDefinesHealthIndicator() {
    HealthIndicator own = () -> org.springframework.boot.actuate.health.Health.up().build();
    contextRunner
        .withBean("eventBunkerHealthIndicator", HealthIndicator.class, () -> own)
        .run(context -> assertThat(context.getBean("eventBunkerHealthIndicator")).isSameAs(own));
  }

  @Test
  void withoutActuatorProvidesNoHealthIndicator() {
    contextRunner
        .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
        .run(
            context -> {
              assertThat(context).hasSingleBean(EventBunkerLifecycle.class);
              assertThat(context).doesNotHaveBean("eventBunkerHealthIndicator");
            });
  }

  @Test
  void providesMetersWhenAMeterRegistryIsPresent() {
    contextRunner
        .withConfiguration(
            AutoConfigurations.of(
                MetricsAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class))
        .withPropertyValues("eventbunker.queue-capacity=321")
        .run(
            context -> {
              assertThat(context).hasSingleBean(EventBunkerMetrics.class);
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              assertThat(registry.get("eventbunker.queue.capacity").gauge().value())
                  .isEqualTo(321.0);
              assertThat(
                      registry
                          .get("eventbunker.events")
                          .tag("outcome", "delivered")
                          .functionCounter())
                  .isNotNull();
            });
  }

  @Test
  void withoutMicrometerProvidesNoMeters() {
    contextRunner
        .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .run(
            context -> {
              assertThat(context).hasSingleBean(EventBunkerLifecycle.class);
              assertThat(context).doesNotHaveBean(EventBunkerMetrics.class);
            });
  }

  @Test
  void withoutAMeterRegistryProvidesNoMeters() {
    contextRunner.run(context -> assertThat(context).doesNotHaveBean(EventBunkerMetrics.class));
  }

  /** Declares an appender as logback-spring.xml would: in an AsyncAppender, without a key. */
  private static EventBunkerAppender declareInAsyncAppender() {
    EventBunkerAppender declared = new EventBunkerAppender();
    declared.setName("DECLARED");
    declared.setContext(Appenders.context());
    declared.setQueueCapacity(42);
    declared.start();
    assertThat(declared.isStarted()).as("started without a key").isFalse();
    AsyncAppender async = new AsyncAppender();
    async.setName("ASYNC");
    async.setContext(Appenders.context());
    async.addAppender(declared);
    async.start();
    Logger audit = Appenders.logger(AUDIT);
    audit.setAdditive(false);
    audit.addAppender(async);
    return declared;
  }

  /** What the listener does at each application event that may follow a logging re-init. */
  private static void attachAgainAsTheListenerDoes(
      org.springframework.context.ApplicationContext context) {
    new EventBunkerLoggingListener()
        .onApplicationEvent(
            new ApplicationPreparedEvent(
                new SpringApplication(), new String[0], (ConfigurableApplicationContext) context));
  }

  @Test
  void countsEventsTheQueueCannotHoldAsDropped() {
    server.acceptAfter(300);
    try {
      withMeters()
          .withPropertyValues("eventbunker.queue-capacity=1", "eventbunker.max-in-flight=1")
          .run(
              context -> {
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                double delivered = events(registry, "delivered");
                double dropped = events(registry, "dropped");
                for (int i = 0; i < 3; i++) {
                  LoggerFactory.getLogger(getClass()).info(EVENT, "crowded_event");
                }
                // At most one event in flight and one queued: the third cannot fit.
                await()
                    .until(
                        () ->
                            events(registry, "delivered")
                                    - delivered
                                    + events(registry, "dropped")
                                    - dropped
                                == 3);
                assertThat(events(registry, "dropped") - dropped).isGreaterThanOrEqualTo(1);
                assertThat(events(registry, "delivered") - delivered)
                    .isEqualTo(server.received("crowded_event"));
              });
    } finally {
      server.accept();
    }
  }

  @Test
  void countsRetriesAndEventsThatFailAfterThem() {
    server.answerStatus(503);
    try {
      withMeters()
          .withPropertyValues(
              "eventbunker.retry.max-attempts=2", "eventbunker.retry.initial-backoff=10ms")
          .run(
              context -> {
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                double failed = events(registry, "failed");
                double retries = registry.get("eventbunker.retries").functionCounter().count();
                LoggerFactory.getLogger(getClass()).info(EVENT, "unlucky_event");
                await().until(() -> events(registry, "failed") == failed + 1);
                assertThat(registry.get("eventbunker.retries").functionCounter().count())
                    .isEqualTo(retries + 1);
                assertThat(server.received("unlucky_event")).isEqualTo(2);
                assertThat(registry.get("eventbunker.send").tag("status", "5xx").timer().count())
                    .isGreaterThanOrEqualTo(2);
              });
    } finally {
      server.accept();
    }
  }

  @Test
  void reportsDownWithTheReasonAfterTheWriteKeyIsRefused() {
    server.answerStatus(401);
    try {
      contextRunner.run(
          context -> {
            HealthIndicator health =
                context.getBean("eventBunkerHealthIndicator", HealthIndicator.class);
            LoggerFactory.getLogger(getClass()).info(EVENT, "refused_key_event");
            await().until(() -> health.health().getStatus().equals(Status.DOWN));
            assertThat(health.health().getDetails())
                .containsEntry("reason", HealthReport.WRITE_KEY_REFUSED)
                .containsKey("lastError");
            assertThat(health.health().toString()).doesNotContain(EventBunkerServer.WRITE_KEY);
          });
    } finally {
      server.accept();
    }
  }

  @Test
  void reportsDownWhenSomethingOtherThanTheApiAnswers() {
    server.answerStatus(404);
    try {
      contextRunner.run(
          context -> {
            HealthIndicator health =
                context.getBean("eventBunkerHealthIndicator", HealthIndicator.class);
            LoggerFactory.getLogger(getClass()).info(EVENT, "misdirected_event");
            await().until(() -> health.health().getStatus().equals(Status.DOWN));
            assertThat(health.health().getDetails())
                .containsEntry("reason", HealthReport.MISDIRECTED)
                .containsEntry("rejected", 0L);
            assertThat(String.valueOf(health.health().getDetails().get("lastError")))
                .contains("answered HTTP 404");
          });
    } finally {
      server.accept();
    }
  }

  private ApplicationContextRunner withMeters() {
    return contextRunner.withConfiguration(
        AutoConfigurations.of(
            MetricsAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class,
            CompositeMeterRegistryAutoConfiguration.class));
  }

  private static double events(MeterRegistry registry, String outcome) {
    return registry.get("eventbunker.events").tag("outcome", outcome).functionCounter().count();
  }
}
