package io.eventbunker.spring.boot;

import static io.eventbunker.logback.EventBunker.EVENT;
import static io.eventbunker.logback.EventBunker.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import com.jayway.jsonpath.JsonPath;
import io.eventbunker.logback.EventBunkerAppender;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** A Spring Boot 4 web application with Actuator and Jackson 3, sending real events over HTTP. */
@SpringBootTest(
    classes = Boot4ApplicationTests.App.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "management.endpoints.web.exposure.include=health",
      "management.endpoint.health.show-details=always"
    })
@DirtiesContext
class Boot4ApplicationTests {
  private static final EventBunkerServer server = new EventBunkerServer();

  @Autowired private ApplicationContext context;
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
  void attachesExactlyOneAppenderToRoot() {
    List<EventBunkerAppender> onRoot = new ArrayList<>();
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    for (var it = logback.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        it.hasNext(); ) {
      Appender<ILoggingEvent> appender = it.next();
      if (appender instanceof EventBunkerAppender eventBunker) {
        onRoot.add(eventBunker);
      }
    }
    assertThat(onRoot).hasSize(1);
    assertThat(onRoot.get(0).isStarted()).isTrue();
  }

  @Test
  void contributesABoot4HealthIndicatorBesideJackson3() {
    assertThat(context.getBean("eventBunkerHealthIndicator")).isInstanceOf(HealthIndicator.class);
    assertThat(context.getBeanNamesForType(JsonMapper.class)).isNotEmpty();
  }

  @Test
  void deliversEventsAndReportsThemInMetersAndHealth() throws Exception {
    double delivered = events("delivered");
    long sent = registry.get("eventbunker.send").tag("status", "2xx").timer().count();
    for (int i = 0; i < 5; i++) {
      LoggerFactory.getLogger(getClass()).info(EVENT, "boot4_order", field("amount", 42.5));
    }

    await().until(() -> server.received("boot4_order") == 5);
    await().until(() -> events("delivered") == delivered + 5);
    assertThat(JsonPath.<Double>read(server.body("boot4_order"), "$.amount")).isEqualTo(42.5);
    assertThat(registry.get("eventbunker.send").tag("status", "2xx").timer().count())
        .isGreaterThanOrEqualTo(sent + 5);
    assertThat(registry.get("eventbunker.queue.capacity").gauge().value()).isEqualTo(10000.0);

    // Rendered by Actuator with Jackson 3.
    String health = health();
    assertThat(JsonPath.<String>read(health, "$.status")).isEqualTo("UP");
    assertThat(JsonPath.<Number>read(health, "$.details.delivered").doubleValue())
        .isEqualTo(events("delivered"));
    assertThat(JsonPath.<Integer>read(health, "$.details.queueCapacity")).isEqualTo(10000);
    assertThat(health).doesNotContain(EventBunkerServer.WRITE_KEY);
  }

  @Test
  void countsEventsTheApiRefuses() {
    double rejected = events("rejected");
    server.answerStatus(400);
    try {
      LoggerFactory.getLogger(getClass()).info(EVENT, "boot4_refused");
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
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    static final String REFRESH_EVENT = "boot4_context_refreshing";

    @Bean
    String refreshTimeEvent() {
      LoggerFactory.getLogger(App.class).info(EVENT, REFRESH_EVENT);
      return REFRESH_EVENT;
    }
  }
}
