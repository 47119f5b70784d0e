package io.eventbunker.spring.boot;

import static io.eventbunker.logback.EventBunker.EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** The starter's conditions on Spring Boot 4's health and metrics modules. */
class Boot4AutoConfigurationTests {
  private static final EventBunkerServer server = new EventBunkerServer();

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

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void whenDisabledDoesNotProvideBeans() {
    contextRunner
        .withPropertyValues("eventbunker.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(EventBunkerProperties.class);
              assertThat(context).doesNotHaveBean("eventBunkerHealthIndicator");
            });
  }

  @Test
  void reportsDownWithTheReasonAfterTheWriteKeyIsRefused() {
    server.answerStatus(401);
    try {
      contextRunner.run(
          context -> {
            HealthIndicator health =
                context.getBean("eventBunkerHealthIndicator", HealthIndicator.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            LoggerFactory.getLogger(getClass()).info(EVENT, "boot4_refused_key");
            await().until(() -> health.health().getStatus().equals(Status.DOWN));
            assertThat(String.valueOf(health.health().getDetails().get("reason")))
                .contains("401")
                .contains("eventbunker.write-key");
          });
    } finally {
      server.accept();
    }
  }

  @Test
  void whenHealthIndicatorIsSwitchedOffDoesNotProvideIt() {
    contextRunner
        .withPropertyValues("management.health.eventbunker.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("eventBunkerHealthIndicator"));
  }

  @Test
  void providesMetersAfterBoot4sMeterRegistry() {
    contextRunner
        .withConfiguration(
            AutoConfigurations.of(
                MetricsAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class))
        .withPropertyValues("eventbunker.queue-capacity=321")
        .run(
            context ->
                assertThat(
                        context
                            .getBean(MeterRegistry.class)
                            .get("eventbunker.queue.capacity")
                            .gauge()
                            .value())
                    .isEqualTo(321.0));
  }

  @Test
  void deliversWhatIsLeftWhenTheApplicationCloses() {
    server.acceptAfter(150);
    try {
      SpringApplication application = new SpringApplication(App.class);
      application.setWebApplicationType(WebApplicationType.NONE);
      application.setRegisterShutdownHook(false);
      ConfigurableApplicationContext context =
          application.run(
              "--eventbunker.write-key=" + EventBunkerServer.WRITE_KEY,
              "--eventbunker.endpoint=" + server.endpoint(),
              "--eventbunker.max-in-flight=1",
              "--eventbunker.shutdown-timeout=10s");
      for (int i = 0; i < 4; i++) {
        LoggerFactory.getLogger(getClass()).info(EVENT, "boot4_closing");
      }
      long closing = System.nanoTime();
      context.close();
      assertThat(server.received("boot4_closing")).isEqualTo(4);
      assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(10));
    } finally {
      server.accept();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class App {}
}
