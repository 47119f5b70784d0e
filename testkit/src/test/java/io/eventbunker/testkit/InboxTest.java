package io.eventbunker.testkit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InboxTest {
  private static final String KEY = EventBunkerReceiver.DEFAULT_WRITE_KEY;
  private static final String HOSTILE =
      """
      {"event_name": "<img src=x onerror=alert(1)>",
       "customer_identifier": "'><script>alert(2)</script>",
       "<b>key</b>": "</td><script>alert(3)</script>&amp;"}""";

  private static EventBunkerReceiver receiver;

  @BeforeAll
  static void startReceiver() {
    receiver = EventBunkerReceiver.builder().build().start();
  }

  @AfterAll
  static void closeReceiver() {
    receiver.close();
  }

  @BeforeEach
  void reset() {
    receiver.reset();
  }

  private static URI uri(String path) {
    return receiver.inbox().resolve(path);
  }

  @SuppressWarnings("unchecked")
  @Test
  void apiListsEventsNewestFirstWithCounts() throws Exception {
    Http.post(receiver.endpoint(), KEY, Http.event("older"));
    Http.post(
        receiver.endpoint(),
        KEY,
        """
        {"event_name": "newer", "timestamp": "2021-06-26T14:48:00.000",
         "customer_identifier": "c-1", "price": 0.1000000000000000055, "tags": ["a"]}""");
    Http.post(receiver.endpoint(), KEY, "{}");
    Http.post(receiver.endpoint(), "wrong", Http.event("x"));

    HttpResponse<String> response = Http.get(uri("/api/events"));

    assertEquals(200, response.statusCode());
    assertEquals(Optional.of("application/json"), response.headers().firstValue("Content-Type"));
    Map<String, Object> body = TestJson.object(response.body());
    assertEquals(
        Map.of(
            "accepted", 2, "bad_request", 1, "unauthorized", 1, "injected_faults", 0, "evicted", 0),
        body.get("counts"));
    List<Map<String, Object>> events = (List<Map<String, Object>>) body.get("events");
    assertEquals(2, events.size());
    Map<String, Object> newer = events.get(0);
    ReceivedEvent received = receiver.events().get(1);
    assertAll(
        () -> assertEquals(received.uniqueReqId(), newer.get("unique_req_id")),
        () -> assertEquals(received.receivedAt().toEpochMilli(), newer.get("time_recorded")),
        () -> assertEquals("2021-06-26T14:48:00.000", newer.get("timestamp")),
        () ->
            assertTrue(
                response.body().contains("\"price\":0.1000000000000000055"),
                "numbers are copied exactly: " + response.body()),
        () ->
            assertEquals(
                List.of("event_name", "timestamp", "customer_identifier", "price", "tags"),
                List.copyOf(((Map<String, Object>) newer.get("event")).keySet())),
        () ->
            assertEquals(
                "older", ((Map<String, Object>) events.get(1).get("event")).get("event_name")));
  }

  @Test
  void pageIsServedWithItsScriptAndStyles() throws Exception {
    HttpResponse<String> page = Http.get(receiver.inbox());
    HttpResponse<String> script = Http.get(uri("/inbox.js"));
    HttpResponse<String> styles = Http.get(uri("/inbox.css"));

    assertAll(
        () -> assertEquals(200, page.statusCode()),
        () -> assertEquals("text/html; charset=utf-8", contentType(page)),
        () -> assertTrue(page.body().contains("<title>EventBunker inbox</title>")),
        () -> assertTrue(page.body().contains("<script src=\"inbox.js\" defer></script>")),
        () -> assertFalse(page.body().contains("{{inbox}}")),
        () -> assertEquals(200, script.statusCode()),
        () -> assertEquals("text/javascript; charset=utf-8", contentType(script)),
        () -> assertTrue(script.body().contains("fetch(\"inbox/fragment\"")),
        () -> assertEquals(200, styles.statusCode()),
        () -> assertEquals("text/css; charset=utf-8", contentType(styles)));
  }

  private static String contentType(HttpResponse<String> response) {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  @Test
  void pageLoadsNothingFromOtherOrigins() throws Exception {
    String page = Http.get(receiver.inbox()).body();

    assertFalse(page.contains("http://") || page.contains("https://") || page.contains("//cdn"));
  }

  @Test
  void pageShowsEventsNewestFirstWithTheirFields() throws Exception {
    Http.post(receiver.endpoint(), KEY, Http.event("first_sent"));
    Http.post(
        receiver.endpoint(),
        KEY,
        "{\"event_name\": \"second_sent\", \"plan\": \"pro\", \"seats\": 3}");

    String page = Http.get(receiver.inbox()).body();

    assertTrue(page.indexOf("second_sent") < page.indexOf("first_sent"));
    assertTrue(page.contains("<tr><th>plan</th><td>&quot;pro&quot;</td></tr>"), page);
    assertTrue(page.contains("<tr><th>seats</th><td>3</td></tr>"), page);
  }

  @Test
  void pageShowsCountsPerStatus() throws Exception {
    Http.post(receiver.endpoint(), KEY, "{}");
    Http.post(receiver.endpoint(), KEY, "{}");
    Http.post(receiver.endpoint(), "wrong", Http.event("x"));

    String fragment = Http.get(uri("/inbox/fragment")).body();

    assertTrue(
        fragment.contains("<span class=\"value\">2</span><span class=\"label\">400 bad request"),
        fragment);
    assertTrue(
        fragment.contains("<span class=\"value\">1</span><span class=\"label\">401 unauthorized"),
        fragment);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/inbox/fragment"})
  void eventContentIsEscaped(String path) throws Exception {
    assertEquals(200, Http.post(receiver.endpoint(), KEY, HOSTILE).statusCode());

    String html = Http.get(uri(path)).body();

    assertAll(
        () -> assertFalse(html.contains("<img"), html),
        () -> assertFalse(html.contains("<script>alert"), html),
        () -> assertFalse(html.contains("<b>key"), html),
        () -> assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), html),
        () -> assertTrue(html.contains("&#39;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"), html),
        () -> assertTrue(html.contains("<th>&lt;b&gt;key&lt;/b&gt;</th>"), html),
        () ->
            assertTrue(
                html.contains("&quot;&lt;/td&gt;&lt;script&gt;alert(3)&lt;/script&gt;&amp;amp;"),
                html));
  }

  @Test
  void pageForbidsInlineAndForeignScripts() throws Exception {
    HttpResponse<String> page = Http.get(receiver.inbox());

    assertEquals(
        Optional.of("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'"),
        page.headers().firstValue("Content-Security-Policy"));
    assertEquals(Optional.of("nosniff"), page.headers().firstValue("X-Content-Type-Options"));
  }

  @Test
  void emptyInboxSaysWhereToSendEvents() throws Exception {
    String fragment = Http.get(uri("/inbox/fragment")).body();

    assertTrue(fragment.contains("No events yet: send one with <code>POST /post</code>"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/api/events", "/inbox/fragment", "/inbox.js"})
  void inboxPathsAreReadOnly(String path) throws Exception {
    HttpResponse<String> response =
        Http.send(
            HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build());

    assertEquals(405, response.statusCode());
    assertEquals(Optional.of("GET"), response.headers().firstValue("Allow"));
  }

  @Test
  void unknownPathIsNotFound() throws Exception {
    assertEquals(404, Http.get(uri("/favicon.ico")).statusCode());
  }
}
