package io.eventbunker.contract;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventbunker.testkit.EventBunkerReceiver;
import io.eventbunker.testkit.EventBunkerReceiverExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "On the console", as a user sees it: a plain application in a child JVM, with the
 * README's config file and no status listener. Losses and a refused key are said on standard error,
 * success says nothing. Each adapter supplies the config file and the application.
 */
public abstract class ConsoleProcessContract {
  /** The key the receiver takes. */
  protected static final String WRITE_KEY = "wk_console_5ecret_7c4e02";

  /** The receiver the application sends to, reset before each test. */
  @RegisterExtension
  protected static final EventBunkerReceiverExtension EVENTBUNKER =
      new EventBunkerReceiverExtension(EventBunkerReceiver.builder().writeKey(WRITE_KEY));

  @TempDir protected Path dir;

  private @Nullable ChildApplication child;

  @AfterEach
  final void killChild() {
    ChildApplication started = child;
    if (started != null) {
      started.close();
    }
  }

  /**
   * Writes the README's config file for an appender named {@code EVENTBUNKER} sending to {@code
   * endpoint} with these further settings, into {@link #dir}, and starts the adapter's application
   * on it: it logs {@code count} EVENT statements, prints {@code LOGGED}, waits for "stop" on its
   * standard input when {@code wait}, then stops its logging as an application's shutdown does and
   * prints {@code STOPPED}.
   */
  protected abstract void startApplication(
      ChildApplication application,
      String writeKey,
      String endpoint,
      Map<String, String> settings,
      int count,
      boolean wait)
      throws IOException;

  /** The running application, once a test has started one. */
  protected ChildApplication child() {
    return Objects.requireNonNull(child, "start() first");
  }

  /** Starts the application; see {@link #startApplication}. */
  protected final void start(
      String key, String endpoint, Map<String, String> settings, int count, boolean wait)
      throws IOException {
    ChildApplication application = new ChildApplication(dir);
    child = application;
    startApplication(application, key, endpoint, settings, count, wait);
  }

  /** Starts the application without making it wait, and waits for it to stop. */
  protected final void run(String key, String endpoint, Map<String, String> settings, int count)
      throws Exception {
    start(key, endpoint, settings, count, false);
    child().finish("STOPPED", key);
  }

  @Test
  void aRefusedKeyIsSaidOnceWithTheFix() throws Exception {
    run("wk_a_query_key_perhaps", EVENTBUNKER.receiver().endpoint().toString(), Map.of(), 50);

    List<String> lines = child().eventBunkerLines();
    assertEquals(
        1,
        lines.stream().filter(l -> l.contains("answered 401") && l.contains("write key")).count(),
        lines.toString());
    assertTrue(
        lines.stream()
            .anyMatch(l -> l.contains("stopped: 50 events accepted, 0 delivered, 50 rejected")),
        lines.toString());
  }

  @Test
  void lossesAreSaidDuringTheRunAndSummedUpAtStop() throws Exception {
    start(
        WRITE_KEY,
        ChildApplication.deadEndpoint(),
        Map.of("queueCapacity", "10", "shutdownTimeout", "500 milliseconds"),
        50,
        true);
    await()
        .atMost(ChildApplication.WAIT)
        .until(
            () -> child().eventBunkerLines().stream().anyMatch(l -> l.contains("did not deliver")));
    child().finish("STOPPED", WRITE_KEY);

    List<String> lines = child().eventBunkerLines();
    assertEquals(2, lines.size(), "one line during the run, one at stop: " + lines);
    String during = lines.get(0);
    assertTrue(during.contains("dropped, 0 failed of "), during);
    assertTrue(
        during.contains("the queue is full") && during.contains("Raise queueCapacity"), during);
    String atStop = lines.get(1);
    assertTrue(atStop.contains("stopped: 50 events accepted, 0 delivered, 0 rejected"), atStop);
    assertTrue(atStop.contains("failed event") && atStop.contains("raise shutdownTimeout"), atStop);
  }

  @Test
  void deliveringEverythingSaysNothing() throws Exception {
    EventBunkerReceiver receiver = EVENTBUNKER.receiver();
    run(WRITE_KEY, receiver.endpoint().toString(), Map.of(), 200);

    assertEquals(List.of(), child().eventBunkerLines());
    assertEquals(200, receiver.acceptedCount());
  }

  @Test
  void consoleWarningsFalseLeavesTheConsoleToTheUser() throws Exception {
    run(
        WRITE_KEY,
        ChildApplication.deadEndpoint(),
        Map.of(
            "consoleWarnings",
            "false",
            "queueCapacity",
            "10",
            "shutdownTimeout",
            "200 milliseconds"),
        50);

    assertEquals(List.of(), child().eventBunkerLines());
  }
}
