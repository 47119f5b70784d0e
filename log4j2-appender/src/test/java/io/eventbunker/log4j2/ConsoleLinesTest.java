package io.eventbunker.log4j2;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventbunker.testkit.EventBunkerReceiver;
import io.eventbunker.testkit.EventBunkerReceiverExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
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
 * A plain application in a child JVM, with the README's log4j2.xml and no status listener: what the
 * user sees on the console, and what {@code LogManager.shutdown()} and Log4j2's shutdown hook
 * deliver. Losses and a refused key are said there, as the Logback appender says them; success says
 * nothing.
 */
class ConsoleLinesTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String PREFIX = "EventBunker appender 'EVENTBUNKER' ";

  @RegisterExtension
  static final EventBunkerReceiverExtension eventBunker =
      new EventBunkerReceiverExtension(
          EventBunkerReceiver.builder().writeKey(Log4j2Harness.WRITE_KEY));

  @TempDir Path dir;
  private Process child;

  @AfterEach
  void killChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  @Test
  void logManagerShutdownDeliversABurstAndSaysNothing(EventBunkerReceiver receiver)
      throws Exception {
    run(Log4j2Harness.WRITE_KEY, receiver.endpoint().toString(), "", 500, "shutdown");

    assertEquals(500, receiver.acceptedCount(), stderr());
    assertEquals(List.of(), eventBunkerLines());
  }

  @Test
  void theShutdownHookDeliversABurstWhenMainReturns(EventBunkerReceiver receiver) throws Exception {
    receiver.setLatency(Duration.ofMillis(20));
    run(Log4j2Harness.WRITE_KEY, receiver.endpoint().toString(), "", 500, "hook");

    assertEquals(500, receiver.acceptedCount(), stderr());
    assertEquals(List.of(), eventBunkerLines());
  }

  @Test
  void aRefusedKeyIsSaidOnceWithTheFix(EventBunkerReceiver receiver) throws Exception {
    run("wk_a_query_key_perhaps", receiver.endpoint().toString(), "", 50, "hook");

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
        Log4j2Harness.WRITE_KEY,
        deadEndpoint(),
        "queueCapacity=\"10\" shutdownTimeout=\"500 milliseconds\"",
        50,
        true,
        "shutdown");
    await()
        .atMost(WAIT)
        .until(() -> eventBunkerLines().stream().anyMatch(l -> l.contains("did not deliver")));
    finish("STOPPED");

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
  void consoleWarningsFalseLeavesTheConsoleToTheUser() throws Exception {
    run(
        Log4j2Harness.WRITE_KEY,
        deadEndpoint(),
        "consoleWarnings=\"false\" queueCapacity=\"10\" shutdownTimeout=\"200 milliseconds\"",
        50,
        "shutdown");

    assertEquals(List.of(), eventBunkerLines());
  }

  @Test
  void aMissingWriteKeyIsPrintedByLog4j2sStatusLogger(EventBunkerReceiver receiver)
      throws Exception {
    run("", receiver.endpoint().toString(), "", 5, "shutdown");

    // Log4j2's StatusLogger prints to standard output unless configured otherwise.
    String console = Files.readString(dir.resolve("stdout.txt")) + stderr();
    assertTrue(
        console.contains("ERROR " + PREFIX + "has no write key and was not started"), console);
    assertEquals(0, receiver.acceptedCount());
  }

  static String deadEndpoint() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/post";
    }
  }

  private void run(String key, String endpoint, String attributes, int count, String ending)
      throws Exception {
    start(key, endpoint, attributes, count, false, ending);
    finish(ending.equals("shutdown") ? "STOPPED" : "EXITING");
  }

  private void start(
      String key, String endpoint, String attributes, int count, boolean wait, String ending)
      throws IOException {
    Path config = dir.resolve("log4j2.xml");
    Files.writeString(
        config,
        "<Configuration>\n"
            + "  <Appenders>\n"
            + "    <EventBunker name=\"EVENTBUNKER\" writeKey=\"${env:EVENTBUNKER_WRITE_KEY}\"\n"
            + "                 endpoint=\""
            + endpoint
            + "\" "
            + attributes
            + "/>\n"
            + "  </Appenders>\n"
            + "  <Loggers>\n"
            + "    <Root level=\"info\"><AppenderRef ref=\"EVENTBUNKER\"/></Root>\n"
            + "  </Loggers>\n"
            + "</Configuration>\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "-Dlog4j2.configurationFile=" + config,
            "-cp",
            System.getProperty("java.class.path"),
            ConsoleProcess.class.getName(),
            String.valueOf(count),
            wait ? "wait" : "nowait",
            ending);
    if (!key.isEmpty()) {
      builder.environment().put("EVENTBUNKER_WRITE_KEY", key);
    } else {
      builder.environment().remove("EVENTBUNKER_WRITE_KEY");
    }
    builder.redirectOutput(dir.resolve("stdout.txt").toFile());
    builder.redirectError(dir.resolve("stderr.txt").toFile());
    child = builder.start();
  }

  private void finish(String lastLine) throws Exception {
    try (OutputStream stdin = child.getOutputStream()) {
      stdin.write("stop\n".getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // It did not wait for us.
    }
    assertTrue(child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the child did not stop");
    String stderr = Files.readString(dir.resolve("stderr.txt"));
    assertTrue(Files.readAllLines(dir.resolve("stdout.txt")).contains(lastLine), stderr);
    assertEquals(0, child.exitValue(), stderr);
    assertFalse(stderr.contains(Log4j2Harness.WRITE_KEY), "the write key was printed");
  }

  private String stderr() throws IOException {
    return Files.readString(dir.resolve("stderr.txt"));
  }

  private List<String> eventBunkerLines() throws IOException {
    return Files.readAllLines(dir.resolve("stderr.txt")).stream()
        .filter(l -> l.startsWith(PREFIX))
        .collect(Collectors.toList());
  }
}
