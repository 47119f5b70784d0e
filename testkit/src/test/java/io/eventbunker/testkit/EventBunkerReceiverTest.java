package io.eventbunker.testkit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventbunker.testkit.EventBunkerReceiver.OutageMode;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventBunkerReceiverTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private EventBunkerReceiver receiver;

  @AfterEach
  void close() {
    if (receiver != null) {
      receiver.close();
    }
  }

  private EventBunkerReceiver start(EventBunkerReceiver.Builder builder) {
    receiver = builder.build().start();
    return receiver;
  }

  private void post(String name) throws Exception {
    assertEquals(
        200,
        Http.post(receiver.endpoint(), EventBunkerReceiver.DEFAULT_WRITE_KEY, Http.event(name))
            .statusCode());
  }

  @Test
  void builderDefaults() {
    ReceiverConfig config = EventBunkerReceiver.builder().config();

    assertAll(
        () -> assertEquals(0, config.port),
        () -> assertEquals("127.0.0.1", config.host),
        () -> assertEquals(Set.of("test-write-key"), config.writeKeys),
        () -> assertEquals(Set.of(), config.queryKeys),
        () -> assertEquals(Set.of(), config.deleteKeys),
        () -> assertEquals(10_000, config.maxEvents),
        () -> assertEquals(null, config.eventsFile),
        () -> assertEquals(Duration.ZERO, config.faults.minLatency),
        () -> assertEquals(Duration.ZERO, config.faults.maxLatency),
        () -> assertEquals(0, config.faults.errorRate),
        () -> assertEquals(0, config.faults.tooManyRequestsRate),
        () -> assertEquals(Duration.ofSeconds(1), config.faults.retryAfter),
        () -> assertEquals(OutageMode.SERVICE_UNAVAILABLE, config.outageMode),
        () -> assertEquals(List.of(), config.outageWindows));
  }

  @Test
  void configuredWriteKeysReplaceTheDefault() {
    assertEquals(
        Set.of("a", "b"),
        EventBunkerReceiver.builder().writeKey("a").writeKey("b").config().writeKeys);
  }

  @Test
  void builderRejectsBadSettingsAtOnceNamingThem() {
    EventBunkerReceiver.Builder builder = EventBunkerReceiver.builder().writeKey("shared");

    assertAll(
        () -> assertMessage("port must be between 0 and 65535", () -> builder.port(65536)),
        () -> assertMessage("maxEvents must be positive", () -> builder.maxEvents(0)),
        () -> assertMessage("errorRate must be a fraction", () -> builder.errorRate(1.5)),
        () -> assertMessage("errorRate must be a fraction", () -> builder.errorRate(Double.NaN)),
        () ->
            assertMessage(
                "tooManyRequestsRate must be a fraction", () -> builder.tooManyRequestsRate(-0.1)),
        () ->
            assertMessage(
                "latency must not be negative", () -> builder.latency(Duration.ofMillis(-1))),
        () ->
            assertMessage(
                "latency range must run from low to high, got 40ms-30ms",
                () -> builder.latency(Duration.ofMillis(40), Duration.ofMillis(30))),
        () ->
            assertMessage(
                "retryAfter must be whole seconds",
                () -> builder.retryAfter(Duration.ofMillis(1500))),
        () ->
            assertMessage(
                "outage must end after it starts",
                () -> builder.outageWindow(Duration.ofSeconds(2), Duration.ofSeconds(1))),
        () ->
            assertMessage(
                "key \"shared\" is already a write key; a key has one role",
                () -> builder.queryKey("shared")),
        () -> assertMessage("write key must not be empty", () -> builder.writeKey("")));
  }

  private static void assertMessage(String expectedStart, Runnable setter) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, setter::run);
    assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
  }

  @Test
  void endpointAndInboxAreLoopbackUrlsOnTheChosenPort() {
    start(EventBunkerReceiver.builder());

    assertTrue(receiver.port() > 0);
    assertEquals("http://127.0.0.1:" + receiver.port() + "/post", receiver.endpoint().toString());
    assertEquals("http://127.0.0.1:" + receiver.port() + "/", receiver.inbox().toString());
  }

  @Test
  void wildcardListenerIsReachedThroughLoopback() throws Exception {
    start(EventBunkerReceiver.builder().host("0.0.0.0"));

    assertEquals("http://127.0.0.1:" + receiver.port() + "/post", receiver.endpoint().toString());
    post("via_loopback");
  }

  @Test
  void portIsUnknownBeforeStart() {
    EventBunkerReceiver notStarted = EventBunkerReceiver.builder().build();

    IllegalStateException e = assertThrows(IllegalStateException.class, notStarted::port);
    assertEquals("The receiver is not started yet: call start() first", e.getMessage());
  }

  @Test
  void receiverStartsOnlyOnce() {
    start(EventBunkerReceiver.builder());

    assertThrows(IllegalStateException.class, receiver::start);
  }

  @Test
  void busyPortFailsToStartNamingTheAddress() {
    start(EventBunkerReceiver.builder());
    EventBunkerReceiver second = EventBunkerReceiver.builder().port(receiver.port()).build();

    UncheckedIOException e = assertThrows(UncheckedIOException.class, second::start);
    assertTrue(
        e.getMessage().startsWith("Cannot listen on 127.0.0.1:" + receiver.port()), e.getMessage());
  }

  @Test
  void startTurnsOffNaglesAlgorithmForKeepAliveResponses() {
    start(EventBunkerReceiver.builder());

    assertEquals("true", System.getProperty("sun.net.httpserver.nodelay"));
  }

  @Test
  void closeStopsListeningAndEndsTheReceiversThreads() throws Exception {
    start(EventBunkerReceiver.builder().latency(Duration.ofMillis(1)));
    post("before_close");
    String threadPrefix = "eventbunker-receiver-" + receiver.port() + "-";
    assertFalse(receiverThreads(threadPrefix).isEmpty());

    receiver.close();

    assertThrows(ConnectException.class, () -> post("after_close"));
    assertEquals(Set.of(), receiverThreads(threadPrefix));
  }

  private static Set<String> receiverThreads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(prefix))
        .collect(Collectors.toSet());
  }

  @Test
  void receiverThreadsAreDaemons() throws Exception {
    start(EventBunkerReceiver.builder().latency(Duration.ofMillis(1)));
    post("any");
    String threadPrefix = "eventbunker-receiver-" + receiver.port() + "-";

    assertTrue(
        Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().startsWith(threadPrefix))
            .allMatch(Thread::isDaemon));
  }

  @Test
  void eventsAreAnImmutableSnapshotOldestFirst() throws Exception {
    start(EventBunkerReceiver.builder());
    post("first");
    post("second");

    List<ReceivedEvent> snapshot = receiver.events();
    post("third");

    assertEquals(List.of("first", "second"), names(snapshot));
    assertThrows(UnsupportedOperationException.class, () -> snapshot.remove(0));
    assertThrows(UnsupportedOperationException.class, () -> snapshot.get(0).fields().put("a", "b"));
  }

  @Test
  void awaitEventsReturnsOnceEnoughEventsArrived() throws Exception {
    start(EventBunkerReceiver.builder());
    CompletableFuture<List<ReceivedEvent>> waiting =
        CompletableFuture.supplyAsync(() -> awaitUnchecked(() -> receiver.awaitEvents(2, WAIT)));

    post("one");
    post("two");

    assertEquals(List.of("one", "two"), names(waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS)));
  }

  @Test
  void awaitEventsFailsListingWhatArrivedAndTheLastRejection() throws Exception {
    start(EventBunkerReceiver.builder());
    post("arrived");
    Http.post(receiver.endpoint(), EventBunkerReceiver.DEFAULT_WRITE_KEY, "{\"name\": \"x\"}");

    AssertionError e =
        assertThrows(AssertionError.class, () -> receiver.awaitEvents(2, Duration.ofMillis(100)));

    assertEquals(
        "Expected at least 2 events within PT0.1S but received 1: [arrived];"
            + " last rejected request: 400 Body JSON validation failed. event_name is required",
        e.getMessage());
  }

  @Test
  void awaitEventsRefusesMoreThanCanBeHeld() {
    start(EventBunkerReceiver.builder().maxEvents(5));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> receiver.awaitEvents(6, WAIT));
    assertTrue(e.getMessage().startsWith("count must be between 1 and maxEvents (5)"));
  }

  @Test
  void awaitEventReturnsTheOldestEventWithThatName() throws Exception {
    start(EventBunkerReceiver.builder());
    CompletableFuture<ReceivedEvent> waiting =
        CompletableFuture.supplyAsync(() -> awaitUnchecked(() -> receiver.awaitEvent("b", WAIT)));

    post("a");
    post("b");
    post("b");

    ReceivedEvent b = waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(receiver.events().get(1).uniqueReqId(), b.uniqueReqId());
  }

  @Test
  void awaitEventFailsNamingTheEventsThatDidArrive() throws Exception {
    start(EventBunkerReceiver.builder());
    post("signup");

    AssertionError e =
        assertThrows(
            AssertionError.class, () -> receiver.awaitEvent("login", Duration.ofMillis(100)));

    assertEquals(
        "Expected an event named \"login\" within PT0.1S but received 1: [signup]", e.getMessage());
  }

  @Test
  void oldestEventsAreEvictedAndCounted() throws Exception {
    start(EventBunkerReceiver.builder().maxEvents(3));

    for (int i = 1; i <= 5; i++) {
      post("e" + i);
    }

    assertEquals(List.of("e3", "e4", "e5"), names(receiver.events()));
    assertEquals(2, receiver.evictedCount());
    assertEquals(5, receiver.acceptedCount());
  }

  @Test
  void resetForgetsEventsAndCountsAndRestoresBuiltFaults() throws Exception {
    start(EventBunkerReceiver.builder().maxEvents(1));
    post("a");
    post("b");
    Http.post(receiver.endpoint(), "wrong", Http.event("c"));
    receiver.setErrorRate(1);
    receiver.startOutage(Duration.ofHours(1));

    receiver.reset();

    assertAll(
        () -> assertEquals(List.of(), receiver.events()),
        () -> assertEquals(0, receiver.acceptedCount()),
        () -> assertEquals(0, receiver.unauthorizedCount()),
        () -> assertEquals(0, receiver.evictedCount()));
    post("after_reset");
  }

  private static List<String> names(List<ReceivedEvent> events) {
    return events.stream().map(ReceivedEvent::name).collect(Collectors.toList());
  }

  private interface Wait<T> {
    T get() throws InterruptedException;
  }

  private static <T> T awaitUnchecked(Wait<T> wait) {
    try {
      return wait.get();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
