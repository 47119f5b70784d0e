package io.eventbunker.logback;

import static io.eventbunker.logback.EventBunker.EVENT;
import static io.eventbunker.logback.EventBunker.field;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.Outcome;
import io.eventbunker.core.internal.SegmentFormat;
import io.eventbunker.core.internal.SegmentReader;
import io.eventbunker.testkit.EventBunkerReceiver;
import io.eventbunker.testkit.EventBunkerReceiverExtension;
import io.eventbunker.testkit.ReceivedEvent;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable spool against the test kit's receiver: what cannot be delivered in time is kept on
 * disk and sent later, in this run or the next, and the accounting identity holds throughout.
 */
class SpoolTest {
  private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
  private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(30);

  @RegisterExtension
  static final EventBunkerReceiverExtension eventBunker =
      new EventBunkerReceiverExtension(
          EventBunkerReceiver.builder().writeKey(AppenderHarness.WRITE_KEY));

  @TempDir Path dir;

  private final List<AppenderHarness> harnesses = new ArrayList<>();

  @AfterEach
  void stopAll() {
    harnesses.forEach(AppenderHarness::close);
  }

  private AppenderHarness spooling(String endpoint, Consumer<EventBunkerAppender> settings) {
    AppenderHarness harness =
        new AppenderHarness(
            endpoint,
            a -> {
              a.setSpoolDirectory(dir.toString());
              a.setRetryInitialBackoff(Duration.buildByMilliseconds(20));
              a.setRetryMaxBackoff(Duration.buildByMilliseconds(100));
              settings.accept(a);
            });
    harnesses.add(harness);
    return harness;
  }

