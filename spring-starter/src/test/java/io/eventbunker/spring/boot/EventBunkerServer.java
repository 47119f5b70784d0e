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
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A fake EventBunker track API on loopback: real HTTP, answers as the tests choose. */
final class EventBunkerServer implements AutoCloseable {
  static final String WRITE_KEY = "wk_test_0123456789";
  private static final String PATH = "/post";

  private final AtomicInteger held = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private final WireMockServer server;

  EventBunkerServer() {
    server =
        new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(new Gate()));
    server.start();
    accept();
  }

  /**
   * Holds every answer from now on until {@link #release}, like a server that has stopped
   * answering; a test knows from {@link #held} when a request waits.
   */
  EventBunkerServer hold() {
    gate = new CountDownLatch(1);
    return this;
  }

  /** Sends the answers held since {@link #hold}, and answers at once again. */
  EventBunkerServer release() {
    gate.countDown();
    return this;
  }

  /** Requests received and waiting for their answer. */
  int held() {
    return held.get();
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
    release();
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
    release();
    server.stop();
  }

  /** Keeps each answer back while the gate is closed; at most 30 s, so a test cannot hang on it. */
  private final class Gate implements ServeEventListener {
    @Override
    public String getName() {
      return "eventbunker-gate";
    }

    @Override
    public void beforeResponseSent(ServeEvent serveEvent, Parameters parameters) {
      CountDownLatch closed = gate;
      if (closed.getCount() == 0) {
        return;
      }
      held.incrementAndGet();
      try {
        closed.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        held.decrementAndGet();
      }
    }
  }
}
