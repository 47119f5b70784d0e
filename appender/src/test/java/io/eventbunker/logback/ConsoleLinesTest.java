package io.eventbunker.logback;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventbunker.testkit.EventBunkerReceiver;
import io.eventbunker.testkit.EventBunkerReceiverExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees on the console of a plain application, with the README's logback.xml and no
 * status listener: losses and a refused key are said there, success says nothing.
 */
class ConsoleLinesTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String PREFIX = "EventBunker appender 'EVENTBUNKER' ";

  @RegisterExtension
  static final EventBunkerReceiverExtension eventBunker =
      new EventBunkerReceiverExtension(
          EventBunkerReceiver.builder().writeKey(AppenderHarness.WRITE_KEY));

  @TempDir Path dir;
  private Process child;

  @AfterEach
  void killChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  @Test
  void aRefusedKeyIsSaidOnceWithTheFix(EventBunkerReceiver receiver) throws Exception {
    run("wk_a_query_key_perhaps", receiver.endpoint().toString(), "", 50, false);

    List<String> lines = eventBunkerLines();
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
        AppenderHarness.WRITE_KEY,
        SpoolTest.deadEndpoint(),
        "<queueCapacity>10</queueCapacity><shutdownTimeout>500 milliseconds</shutdownTimeout>",
        50,
        true);
    await()
        .atMost(WAIT)
        .until(() -> eventBunkerLines().stream().anyMatch(l -> l.contains("did not deliver")));
    finish();

    List<String> lines = eventBunkerLines();
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
  void deliveringEverythingSaysNothing(EventBunkerReceiver receiver) throws Exception {
    run(AppenderHarness.WRITE_KEY, receiver.endpoint().toString(), "", 200, false);

    assertEquals(List.of(), eventBunkerLines());
    assertEquals(200, receiver.acceptedCount());
  }

  @Test
  void consoleWarningsFalseLeavesTheConsoleToTheUser() throws Exception {
    run(
        AppenderHarness.WRITE_KEY,
        SpoolTest.deadEndpoint(),
        "<consoleWarnings>false</consoleWarnings><queueCapacity>10</queueCapacity>"
            + "<shutdownTimeout>200 milliseconds</shutdownTimeout>",
        50,
        false);

    assertEquals(List.of(), eventBunkerLines());
  }

  private void run(String key, String endpoint, String settings, int count, boolean wait)
      throws Exception {
    start(key, endpoint, settings, count, wait);
    finish();
  }

  private void start(String key, String endpoint, String settings, int count, boolean wait)
      throws IOException {
    Path config = dir.resolve("logback.xml");
    Files.writeString(
        config,
        "<configuration>\n"
            + "  <appender name=\"EVENTBUNKER\" class=\"io.eventbunker.logback.EventBunkerAppender\">\n"
            + "    <writeKey>${EVENTBUNKER_WRITE_KEY}</writeKey>\n"
            + "    <endpoint>"
            + endpoint
            + "</endpoint>\n"
            + settings
            + "\n  </appender>\n"
            + "  <root level=\"INFO\"><appender-ref ref=\"EVENTBUNKER\"/></root>\n"
            + "</configuration>\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "-Dlogback.configurationFile=" + config,
            "-cp",
            System.getProperty("java.class.path"),
            ConsoleProcess.class.getName(),
            String.valueOf(count),
            wait ? "wait" : "nowait");
    builder.environment().put("EVENTBUNKER_WRITE_KEY", key);
    builder.redirectOutput(dir.resolve("stdout.txt").toFile());
    builder.redirectError(dir.resolve("stderr.txt").toFile());
    child = builder.start();
  }

  private void finish() throws Exception {
    try (OutputStream stdin = child.getOutputStream()) {
      stdin.write("stop\n".getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // It did not wait for us.
    }
    assertTrue(child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the child did not stop");
    assertTrue(
        Files.readAllLines(dir.resolve("stdout.txt")).contains("STOPPED"),
        Files.readString(dir.resolve("stderr.txt")));
    String stderr = Files.readString(dir.resolve("stderr.txt"));
    assertFalse(stderr.contains(AppenderHarness.WRITE_KEY), "the write key was printed");
  }

  private List<String> eventBunkerLines() throws IOException {
    return Files.readAllLines(dir.resolve("stderr.txt")).stream()
        .filter(l -> l.startsWith(PREFIX))
        .collect(Collectors.toList());
  }
}