  static String deadEndpoint() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/post";
    }
  }

  /** Logs events while the endpoint is down and stops: every one is left in the spool. */
  private AppenderHarness spoolWhileDown(String name, int count) throws IOException {
    AppenderHarness harness =
        spooling(
            deadEndpoint(),
            a -> {
              a.setRetryMaxAttempts(1000);
              a.setShutdownTimeout(Duration.buildByMilliseconds(200));
            });
    for (int i = 0; i < count; i++) {
      harness.logger.info(EVENT, name, field("id", i));
    }
    harness.close();
    EventBunkerStats stats = harness.appender.getStats();
    assertEquals(count, stats.accepted(), stats.toString());
    assertEquals(count, stats.spooled(), stats.toString());
    assertEquals(count, stats.pending(), "pending is what the spool keeps: " + stats);
    assertEquals(0, stats.failed(), stats.toString());
    return harness;
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(SegmentFormat.SUFFIX))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private List<Path> quarantinedFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(SegmentFormat.QUARANTINE_SUFFIX))
          .collect(Collectors.toList());
    }
  }

  /** The ids of the spooled events, in the order they are on disk. */
  private List<Integer> spooledIds() throws Exception {
    List<Integer> ids = new ArrayList<>();
    for (Path segment : segmentFiles()) {
      try (SegmentReader reader = SegmentReader.open(segment)) {
        SegmentReader.Record record;
        while ((record = reader.next()) != null) {
          ids.add(idOf(new String(record.json, StandardCharsets.UTF_8)));
        }
      }
    }
    return ids;
  }

  private static int idOf(String json) {
    Matcher matcher = ID.matcher(json);
    assertTrue(matcher.find(), json);
    return Integer.parseInt(matcher.group(1));
  }

  private static List<Integer> ids(List<ReceivedEvent> events, String name) {
    return events.stream()
        .filter(e -> e.name().equals(name))
        .map(e -> ((Number) e.fields().get("id")).intValue())
        .collect(Collectors.toList());
  }

  /** Where each record of a segment starts. */
  private static List<Long> recordOffsets(Path segment) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segment));
    List<Long> offsets = new ArrayList<>();
    int position = SegmentFormat.FILE_HEADER_BYTES;
    while (position < bytes.limit()) {
      offsets.add((long) position);
      position += SegmentFormat.RECORD_HEADER_BYTES + bytes.getInt(position);
    }
    return offsets;
  }

  private static void awaitSettled(AppenderHarness harness) {
    await().atMost(WAIT).until(() -> harness.appender.getStats().pending() == 0);
  }

  private static void assertNoErrorStatus(AppenderHarness harness) {
    assertTrue(
        harness.statusMessages().stream().noneMatch(m -> m.startsWith("ERROR")),
        "an error status would stop Spring Boot starting: " + harness.statusMessages());
  }

  private static boolean saidSomething(AppenderHarness harness, String level, String... parts) {
    return harness.statusMessages().stream()
        .anyMatch(m -> m.startsWith(level) && Arrays.stream(parts).allMatch(m::contains));
  }

  @Test
  void eventsLeftAtStopAreSpooledAndSentAtTheNextStart(EventBunkerReceiver receiver)
      throws Exception {
    AppenderHarness down = spoolWhileDown("kept", 30);
    assertFalse(segmentFiles().isEmpty());
    assertTrue(
        saidSomething(down, "INFO", "30 kept in the spool in " + dir),
        "nothing was lost, so the summary is no warning: " + down.statusMessages());

    AppenderHarness up = spooling(receiver.endpoint().toString(), a -> {});
    List<ReceivedEvent> events = receiver.awaitEvents(30, WAIT);
    awaitSettled(up);

    EventBunkerStats stats = up.appender.getStats();
    assertEquals(30, stats.accepted(), "accepted by the earlier run, answered for by this one");
    assertEquals(30, stats.delivered(), stats.toString());
    assertEquals(0, stats.spooled(), stats.toString());
    assertEquals(30, ids(events, "kept").stream().distinct().count());
    assertTrue(saidSomething(up, "INFO", "found 30 events spooled by an earlier run"));
    await().atMost(WAIT).until(() -> segmentFiles().isEmpty());
    await().atMost(WAIT).until(() -> up.appender.getStats().spooledBytes() == 0);
  }

  @Test
  void eventsThatRunOutOfRetriesAreSpooledAndSentWhenTheEndpointRecovers(
      EventBunkerReceiver receiver) throws Exception {
    receiver.startOutage(
        java.time.Duration.ofMinutes(5), EventBunkerReceiver.OutageMode.CLOSE_CONNECTION);
    AppenderHarness harness =
        spooling(receiver.endpoint().toString(), a -> a.setRetryMaxAttempts(2));
    for (int i = 0; i < 20; i++) {
      harness.logger.info(EVENT, "outlasting", field("id", i));
    }
    await().atMost(WAIT).until(() -> harness.appender.getStats().spooled() == 20);
    assertEquals(0, harness.appender.getStats().failed());
    assertTrue(
        saidSomething(harness, "WARN", "spooled", "did not take them in time"),
        harness.statusMessages().toString());

    receiver.endOutage();
    List<ReceivedEvent> events = receiver.awaitEvents(20, WAIT);
    awaitSettled(harness);

    EventBunkerStats stats = harness.appender.getStats();
    assertEquals(20, stats.accepted(), stats.toString());
    assertEquals(20, stats.delivered(), stats.toString());
    assertEquals(0, stats.spooled(), stats.toString());
    assertEquals(20, ids(events, "outlasting").stream().distinct().count());
  }

  @Test
  void queueOverflowGoesToTheSpoolInsteadOfBeingDropped(EventBunkerReceiver receiver) {
    receiver.setLatency(java.time.Duration.ofMillis(10));
    AppenderHarness harness =
        spooling(
            receiver.endpoint().toString(),
            a -> {
              a.setQueueCapacity(2);
              a.setMaxInFlight(1);
            });
    for (int i = 0; i < 100; i++) {
      harness.logger.info(EVENT, "burst", field("id", i));
    }
    awaitSettled(harness);

    EventBunkerStats stats = harness.appender.getStats();
    assertEquals(0, stats.dropped(), stats.toString());
    assertEquals(100, stats.delivered(), stats.toString());
    assertEquals(100, receiver.acceptedCount());
  }

  @Test
  void replayKeepsItsOrderWhileTheEndpointRecoversAndNewEventsInterleave(
      EventBunkerReceiver receiver) throws Exception {
    spoolWhileDown("old", 60);
    List<Integer> diskOrder = spooledIds();
    assertEquals(60, diskOrder.size());

    receiver.setLatency(java.time.Duration.ofMillis(5));
    receiver.startOutage(
        java.time.Duration.ofMillis(500), EventBunkerReceiver.OutageMode.CLOSE_CONNECTION);
    AppenderHarness harness =
        spooling(
            receiver.endpoint().toString(),
            a -> {
              a.setMaxInFlight(1); // one request at a time: arrival order is sending order
              a.setRetryMaxAttempts(1000);
            });
    await().atMost(WAIT).until(() -> receiver.injectedFaultCount() > 0);
    for (int i = 0; i < 10; i++) {
      harness.logger.info(EVENT, "new", field("id", 1000 + i)); // during the outage
    }
    await().atMost(WAIT).until(() -> receiver.events().size() > 0);
    for (int i = 10; i < 40; i++) {
      int arrived = receiver.events().size();
      harness.logger.info(EVENT, "new", field("id", 1000 + i)); // while the replay runs
      await().atMost(WAIT).until(() -> receiver.events().size() > arrived);
    }
    List<ReceivedEvent> events = receiver.awaitEvents(100, WAIT);
    awaitSettled(harness);

    assertEquals(diskOrder, ids(events, "old"), "replayed in the order they were spooled");
    // Live events promise no order (one that fails waits its own backoff while others go on):
    // each arrives, once.
    List<Integer> fresh = ids(events, "new");
    assertEquals(
        IntStream.range(1000, 1040).boxed().collect(Collectors.toList()),
        fresh.stream().sorted().collect(Collectors.toList()));
    List<String> names = events.stream().map(ReceivedEvent::name).collect(Collectors.toList());
    assertTrue(
        names.indexOf("new") < names.lastIndexOf("old"),
        "new events went out while the replay ran: " + names);
    EventBunkerStats stats = harness.appender.getStats();
    assertEquals(100, stats.accepted(), stats.toString());
    assertEquals(100, stats.delivered(), stats.toString());
    assertEquals(100, receiver.acceptedCount());
  }

  @Test
  void aTornTailIsSkippedAndTheEventsBeforeItAreSent(EventBunkerReceiver receiver)
      throws Exception {
    spoolWhileDown("torn", 10);
    List<Path> segments = segmentFiles();
    Path last = segments.get(segments.size() - 1);
    long size = Files.size(last);
    try (java.nio.channels.FileChannel channel =
        java.nio.channels.FileChannel.open(last, java.nio.file.StandardOpenOption.WRITE)) {
      channel.truncate(size - 7); // as if the process died while writing the last record
    }

    AppenderHarness harness = spooling(receiver.endpoint().toString(), a -> {});
    receiver.awaitEvents(9, WAIT);
    awaitSettled(harness);

    EventBunkerStats stats = harness.appender.getStats();
    assertEquals(9, stats.accepted(), stats.toString());
    assertEquals(9, stats.delivered(), stats.toString());
    assertTrue(
        saidSomething(harness, "WARN", "torn tail", last.toString(), "9 events before them"),
        harness.statusMessages().toString());
    assertNoErrorStatus(harness);
    await().atMost(WAIT).until(() -> segmentFiles().isEmpty());
    assertEquals(List.of(), quarantinedFiles(), "a torn tail is expected, not corruption");
  }

  @Test
  void aCorruptSegmentIsQuarantinedOnceTheEventsBeforeTheDamageAreSent(EventBunkerReceiver receiver)
      throws Exception {
    spoolWhileDown("damaged", 10);
    List<Path> segments = segmentFiles();
    assertEquals(1, segments.size(), "all were stranded at once, in one batch");
    Path segment = segments.get(0);
    long damageAt = recordOffsets(segment).get(5);
    byte[] bytes = Files.readAllBytes(segment);
    bytes[(int) damageAt + 20] ^= 0x5A;
    Files.write(segment, bytes);

    AppenderHarness harness = spooling(receiver.endpoint().toString(), a -> {});
    receiver.awaitEvents(5, WAIT);
    awaitSettled(harness);
    Path quarantined = segment.resolveSibling(segment.getFileName() + ".corrupt");
    await().atMost(WAIT).until(() -> Files.exists(quarantined));

    EventBunkerStats stats = harness.appender.getStats();
    assertEquals(5, stats.accepted(), stats.toString());
    assertEquals(5, stats.delivered(), stats.toString());
    assertFalse(Files.exists(segment));
    assertTrue(
        saidSomething(
            harness, "WARN", segment.toString(), "corrupt", "at byte " + damageAt, ".corrupt"),
        harness.statusMessages().toString());
    assertNoErrorStatus(harness);
    harness.logger.info(EVENT, "after_quarantine", field("id", 99));
    receiver.awaitEvent("after_quarantine", WAIT);

    harness.close();
    AppenderHarness restarted = spooling(receiver.endpoint().toString(), a -> {});
    assertEquals(0, restarted.appender.getStats().accepted(), "a quarantined file is not read");
    assertTrue(restarted.statusMessages().stream().noneMatch(m -> m.contains("corrupt")));
  }

  @Test
  void aFullSpoolDropsTheNewestEventsAndCountsThem() throws Exception {
    AppenderHarness harness =
        spooling(
            deadEndpoint(),
            a -> {
              a.setMaxEventBytes(new FileSize(1024));
              a.setMaxSpoolBytes(new FileSize(4096));
              a.setMaxInFlight(1); // the queue, not concurrent failures, decides the order
              a.setRetryMaxAttempts(1000);
              a.setShutdownTimeout(Duration.buildByMilliseconds(200));
            });
    for (int i = 0; i < 200; i++) {
      harness.logger.info(EVENT, "flood", field("id", i), field("pad", "x".repeat(50)));
    }
    harness.close(); // all 200 are stranded, in the order they were logged

    EventBunkerStats stats = harness.appender.getStats();
    assertEquals(200, stats.accepted(), stats.toString());
    assertTrue(stats.dropped() > 100, stats.toString());
    assertTrue(stats.spooled() > 10, stats.toString());
    assertTrue(stats.spooledBytes() <= 4096, stats.toString());
    assertEquals(stats.spooled(), stats.pending(), stats.toString());
    assertEquals(0, stats.failed(), stats.toString());
    assertEquals(stats.dropped(), harness.results(Outcome.DROPPED).size());
    assertTrue(
        harness.results(Outcome.DROPPED).stream()
            .allMatch(r -> r.reason().contains("the spool is full (maxSpoolBytes 4096")),
        harness.results(Outcome.DROPPED).toString());
    List<Integer> kept = spooledIds();
    assertEquals(stats.spooled(), kept.size());
    assertTrue(
        kept.stream().allMatch(id -> id <= kept.size()),
        "the oldest are kept, the newest dropped: " + kept);
  }

  @Test
  void anotherAppenderOnTheDirectoryRunsWithoutASpoolAndIsToldWhoHasIt(EventBunkerReceiver receiver)
      throws Exception {
    AppenderHarness first = spooling(receiver.endpoint().toString(), a -> a.setName("first"));
    AppenderHarness second = spooling(receiver.endpoint().toString(), a -> a.setName("second"));

    assertTrue(first.appender.getStats().spoolEnabled());
    assertFalse(second.appender.getStats().spoolEnabled());
    assertTrue(second.appender.isStarted());
    assertTrue(
        saidSomething(
            second,
            "WARN",
            "cannot use spoolDirectory " + dir,
            "in use by process " + ProcessHandle.current().pid() + " (appender 'first'",
            "runs without a spool"),
        second.statusMessages().toString());
    assertNoErrorStatus(second);
    second.logger.info(EVENT, "still_sent");
    receiver.awaitEvent("still_sent", WAIT);

    first.close();
    AppenderHarness third = spooling(receiver.endpoint().toString(), a -> a.setName("third"));
    assertTrue(third.appender.getStats().spoolEnabled(), "released at stop");
  }

  @Test
  void aDirectoryThatCannotBeCreatedLeavesTheAppenderRunningWithoutASpool(
      EventBunkerReceiver receiver) throws Exception {
    Path file = Files.createFile(dir.resolve("not-a-directory"));
    AppenderHarness harness =
        new AppenderHarness(
            receiver.endpoint().toString(),
            a -> a.setSpoolDirectory(file.resolve("spool").toString()));
    harnesses.add(harness);

    assertTrue(harness.appender.isStarted());
    assertFalse(harness.appender.getStats().spoolEnabled());
    assertTrue(
        saidSomething(harness, "WARN", "cannot use spoolDirectory", "runs without a spool"),
        harness.statusMessages().toString());
    assertNoErrorStatus(harness);
  }

  @Test
  void spooledEventsOlderThanSpoolMaxAgeFailInsteadOfBeingSent(EventBunkerReceiver receiver)
      throws Exception {
    AppenderHarness down =
        spooling(deadEndpoint(), a -> a.setShutdownTimeout(Duration.buildByMilliseconds(200)));
    long twoHoursAgo = System.currentTimeMillis() - java.time.Duration.ofHours(2).toMillis();
    for (int i = 0; i < 3; i++) {
      LoggingEvent stale =
          new LoggingEvent(
              getClass().getName(),
              down.logger,
              Level.INFO,
              "stale",
              null,
              new Object[] {field("id", i)});
      stale.setTimeStamp(twoHoursAgo);
      stale.addMarker(EVENT);
      down.appender.doAppend(stale);
    }
    down.logger.info(EVENT, "fresh", field("id", 3));
    down.close();
    assertEquals(4, down.appender.getStats().spooled());

    AppenderHarness up =
        spooling(receiver.endpoint().toString(), a -> a.setSpoolMaxAge(Duration.buildByHours(1)));
    receiver.awaitEvent("fresh", WAIT);
    awaitSettled(up);

    EventBunkerStats stats = up.appender.getStats();
    assertEquals(1, stats.delivered(), stats.toString());
    assertEquals(3, stats.failed(), stats.toString());
    assertEquals(1, receiver.acceptedCount());
    assertTrue(
        up.results(Outcome.FAILED).stream()
            .allMatch(r -> r.eventName().equals("stale") && r.reason().contains("spoolMaxAge")),
        up.results.toString());
    await().atMost(WAIT).until(() -> segmentFiles().isEmpty());
  }

  @Test
  void aRefusedWriteKeyCostsTheSpoolNothing(EventBunkerReceiver receiver) throws Exception {
    spoolWhileDown("keep_me", 20);

    AppenderHarness wrongKey =
        spooling(receiver.endpoint().toString(), a -> a.setWriteKey("wk_not_this_one"));
    await().atMost(WAIT).until(() -> receiver.unauthorizedCount() == 1);
    wrongKey.close();

    EventBunkerStats stats = wrongKey.appender.getStats();
    assertEquals(1, receiver.unauthorizedCount(), "replay probes a key it does not know yet");
    assertEquals(0, stats.rejected(), "a refused replayed event stays in the spool");
    assertEquals(20, stats.spooled(), stats.toString());
    assertEquals(20, stats.pending(), stats.toString());
  }
}
