package io.eventbunker.testkit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every row of the reference page's error table, every validation rule, and its example. */
class TrackApiContractTest {
  private static final String WRITE_KEY = "write-key";
  private static final String QUERY_KEY = "query-key";
  private static final String DELETE_KEY = "delete-key";

  /** The reference page's curl body, verbatim: a comma is missing before example_bool_field. */
  private static final String REFERENCE_EXAMPLE =
      """
      {
      "event_name": "my_first_event_name",
      "timestamp": "2021-06-26T14:48:00.000",
      "customer_identifier": "your_app_customer_id",
      "example_string_field": "abc.com",
      "example_number_field": 123,
      "example_array_field": ["cat", "dog"]
      "example_bool_field": true
      }""";

  private static final String CORRECTED_EXAMPLE =
      REFERENCE_EXAMPLE.replace("[\"cat\", \"dog\"]\n", "[\"cat\", \"dog\"],\n");

  private static EventBunkerReceiver receiver;
  private static URI endpoint;

  @BeforeAll
  static void startReceiver() {
    receiver =
        EventBunkerReceiver.builder()
            .writeKey(WRITE_KEY)
            .queryKey(QUERY_KEY)
            .deleteKey(DELETE_KEY)
            .build()
            .start();
    endpoint = receiver.endpoint();
  }

  @AfterAll
  static void closeReceiver() {
    receiver.close();
  }

  @BeforeEach
  void reset() {
    receiver.reset();
  }

  @Test
  void referenceExampleIsRejectedBecauseItIsNotValidJson() throws Exception {
    HttpResponse<String> response = Http.post(endpoint, WRITE_KEY, REFERENCE_EXAMPLE);

    assertEquals(400, response.statusCode());
    Map<String, Object> body = TestJson.object(response.body());
    assertEquals("Body JSON validation failed.", body.get("error"));
    String details = (String) body.get("details");
    assertTrue(details.startsWith("body is not valid JSON"), details);
    assertTrue(details.contains("line 8"), details);
    assertEquals(List.of(), receiver.events());
  }

  @Test
  void correctedExampleIsAcceptedWithUniqueIdAndTimeRecorded() throws Exception {
    long before = System.currentTimeMillis();
    HttpResponse<String> response = Http.post(endpoint, WRITE_KEY, CORRECTED_EXAMPLE);
    long after = System.currentTimeMillis();

    assertEquals(200, response.statusCode());
    assertEquals(Optional.of("application/json"), response.headers().firstValue("Content-Type"));
    Map<String, Object> body = TestJson.object(response.body());
    assertEquals(List.of("unique_req_id", "time_recorded"), List.copyOf(body.keySet()));
    String uniqueReqId = (String) body.get("unique_req_id");
    assertTrue(uniqueReqId.matches("[0-9a-f]{32}"), uniqueReqId);
    long timeRecorded = ((Number) body.get("time_recorded")).longValue();
    assertTrue(timeRecorded >= before && timeRecorded <= after, "time_recorded " + timeRecorded);

    ReceivedEvent event = receiver.events().get(0);
    assertAll(
        () -> assertEquals("my_first_event_name", event.name()),
        () -> assertEquals(Instant.parse("2021-06-26T14:48:00Z"), event.timestamp()),
        () -> assertEquals(Optional.of("your_app_customer_id"), event.customerIdentifier()),
        () ->
            assertEquals(
                Map.of(
                    "example_string_field",
                    "abc.com",
                    "example_number_field",
                    123,
                    "example_array_field",
                    List.of("cat", "dog"),
                    "example_bool_field",
                    true),
                event.fields()),
        () -> assertEquals(CORRECTED_EXAMPLE, event.rawJson()),
        () -> assertEquals(uniqueReqId, event.uniqueReqId()),
        () -> assertEquals(Instant.ofEpochMilli(timeRecorded), event.receivedAt()));
  }

  @Test
  void eventWithoutTimestampIsStampedWithTimeRecorded() throws Exception {
    HttpResponse<String> response = Http.post(endpoint, WRITE_KEY, Http.event("no_timestamp"));

    long timeRecorded =
        ((Number) TestJson.object(response.body()).get("time_recorded")).longValue();
    ReceivedEvent event = receiver.events().get(0);
    assertEquals(Instant.ofEpochMilli(timeRecorded), event.timestamp());
    assertEquals(Optional.empty(), event.customerIdentifier());
  }

  @Test
  void everyAcceptedEventGetsItsOwnId() throws Exception {
    String first = Http.post(endpoint, WRITE_KEY, Http.event("a")).body();
    String second = Http.post(endpoint, WRITE_KEY, Http.event("a")).body();

    assertNotEquals(
        TestJson.object(first).get("unique_req_id"), TestJson.object(second).get("unique_req_id"));
  }

