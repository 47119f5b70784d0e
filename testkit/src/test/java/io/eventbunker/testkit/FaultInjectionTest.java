package io.eventbunker.testkit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventbunker.testkit.EventBunkerReceiver.OutageMode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timing is asserted only as a lower bound: a slow machine must never fail these tests. */
class FaultInjectionTest {
  private static final String KEY = EventBunkerReceiver.DEFAULT_WRITE_KEY;

  private EventBunkerReceiver receiver;

  @AfterEach
  void close() {
    if (receiver != null) {
      receiver.close();
    }
  }

  private URI start(EventBunkerReceiver.Builder builder) {
    receiver = builder.build().start();
    return receiver.endpoint();
  }

  private static int status(URI endpoint) throws Exception {
    return Http.post(endpoint, KEY, Http.event("probe")).statusCode();
  }

  @Test
  void fixedLatencyDelaysEveryResponse() throws Exception {
    URI endpoint = start(EventBunkerReceiver.builder());
    receiver.setLatency(Duration.ofMillis(200));

    long started = System.nanoTime();
    int status = status(endpoint);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertEquals(200, status);
    assertTrue(took.compareTo(Duration.ofMillis(200)) >= 0, "took " + took);
  }

  @Test
  void latencyRangeDelaysAtLeastItsMinimum() throws Exception {
    URI endpoint =
        start(
            EventBunkerReceiver.builder().latency(Duration.ofMillis(150), Duration.ofMillis(250)));

    long started = System.nanoTime();
    Http.post(endpoint, "wrong-key", Http.event("delayed_401"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertTrue(took.compareTo(Duration.ofMillis(150)) >= 0, "took " + took);
  }

  @Test
  void delayedResponsesDoNotHoldServerThreads() throws Exception {
    URI endpoint = start(EventBunkerReceiver.builder().latency(Duration.ofMinutes(1)));
    int inFlight = 4 * EventBunkerReceiver.HTTP_THREADS + 10;
    HttpClient client = Http.newClient();
    List<Future<HttpResponse<String>>> delayed = new ArrayList<>();

    for (int i = 0; i < inFlight; i++) {
      delayed.add(Http.postAsync(client, endpoint, KEY, Http.event("delayed")));
    }

    // Every request was read and recorded while all of them still wait for their responses:
    // with a thread held per delayed response, only HTTP_THREADS could get this far.
    receiver.awaitEvents(inFlight, Duration.ofSeconds(30));
    assertEquals(200, Http.get(endpoint.resolve("/api/events")).statusCode());
    assertTrue(delayed.stream().noneMatch(Future::isDone));
  }

  @Test
  void errorRateOfOneAnswersEveryRequest500AndRecordsNothing() throws Exception {
    URI endpoint = start(EventBunkerReceiver.builder().errorRate(1));

    HttpResponse<String> response = Http.post(endpoint, KEY, Http.event("lost"));

    assertEquals(500, response.statusCode());
    assertEquals(
        Map.of(
            "error", "Error: internal error", "details", "injected by the receiver's error rate"),
        TestJson.object(response.body()));
    assertEquals(List.of(), receiver.events());
    assertEquals(1, receiver.injectedFaultCount());
  }

  @Test
  void errorRateAnswersOnlyThatFractionWith500() throws Exception {
    URI endpoint = start(EventBunkerReceiver.builder().errorRate(0.5));
    List<Integer> statuses = new ArrayList<>();

    for (int i = 0; i < 100; i++) {
      statuses.add(status(endpoint));
    }

    // The chance that 100 draws at one half all land on one side is 2^-99.
    assertTrue(statuses.contains(200) && statuses.contains(500), statuses.toString());
    assertEquals(receiver.events().size(), statuses.stream().filter(s -> s == 200).count());
  }

  @Test
  void errorRateCanBeChangedWhileRunning() throws Exception {
    URI endpoint = start(EventBunkerReceiver.builder());
    receiver.setErrorRate(1);
    int during = status(endpoint);
    receiver.setErrorRate(0);

    assertEquals(500, during);
    assertEquals(200, status(endpoint));
  }

  @Test
  void tooManyRequestsRateAnswers429WithRetryAfterSeconds() throws Exception {
    URI endpoint = start(EventBunkerReceiver.builder().tooManyRequestsRate(1));
    receiver.setRetryAfter(Duration.ofSeconds(3));

    HttpResponse<String> response = Http.post(endpoint, KEY, Http.event("throttled"));

    assertEquals(429, response.statusCode());
    assertEquals(Optional.of("3"), response.headers().firstValue("Retry-After"));
    assertEquals("Too Many Requests", TestJson.object(response.body()).get("error"));
    assertEquals(List.of(), receiver.events());
    assertEquals(1, receiver.injectedFaultCount());
  }

  @Test
  void retryAfterDefaultsToOneSecond() throws Exception {
    URI endpoint = start(EventBunkerReceiver.builder());
    receiver.setTooManyRequestsRate(1);

    HttpResponse<String> response = Http.post(endpoint, KEY, Http.event("throttled"));

    assertEquals(Optional.of("1"), response.headers().firstValue("Retry-After"));
  }

  @Test
  void outageAnswers503UntilEnded() throws Exception {
    URI endpoint = start(EventBunkerReceiver.builder());
    receiver.startOutage(Duration.ofHours(1));

    HttpResponse<String> during = Http.post(endpoint, KEY, Http.event("down"));
    receiver.endOutage();

    assertEquals(503, during.statusCode());
    assertEquals("Service Unavailable", TestJson.object(during.body()).get("error"));
    assertEquals(200, status(endpoint));
    assertEquals(1, receiver.injectedFaultCount());
    assertEquals(1, receiver.events().size());
  }

  @Test
  void outageEndsByItselfAfterItsDuration() throws Exception {
    URI endpoint = start(EventBunkerReceiver.builder());
    receiver.startOutage(Duration.ofMillis(300));

    assertEquals(503, status(endpoint));
    await().atMost(Duration.ofSeconds(10)).until(() -> status(endpoint) == 200);
  }

  @Test
  void outageCanCloseConnectionsInsteadOfAnswering() throws Exception {
    URI endpoint = start(EventBunkerReceiver.builder());
    receiver.startOutage(Duration.ofHours(1), OutageMode.CLOSE_CONNECTION);

    assertThrows(IOException.class, () -> Http.post(endpoint, KEY, Http.event("dropped")));
    assertEquals(1, receiver.injectedFaultCount());
    receiver.endOutage();
    assertEquals(200, status(endpoint));
  }

  @Test
  void outageWindowTakesTheReceiverDownDuringThatPeriodOfItsRun() throws Exception {
    URI endpoint =
        start(EventBunkerReceiver.builder().outageWindow(Duration.ZERO, Duration.ofHours(1)));

    assertEquals(503, status(endpoint));
    receiver.endOutage(); // ends only outages started at runtime
    assertEquals(503, status(endpoint));
  }

  @Test
  void outageWindowLaterInTheRunLeavesTheReceiverUpUntilThen() throws Exception {
    URI endpoint =
        start(
            EventBunkerReceiver.builder()
                .outageWindow(Duration.ofHours(1), Duration.ofHours(2))
                .outageMode(OutageMode.CLOSE_CONNECTION));

    assertEquals(200, status(endpoint));
  }

  @Test
  void outageWindowUsesTheBuiltOutageMode() {
    URI endpoint =
        start(
            EventBunkerReceiver.builder()
                .outageWindow(Duration.ZERO, Duration.ofHours(1))
                .outageMode(OutageMode.CLOSE_CONNECTION));

    assertThrows(IOException.class, () -> status(endpoint));
  }

  @Test
  void faultsApplyBeforeTheWriteKeyIsChecked() throws Exception {
    URI endpoint = start(EventBunkerReceiver.builder().tooManyRequestsRate(1));

    assertEquals(429, Http.post(endpoint, "wrong-key", Http.event("a")).statusCode());
  }

  @Test
  void inboxStaysUpDuringFaults() throws Exception {
    URI endpoint = start(EventBunkerReceiver.builder().errorRate(1));
    receiver.startOutage(Duration.ofHours(1), OutageMode.CLOSE_CONNECTION);

    assertEquals(200, Http.get(receiver.inbox()).statusCode());
    assertEquals(200, Http.get(endpoint.resolve("/api/events")).statusCode());
  }

  @Test
  void faultSettingsCanChangeWhileRequestsAreInFlight() throws Exception {
    URI endpoint = start(EventBunkerReceiver.builder());
    HttpClient client = Http.newClient();
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();

    for (int i = 0; i < 200; i++) {
      responses.add(Http.postAsync(client, endpoint, KEY, Http.event("e" + i)));
      if (i % 20 == 0) {
        receiver.setLatency(Duration.ZERO, Duration.ofMillis(i % 40));
        receiver.setErrorRate((i % 60) / 100.0);
      }
    }
    CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).join();

    long ok = responses.stream().filter(r -> r.join().statusCode() == 200).count();
    long failed = responses.stream().filter(r -> r.join().statusCode() == 500).count();
    assertAll(
        () -> assertEquals(200, ok + failed),
        () -> assertEquals(ok, receiver.acceptedCount()),
        () -> assertEquals(failed, receiver.injectedFaultCount()));
  }
}
