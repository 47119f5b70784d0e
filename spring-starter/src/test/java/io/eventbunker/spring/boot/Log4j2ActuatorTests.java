package io.eventbunker.spring.boot;

import static io.eventbunker.log4j2.EventBunker.EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.eventbunker.testkit.EventBunkerReceiver;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Health and meters of a Log4j2 web application with Actuator, read as an operator does: over HTTP,
 * and from the registry. Only APIs that Spring Boot 3.5 and 4 share, so that the Boot 4 test module
 * runs this class too.
 */
class Log4j2ActuatorTests {
  private static final String WRITE_KEY = "wk_log4j2_actuator_0123";
  private static EventBunkerReceiver receiver;

  @BeforeAll
  static void startReceiver() {
    receiver = EventBunkerReceiver.builder().writeKey(WRITE_KEY).build().start();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  @Test
  void reportsDeliveriesInMetersAndHealthUp() throws Exception {
    try (ConfigurableApplicationContext context = run(WRITE_KEY)) {
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      double delivered = events(registry, "delivered");
      for (int i = 0; i < 3; i++) {
        LogManager.getLogger(getClass()).info(EVENT, "log4j2_metered");
      }
      receiver.awaitEvents(3, Duration.ofSeconds(10));
      await().until(() -> events(registry, "delivered") == delivered + 3);
      assertThat(registry.get("eventbunker.send").tag("status", "2xx").timer().count())
          .isGreaterThanOrEqualTo(3);
      assertThat(registry.get("eventbunker.queue.capacity").gauge().value()).isEqualTo(10000.0);

      String health = health(context);
      assertThat(JsonPath.<String>read(health, "$.status")).isEqualTo("UP");
      assertThat(JsonPath.<Number>read(health, "$.details.delivered").doubleValue())
          .isEqualTo(events(registry, "delivered"));
      assertThat(JsonPath.<Integer>read(health, "$.details.queueCapacity")).isEqualTo(10000);
    }
  }

  @Test
  void reportsDownWithTheReasonWhenTheWriteKeyIsRefused() throws Exception {
    String refusedKey = "wk_not_this_project_0123";
    try (ConfigurableApplicationContext context = run(refusedKey)) {
      assertThat(JsonPath.<String>read(health(context), "$.status")).isEqualTo("UP");
      LogManager.getLogger(getClass()).info(EVENT, "log4j2_refused_key");
      await().until(() -> JsonPath.<String>read(health(context), "$.status").equals("DOWN"));
      String health = health(context);
      assertThat(JsonPath.<String>read(health, "$.details.reason"))
          .isEqualTo(HealthReport.WRITE_KEY_REFUSED);
      assertThat(health).doesNotContain(refusedKey);
    }
  }

  private static ConfigurableApplicationContext run(String writeKey) {
    SpringApplication application = new SpringApplication(App.class);
    application.setWebApplicationType(WebApplicationType.SERVLET);
    application.setRegisterShutdownHook(false);
    return application.run(
        "--server.port=0",
        "--management.endpoints.web.exposure.include=health",
        "--management.endpoint.health.show-details=always",
        "--eventbunker.write-key=" + writeKey,
        "--eventbunker.endpoint=" + receiver.endpoint());
  }

  private static double events(MeterRegistry registry, String outcome) {
    return registry.get("eventbunker.events").tag("outcome", outcome).functionCounter().count();
  }

  private static String health(ConfigurableApplicationContext context)
      throws IOException, InterruptedException {
    URI uri =
        URI.create(
            "http://127.0.0.1:"
                + context.getEnvironment().getProperty("local.server.port")
                + "/actuator/health/eventBunker");
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class App {}
}