  @Test
  void fieldValuesKeepTheirJsonTypes() throws Exception {
    String body =
        """
        {"event_name": "types", "int": 7, "long": 5000000000, "big": 123456789012345678901234567890,
         "decimal": 1.5, "exponent": 2e3, "negative": -3, "yes": true, "no": false,
         "text": "ünïcode ✓", "empty": [], "mixed": ["a", 1, 2.5, false]}""";

    assertEquals(200, Http.post(endpoint, WRITE_KEY, body).statusCode());

    Map<String, Object> fields = receiver.events().get(0).fields();
    assertAll(
        () -> assertEquals(7, fields.get("int")),
        () -> assertEquals(5_000_000_000L, fields.get("long")),
        () -> assertEquals(new BigInteger("123456789012345678901234567890"), fields.get("big")),
        () -> assertEquals(1.5, fields.get("decimal")),
        () -> assertEquals(2000.0, fields.get("exponent")),
        () -> assertEquals(-3, fields.get("negative")),
        () -> assertEquals(true, fields.get("yes")),
        () -> assertEquals(false, fields.get("no")),
        () -> assertEquals("ünïcode ✓", fields.get("text")),
        () -> assertEquals(List.of(), fields.get("empty")),
        () -> assertEquals(List.of("a", 1, 2.5, false), fields.get("mixed")));
  }

  @Test
  void unknownWriteKeyIsRejected() throws Exception {
    assertUnauthorized(
        Http.post(endpoint, "not-a-key", Http.event("a")), "Invalid x-eventbunker-write-key");
  }

  @Test
  void missingWriteKeyIsRejected() throws Exception {
    assertUnauthorized(
        Http.post(endpoint, null, Http.event("a")), "Invalid x-eventbunker-write-key");
  }

  @ParameterizedTest
  @ValueSource(strings = {QUERY_KEY, DELETE_KEY})
  void queryAndDeleteKeysAreToldToUseAWriteKey(String key) throws Exception {
    assertUnauthorized(
        Http.post(endpoint, key, Http.event("a")),
        "Please use a write key for write requests. Invalid x-eventbunker-write-key");
  }

  @Test
  void writeKeyIsCheckedBeforeTheBody() throws Exception {
    assertUnauthorized(
        Http.post(endpoint, "not-a-key", "not json"), "Invalid x-eventbunker-write-key");
  }

  private static void assertUnauthorized(HttpResponse<String> response, String error) {
    assertEquals(401, response.statusCode());
    assertEquals(Map.of("error", error), TestJson.object(response.body()));
    assertEquals(1, receiver.unauthorizedCount());
    assertEquals(List.of(), receiver.events());
  }

