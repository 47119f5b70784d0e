package io.eventbunker.spring.boot;

import static io.eventbunker.logback.EventBunker.EVENT;
import static io.eventbunker.logback.EventBunker.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole starter in a web application with Actuator, sending real events over HTTP. */
@SpringBootTest(
    classes = EventBunkerSpringBootTests.App.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "management.endpoints.web.exposure.include=health",
      "management.endpoint.health.show-details=always",
      "eventbunker.mdc-keys=tenant"
    })
@DirtiesContext
class EventBunkerSpringBootTests {
  private static final EventBunkerServer server = new EventBunkerServer();

  @Autowired private MeterRegistry registry;
  @Autowired private Environment environment;

  @DynamicPropertySource
  static void eventBunker(DynamicPropertyRegistry properties) {
    properties.add("eventbunker.endpoint", server::endpoint);
    properties.add("eventbunker.write-key", () -> EventBunkerServer.WRITE_KEY);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void deliversAnEventLoggedWhileTheContextIsRefreshed() {
    await().until(() -> server.received(App.REFRESH_EVENT) == 1);
  }

  @Test
  void attachesExactlyOneAppender() {
    assertThat(Appenders.onRoot().isStarted()).isTrue();
  }

  @Test
  void deliversEventsAndReportsThemInMetersAndHealth() throws Exception {
    double delivered = events("delivered");
    long sent = registry.get("eventbunker.send").tag("status", "2xx").timer().count();
    MDC.put("customer_identifier", "cust-7");
    MDC.put("tenant", "acme");
    try {
      for (int i = 0; i < 5; i++) {
        LoggerFactory.getLogger(getClass()).info(EVENT, "order_placed", field("amount", 42.5));
      }
    } finally {
      MDC.clear();
    }

    await().until(() -> server.received("order_placed") == 5);
    await().until(() -> events("delivered") == delivered + 5);
    assertThat(JsonPath.<String>read(server.body("order_placed"), "$.customer_identifier"))
        .isEqualTo("cust-7");
    assertThat(JsonPath.<String>read(server.body("order_placed"), "$.tenant")).isEqualTo("acme");
    assertThat(JsonPath.<Double>read(server.body("order_placed"), "$.amount")).isEqualTo(42.5);
    assertThat(registry.get("eventbunker.send").tag("status", "2xx").timer().count())
        .isGreaterThanOrEqualTo(sent + 5);
    assertThat(registry.get("eventbunker.queue.capacity").gauge().value()).isEqualTo(10000.0);

    String health = health();
    assertThat(JsonPath.<String>read(health, "$.status")).isEqualTo("UP");
    assertThat(JsonPath.<Number>read(health, "$.details.delivered").doubleValue())
        .isEqualTo(events("delivered"));
    assertThat(JsonPath.<Integer>read(health, "$.details.queueCapacity")).isEqualTo(10000);
  }

  @Test
  void countsEventsTheApiRefuses() {
    double rejected = events("rejected");
    server.answerStatus(400);
    try {
      LoggerFactory.getLogger(getClass()).info(EVENT, "refused_event");
      await().until(() -> events("rejected") == rejected + 1);
      assertThat(registry.get("eventbunker.send").tag("status", "4xx").timer().count())
          .isPositive();
    } finally {
      server.accept();
    }
  }

  private double events(String outcome) {
    return registry.get("eventbunker.events").tag("outcome", outcome).functionCounter().count();
  }

  private String health() throws Exception {
    URI uri =
        URI.create(
            "http://127.0.0.1:"
                + environment.getProperty("local.server.port")
                + "/actuator/health/eventBunker");
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    static final String REFRESH_EVENT = "context_refreshing";

    /** Logs an event while the context is refreshed, before any auto-configured bean uses it. */
    @Bean
    String refreshTimeEvent() {
      LoggerFactory.getLogger(App.class).info(EVENT, REFRESH_EVENT);
      return REFRESH_EVENT;
    }
  }
}
