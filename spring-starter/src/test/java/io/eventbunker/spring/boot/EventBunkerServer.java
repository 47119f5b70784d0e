package io.eventbunker.spring.boot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** A fake EventBunker track API on loopback: real HTTP, answers as the tests choose. */
final class EventBunkerServer implements AutoCloseable {
  static final String WRITE_KEY = "wk_test_0123456789";
  private static final String PATH = "/post";

  private final WireMockServer server =
      new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

  EventBunkerServer() {
    server.start();
    accept();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.port() + PATH;
  }

  /** Answers 200 with a receipt, as the API does for a delivered event. */
  EventBunkerServer accept() {
    return answer(
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"unique_req_id\":\"req-1\",\"time_recorded\":1700000000000}"));
  }

  /** Answers 200 after {@code millis}, like a slow network. */
  EventBunkerServer acceptAfter(int millis) {
    return answer(aResponse().withStatus(200).withBody("{}").withFixedDelay(millis));
  }

  EventBunkerServer answerStatus(int status) {
    return answer(
        aResponse().withStatus(status).withBody("{\"message\":\"status " + status + "\"}"));
  }

  private EventBunkerServer answer(ResponseDefinitionBuilder response) {
    server.resetMappings();
    server.stubFor(post(urlEqualTo(PATH)).willReturn(response));
    return this;
  }

  /** Requests received for events named {@code eventName}, with the write key. */
  int received(String eventName) {
    return server
        .findAll(
            postRequestedFor(urlEqualTo(PATH))
                .withHeader("x-eventbunker-write-key", equalTo(WRITE_KEY))
                .withRequestBody(matchingJsonPath("$.event_name", equalTo(eventName))))
        .size();
  }

  /** The JSON body of the one request received for {@code eventName}. */
  String body(String eventName) {
    return server
        .findAll(
            postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(matchingJsonPath("$.event_name", equalTo(eventName))))
        .get(0)
        .getBodyAsString();
  }

  @Override
  public void close() {
    server.stop();
  }
}