  @Test
  void internalErrorIsAnsweredWithAnErrorMessage() throws Exception {
    receiver.setErrorRate(1);

    HttpResponse<String> response = Http.post(endpoint, WRITE_KEY, Http.event("a"));

    assertEquals(500, response.statusCode());
    String error = (String) TestJson.object(response.body()).get("error");
    assertTrue(error.startsWith("Error"), error);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          empty body                   | ``                                                    | body is empty, expected a JSON object
          broken JSON                  | {"event_name": "a",}                                  | body is not valid JSON
          syntax error after a schema error | {"event_name": 5, "a": 1                         | body is not valid JSON
          duplicate member             | {"event_name": "a", "event_name": "b"}                | body is not valid JSON: Duplicate field 'event_name'
          array body                   | [{"event_name": "a"}]                                 | body must be a JSON object, got an array
          string body                  | "a"                                                   | body must be a JSON object, got a string
          two JSON values              | {"event_name": "a"} {"event_name": "b"}               | body has more content after the JSON value
          event_name missing           | {"name": "a"}                                         | event_name is required
          event_name a number          | {"event_name": 5}                                     | event_name must be a non-empty string, got the number 5
          event_name empty             | {"event_name": ""}                                    | event_name must be a non-empty string, got an empty string
          event_name null              | {"event_name": null}                                  | event_name must be a non-empty string, got null
          event_name an array          | {"event_name": ["a"]}                                 | event_name must be a non-empty string, got an array
          timestamp with a zone        | {"event_name": "a", "timestamp": "2021-06-26T14:48:00.000Z"}   | timestamp must be a UTC date-time string with milliseconds and no zone, like 2021-06-26T14:48:00.000, got the string "2021-06-26T14:48:00.000Z"
          timestamp with an offset     | {"event_name": "a", "timestamp": "2021-06-26T14:48:00.000+02:00"} | timestamp must be
          timestamp without millis     | {"event_name": "a", "timestamp": "2021-06-26T14:48:00"}         | timestamp must be
          timestamp with micros        | {"event_name": "a", "timestamp": "2021-06-26T14:48:00.000000"}  | timestamp must be
          timestamp with a space       | {"event_name": "a", "timestamp": "2021-06-26 14:48:00.000"}     | timestamp must be
          timestamp not a date         | {"event_name": "a", "timestamp": "2021-02-30T14:48:00.000"}     | timestamp must be
          timestamp epoch millis       | {"event_name": "a", "timestamp": 1624718880000}                 | timestamp must be a UTC date-time string with milliseconds and no zone, like 2021-06-26T14:48:00.000, got the number 1624718880000
          timestamp null               | {"event_name": "a", "timestamp": null}                          | timestamp must be
          customer_identifier a number | {"event_name": "a", "customer_identifier": 42}                  | customer_identifier must be a string, got the number 42
          customer_identifier null     | {"event_name": "a", "customer_identifier": null}                | customer_identifier must be a string, got null
          field an object              | {"event_name": "a", "meta": {"b": 1}}                           | field "meta" must be a string, number, boolean or an array of those, got an object
          field null                   | {"event_name": "a", "meta": null}                               | field "meta" must be a string, number, boolean or an array of those, got null
          field a nested array         | {"event_name": "a", "meta": [[1]]}                              | field "meta" must be a string, number, boolean or an array of those, got an array containing an array
          field an array with objects  | {"event_name": "a", "meta": ["b", {}]}                          | field "meta" must be a string, number, boolean or an array of those, got an array containing an object
          field an array with null     | {"event_name": "a", "meta": [null]}                             | field "meta" must be a string, number, boolean or an array of those, got an array containing null
          """)
  void invalidBodyIsRejectedWithTheReason(String rule, String body, String expectedDetails)
      throws Exception {
    HttpResponse<String> response = Http.post(endpoint, WRITE_KEY, body);

    assertEquals(400, response.statusCode(), response.body());
    Map<String, Object> json = TestJson.object(response.body());
    assertEquals("Body JSON validation failed.", json.get("error"));
    String details = (String) json.get("details");
    assertTrue(details.startsWith(expectedDetails), details);
    assertEquals(1, receiver.badRequestCount());
    assertEquals(List.of(), receiver.events());
  }

  @Test
  void bodyThatIsNotUtf8IsRejected() throws Exception {
    byte[] latin1 = "{\"event_name\": \"café\"}".getBytes(StandardCharsets.ISO_8859_1);

    HttpResponse<String> response = Http.post(endpoint, WRITE_KEY, latin1);

    assertEquals(400, response.statusCode());
    assertEquals(
        Map.of("error", "Body JSON validation failed.", "details", "body is not valid UTF-8"),
        TestJson.object(response.body()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"event_name\": \" \"}",
        "{\"event_name\": \"a\", \"customer_identifier\": \"\"}",
        "{\"event_name\": \"a\", \"timestamp\": \"2024-02-29T23:59:59.999\"}",
        "{\"event_name\": \"a\", \"\": \"empty member name\"}",
        "  {\"event_name\": \"surrounded by whitespace\"}\n\n"
      })
  void edgeCasesWithinTheRulesAreAccepted(String body) throws Exception {
    assertEquals(200, Http.post(endpoint, WRITE_KEY, body).statusCode());
  }

  @Test
  void otherPathsAreNotFound() throws Exception {
    HttpResponse<String> response =
        Http.post(endpoint.resolve("/track"), WRITE_KEY, Http.event("a"));

    assertEquals(404, response.statusCode());
    assertEquals("Not Found", TestJson.object(response.body()).get("error"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
  void otherMethodsOnPostAreNotAllowed(String method) throws Exception {
    HttpResponse<String> response =
        Http.send(
            HttpRequest.newBuilder(endpoint)
                .header(Http.WRITE_KEY_HEADER, WRITE_KEY)
                .method(method, HttpRequest.BodyPublishers.ofString(Http.event("a")))
                .build());

    assertEquals(405, response.statusCode());
    assertEquals(Optional.of("POST"), response.headers().firstValue("Allow"));
    assertEquals("Method Not Allowed", TestJson.object(response.body()).get("error"));
    assertEquals(List.of(), receiver.events());
  }

  @Test
  void responsesAreCountedByStatus() throws Exception {
    Http.post(endpoint, WRITE_KEY, Http.event("a"));
    Http.post(endpoint, WRITE_KEY, Http.event("b"));
    Http.post(endpoint, WRITE_KEY, "{}");
    Http.post(endpoint, "wrong", Http.event("c"));

    assertAll(
        () -> assertEquals(2, receiver.acceptedCount()),
        () -> assertEquals(1, receiver.badRequestCount()),
        () -> assertEquals(1, receiver.unauthorizedCount()),
        () -> assertEquals(0, receiver.injectedFaultCount()));
  }
}
