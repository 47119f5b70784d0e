package io.eventbunker.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventbunker.testkit.EventBunkerReceiver;
import io.eventbunker.testkit.ReceivedEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The demo end to end: its HTTP API, the starter, the appender, and the embedded receiver. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "demo.receiver.port=0")
class DemoApplicationTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Pattern CUSTOMER_ID = Pattern.compile("\"customerId\":\"(cust-[0-9a-f]+)\"");

  @Autowired EventBunkerReceiver receiver;
  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private ReceivedEvent awaitEvent(String name, String customerId) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                receiver.events().stream()
                    .filter(e -> e.name().equals(name))
                    .filter(e -> e.customerIdentifier().equals(Optional.of(customerId)))
                    .findFirst(),
            Optional::isPresent)
        .get();
  }

  private String signUp() throws Exception {
    HttpResponse<String> response =
        post("/signups", "{\"email\":\"grace@example.org\",\"plan\":\"free\"}");
    assertEquals(201, response.statusCode(), response.body());
    Matcher matcher = CUSTOMER_ID.matcher(response.body());
    assertTrue(matcher.find(), response.body());
    return matcher.group(1);
  }

  @Test
  void startupScenarioReachesTheReceiver() throws Exception {
    ReceivedEvent upgrade = receiver.awaitEvent("plan_upgraded", WAIT);

    assertEquals("pro", upgrade.fields().get("plan"));
    assertEquals(5, ((Number) upgrade.fields().get("seats")).intValue());
    assertTrue(upgrade.customerIdentifier().isPresent());
  }

  @Test
  void signupThroughTheApiIsTrackedWithTheNewCustomer() throws Exception {
    String customerId = signUp();

    ReceivedEvent signup = awaitEvent("signup_completed", customerId);
    assertEquals("example.org", signup.fields().get("email_domain"));
    assertEquals("direct", signup.fields().get("referrer"));
  }

  @Test
  void upgradeAndOrderKeepTheirFieldTypes() throws Exception {
    String customerId = signUp();
    assertEquals(
        200,
        post("/customers/" + customerId + "/upgrade", "{\"plan\":\"team\",\"seats\":12}")
            .statusCode());
    assertEquals(
        201,
        post(
                "/customers/" + customerId + "/orders",
                "{\"amount\":42.5,\"items\":[\"cat\",\"dog\"],\"gift\":true}")
            .statusCode());

    ReceivedEvent upgrade = awaitEvent("plan_upgraded", customerId);
    assertEquals(12, ((Number) upgrade.fields().get("seats")).intValue());
    ReceivedEvent order = awaitEvent("order_placed", customerId);
    assertEquals(42.5, ((Number) order.fields().get("amount")).doubleValue());
    assertEquals(List.of("cat", "dog"), order.fields().get("items"));
    assertEquals(true, order.fields().get("gift"));
    assertEquals(2, ((Number) order.fields().get("item_count")).intValue());
  }

  @Test
  void invalidRequestsAreRefusedWithTheReason() throws Exception {
    HttpResponse<String> response = post("/signups", "{\"email\":\"not-an-address\"}");

    assertEquals(400, response.statusCode());
    assertTrue(response.body().contains("email must be an address"), response.body());
    assertEquals(0, receiver.badRequestCount(), "the appender never sent anything invalid");
  }

  @Test
  void healthShowsTheEventBunkerContributorUp() throws Exception {
    receiver.awaitEvent("order_placed", WAIT);
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertTrue(health.body().contains("\"eventBunker\":{\"status\":\"UP\""), health.body());
  }
}
