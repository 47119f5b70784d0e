package io.eventbunker.contract;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's "On the console": the lines a user sees on {@code System.err} without configuring
 * anything — losses during the run, the totals at stop, a refused key — and silence otherwise.
 */
public abstract class ConsoleLinesContract extends ContractBase {
  private static final String PREFIX = "EventBunker appender '" + AppenderUnderTest.NAME + "' ";
  private static final String WRONG_KEY = "wk_another_projects_key_0000";

  private final ConsoleCapture console = ConsoleCapture.start();

  protected ConsoleLinesContract(AdapterDriver driver) {
    super(driver);
  }

  @AfterEach
  final void giveTheConsoleBack() {
    console.close();
  }

  private void logOrders(int count) {
    for (int i = 0; i < count; i++) {
      log.info(EVENT, "order_placed", field("order", i));
    }
  }

  @Test
  void lossesAreSaidDuringTheRunAndSummedUpAtStop() {
    receiver().startOutage(Duration.ofMinutes(1));
    // Retries that outlast the test: during the run events are only dropped, and at stop the
    // ones left fail.
    appender.start(
        Map.of(
            "queueCapacity", "10",
            "retryMaxAttempts", "1000",
            "shutdownTimeout", "500 milliseconds"));
    logOrders(50);
    await().atMost(AppenderUnderTest.WAIT).until(() -> !console.lines(PREFIX).isEmpty());
    appender.driver().stop();

    EventBunkerStats stats = appender.stats();
    assertTrue(stats.dropped() > 0 && stats.failed() > 0, stats.toString());
    List<String> lines = console.lines(PREFIX);
    assertEquals(2, lines.size(), "one line during the run, one at stop: " + lines);
    String during = lines.get(0);
    assertTrue(during.startsWith(PREFIX + "did not deliver "), during);
    assertTrue(during.contains(" dropped, 0 failed of "), during);
    assertTrue(during.contains("the queue is full") && during.contains("queueCapacity"), during);
    String atStop = lines.get(1);
    assertTrue(
        atStop.startsWith(
            PREFIX
                + "stopped: 50 events accepted, 0 delivered, 0 rejected, "
                + stats.dropped()
                + " dropped, "
                + stats.failed()
                + " failed. Latest: "),
        atStop);
    assertTrue(atStop.contains("shutdownTimeout"), "names the setting to change: " + atStop);
  }

  @Test
  void aRunThatDeliversEverythingPrintsNothing() {
    appender.start();
    logOrders(20);
    appender.awaitResults(20);
    appender.driver().stop();

    assertEquals(20, appender.results(Outcome.DELIVERED).size());
    assertEquals(List.of(), console.lines(PREFIX));
  }

  @Test
  void consoleWarningsFalseLeavesTheConsoleToTheUser() {
    receiver().startOutage(Duration.ofMinutes(1));
    appender.start(
        Map.of(
            "consoleWarnings", "false",
            "queueCapacity", "10",
            "shutdownTimeout", "200 milliseconds"));
    logOrders(50);
    appender.driver().stop();

    assertTrue(appender.stats().dropped() > 0, appender.stats().toString());
    assertEquals(List.of(), console.lines(PREFIX));
    List<String> warnings = appender.driver().statusWarnings();
    assertTrue(
        warnings.stream().anyMatch(w -> w.contains("stopped: 50 events accepted")),
        "the status API still has the totals: " + warnings);
  }

  @Test
  void aRefusedKeyIsSaidOnceWithTheFix() {
    appender.start(Map.of("writeKey", WRONG_KEY));
    logOrders(20);
    appender.awaitResults(20);
    appender.driver().stop();

    assertEquals(20, appender.results(Outcome.REJECTED).size());
    assertEquals(1, receiver().unauthorizedCount(), "a wrong key costs one request");
    List<String> lines = console.lines(PREFIX);
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(
        lines.get(0).contains("answered 401") && lines.get(0).contains("create a write key"),
        lines.get(0));
    assertTrue(
        lines
            .get(1)
            .startsWith(
                PREFIX
                    + "stopped: 20 events accepted, 0 delivered, 20 rejected, 0 dropped, 0 failed."),
        lines.get(1));
    lines.forEach(line -> assertFalse(line.contains(WRONG_KEY), "the key was printed: " + line));
  }
}
