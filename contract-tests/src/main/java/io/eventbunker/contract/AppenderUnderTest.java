package io.eventbunker.contract;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.eventbunker.core.EventBunkerListener;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.EventResult;
import io.eventbunker.core.Outcome;
import io.eventbunker.testkit.EventBunkerReceiver;
import io.eventbunker.testkit.ReceivedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One adapter's appender in one test, pointed at the test kit's receiver: starts it with the
 * suite's base settings, records every outcome and retry its listener is told of, and compares what
 * the receiver got with the bodies a test expects.
 */
public final class AppenderUnderTest implements AutoCloseable {
  /** The appender's name: console lines and statuses begin with it. */
  public static final String NAME = "eventbunker-contract";

  /** The write key the receiver accepts. Checked never to appear in any status or result. */
  public static final String WRITE_KEY = "wk_contract_5ecret_3b7d91";

  /** How long any awaited outcome may take: generous, since a slow CI machine is no failure. */
  public static final Duration WAIT = Duration.ofSeconds(20);

  private final AdapterDriver driver;
  private final Supplier<EventBunkerReceiver> receiver;
  private final List<EventResult> results = new CopyOnWriteArrayList<>();
  private final List<String> retryReasons = new CopyOnWriteArrayList<>();

  /**
   * @param receiver read at start: the receiver runs only while tests do
   */
  AppenderUnderTest(AdapterDriver driver, Supplier<EventBunkerReceiver> receiver) {
    this.driver = driver;
    this.receiver = receiver;
  }

  /** Starts with the base settings only. */
  public void start() {
    start(Map.of());
  }

  /**
   * Starts with the base settings — the receiver's endpoint and key, and retries quick enough for
   * tests — overridden by {@code settings}, written as in a configuration file.
   */
  public void start(Map<String, String> settings) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("writeKey", WRITE_KEY);
    all.put("endpoint", receiver.get().endpoint().toString());
    all.put("retryInitialBackoff", "20 milliseconds");
    all.put("retryMaxBackoff", "100 milliseconds");
    all.put("shutdownTimeout", "5 seconds");
    all.putAll(settings);
    driver.start(NAME, all);
    driver.addListener(
        new EventBunkerListener() {
          @Override
          public void onResult(EventResult result) {
            results.add(result);
          }

          @Override
          public void onRetry(String eventName, String reason) {
            retryReasons.add(reason);
          }
        });
  }

  /** The driver, for what a test does with the appender itself. */
  public AdapterDriver driver() {
    return driver;
  }

  /** The appender's counters now. */
  public EventBunkerStats stats() {
    return driver.stats();
  }

  /** Waits until {@code count} events have an outcome; returns all outcomes so far. */
  public List<EventResult> awaitResults(int count) {
    await().atMost(WAIT).until(() -> results.size() >= count);
    return new ArrayList<>(results);
  }

  /** The outcome of the one event a test logged. */
  public EventResult onlyResult() {
    List<EventResult> all = awaitResults(1);
    assertEquals(1, all.size(), all.toString());
    return all.get(0);
  }

  /** The outcomes so far that are {@code outcome}. */
  public List<EventResult> results(Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).collect(Collectors.toList());
  }

  /** The reasons given to {@code onRetry} so far, oldest first. */
  public List<String> retryReasons() {
    return Collections.unmodifiableList(retryReasons);
  }

  /**
   * Asserts that the events logged were delivered and that the receiver got exactly these bodies,
   * in any order (the appender sends several at once).
   */
  public void assertSent(String... expectedSingleQuoted) {
    List<EventResult> all = awaitResults(expectedSingleQuoted.length);
    assertEquals(expectedSingleQuoted.length, all.size(), all.toString());
    all.forEach(r -> assertEquals(Outcome.DELIVERED, r.outcome(), r.toString()));
    List<String> expected = new ArrayList<>();
    for (String body : expectedSingleQuoted) {
      expected.add(SentBody.json(body));
    }
    Collections.sort(expected);
    assertEquals(expected, bodies().stream().sorted().collect(Collectors.toList()));
  }

  /**
   * Asserts that {@code accepted} events were taken in and each has its outcome: the accounting
   * identity, with nothing pending.
   */
  public void assertSettled(long accepted) {
    EventBunkerStats stats = stats();
    assertEquals(accepted, stats.accepted(), stats.toString());
    assertEquals(
        accepted,
        stats.delivered() + stats.rejected() + stats.dropped() + stats.failed(),
        stats.toString());
    assertEquals(0, stats.pending(), stats.toString());
  }

  /** The one body the receiver got. */
  public SentBody onlyBody() {
    assertEquals(Outcome.DELIVERED, onlyResult().outcome());
    List<ReceivedEvent> events = receiver.get().events();
    assertEquals(1, events.size(), events.toString());
    return SentBody.of(events.get(0).rawJson());
  }

  private List<String> bodies() {
    return receiver.get().events().stream()
        .map(e -> SentBody.of(e.rawJson()).normalized())
        .collect(Collectors.toList());
  }

  /**
   * Closes the driver, then checks what every test produced: the write key appears in no status and
   * no result.
   */
  @Override
  public void close() {
    driver.close();
    for (String warning : driver.statusWarnings()) {
      assertFalse(warning.contains(WRITE_KEY), "write key leaked in a status: " + warning);
    }
    for (EventResult result : results) {
      assertFalse(result.toString().contains(WRITE_KEY), "write key leaked in: " + result);
    }
  }
}
