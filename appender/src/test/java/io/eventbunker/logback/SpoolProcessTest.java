package io.eventbunker.logback;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.core.util.Duration;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.internal.SegmentFormat;
import io.eventbunker.testkit.EventBunkerReceiver;
import io.eventbunker.testkit.EventBunkerReceiverExtension;
import io.eventbunker.testkit.ReceivedEvent;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The spool across processes: a killed one loses nothing it spooled; two never share one. */
class SpoolProcessTest {
  private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(60);

  @RegisterExtension
  static final EventBunkerReceiverExtension eventBunker =
      new EventBunkerReceiverExtension(
          EventBunkerReceiver.builder().writeKey(AppenderHarness.WRITE_KEY));

  @TempDir Path dir;
  @TempDir Path scratch;

  private final List<Process> children = new ArrayList<>();
  private final List<AppenderHarness> harnesses = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    children.forEach(Process::destroyForcibly);
    harnesses.forEach(AppenderHarness::close);
  }

  private Process startChild(String mode, int count) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            SpoolingProcess.class.getName(),
            mode,
            dir.toString(),
            deadEndpoint(),
            String.valueOf(count));
    // To files, not pipes: a child whose output nobody reads would block once a pipe is full.
    builder.redirectOutput(scratch.resolve("child-stdout.txt").toFile());
    builder.redirectError(scratch.resolve("child-stderr.txt").toFile());
    Process child = builder.start();
    children.add(child);
    return child;
  }

  /** Waits for the child to print a line starting with {@code prefix}, and returns it. */
  private String awaitLine(String prefix) throws IOException {
    Path stdout = scratch.resolve("child-stdout.txt");
    try {
      return await()
          .atMost(WAIT)
          .until(
              () ->
                  Files.readAllLines(stdout).stream()
                      .filter(line -> line.startsWith(prefix))
                      .findFirst()
                      .orElse(null),
              line -> line != null);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "the child printed no "
              + prefix
              + " line; its output: "
              + Files.readString(stdout)
              + Files.readString(scratch.resolve("child-stderr.txt")),
          e);
    }
  }

  private static String deadEndpoint() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/post";
    }
  }

  private AppenderHarness spooling(EventBunkerReceiver receiver) {
    AppenderHarness harness =
        new AppenderHarness(
            receiver.endpoint().toString(),
            a -> {
              a.setSpoolDirectory(dir.toString());
              a.setRetryInitialBackoff(Duration.buildByMilliseconds(20));
              a.setRetryMaxBackoff(Duration.buildByMilliseconds(100));
            });
    harnesses.add(harness);
    return harness;
  }

  /** Bytes of the segment files; read without opening the lock file, which only its holder may. */
  private long spoolSize() throws IOException {
    long size = 0;
    for (Path segment : segmentFiles()) {
      size += Files.size(segment);
    }
    return size;
  }

  private static Set<Integer> ids(List<ReceivedEvent> events) {
    return events.stream()
        .map(e -> ((Number) e.fields().get("id")).intValue())
        .collect(Collectors.toSet());
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(SegmentFormat.SUFFIX))
          .collect(Collectors.toList());
    }
  }

  @Test
  void aProcessKilledWhileLoggingLosesNoEventItSpooled(EventBunkerReceiver receiver)
      throws Exception {
    int count = 300;
    Process child = startChild("log", count);
    assertEquals("SPOOLED " + count, awaitLine("SPOOLED"));
    long spooledBytes = spoolSize();
    await().atMost(WAIT).until(() -> spoolSize() > spooledBytes); // spooling the next ones
    child.destroyForcibly(); // kill -9, in the middle of logging and spooling more
    assertTrue(child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));

    AppenderHarness harness = spooling(receiver);
    Set<Integer> expected = IntStream.range(0, count).boxed().collect(Collectors.toSet());
    await().atMost(WAIT).until(() -> ids(receiver.events()).containsAll(expected));
    await().atMost(WAIT).until(() -> harness.appender.getStats().pending() == 0);

    EventBunkerStats stats = harness.appender.getStats();
    assertTrue(stats.accepted() >= count, stats.toString());
    assertEquals(stats.accepted(), stats.delivered(), "every event read back was delivered");
    assertEquals(stats.delivered(), receiver.acceptedCount());
    assertEquals(0, stats.spooled(), stats.toString());
    assertTrue(
        harness.statusMessages().stream().noneMatch(m -> m.startsWith("ERROR")),
        harness.statusMessages().toString());
    await().atMost(WAIT).until(() -> segmentFiles().isEmpty());
  }

  @Test
  void aDirectoryHeldByAnotherProcessIsRefusedNamingThatProcess(EventBunkerReceiver receiver)
      throws Exception {
    Process child = startChild("hold", 0);
    assertEquals("HOLDING true", awaitLine("HOLDING"));

    AppenderHarness refused = spooling(receiver);
    assertTrue(refused.appender.isStarted());
    assertFalse(refused.appender.getStats().spoolEnabled());
    assertTrue(
        refused.statusMessages().stream()
            .anyMatch(
                m ->
                    m.startsWith("WARN")
                        && m.contains("cannot use spoolDirectory " + dir)
                        && m.contains("in use by process " + child.pid() + " (appender 'child'")),
        refused.statusMessages().toString());
    assertTrue(refused.statusMessages().stream().noneMatch(m -> m.startsWith("ERROR")));
    refused.close();

    child.destroyForcibly();
    assertTrue(child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
    AppenderHarness after = spooling(receiver);
    assertTrue(after.appender.getStats().spoolEnabled(), "the OS released the dead process's lock");
  }
}
