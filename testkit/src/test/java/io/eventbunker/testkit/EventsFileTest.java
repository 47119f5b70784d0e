package io.eventbunker.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsFileTest {
  private static final String KEY = EventBunkerReceiver.DEFAULT_WRITE_KEY;

  @TempDir Path dir;

  @Test
  void eachAcceptedEventIsAppendedAsOneJsonLine() throws Exception {
    Path file = dir.resolve("events.jsonl");
    String multiLine =
        """
        {
          "event_name": "signup",
          "timestamp": "2021-06-26T14:48:00.000",
          "price": 0.1000000000000000055
        }""";
    String uniqueReqId;
    try (EventBunkerReceiver receiver =
        EventBunkerReceiver.builder().eventsFile(file).build().start()) {
      URI endpoint = receiver.endpoint();
      uniqueReqId =
          (String) TestJson.object(Http.post(endpoint, KEY, multiLine).body()).get("unique_req_id");
      Http.post(endpoint, KEY, "{\"not\": \"an event\"}");
      Http.post(endpoint, "wrong-key", Http.event("unauthorized"));
      Http.post(endpoint, KEY, Http.event("login"));
    }

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(2, lines.size(), lines.toString());
    Map<String, Object> signup = TestJson.object(lines.get(0));
    assertEquals(uniqueReqId, signup.get("unique_req_id"));
    assertEquals("2021-06-26T14:48:00.000", signup.get("timestamp"));
    assertTrue(
        lines
            .get(0)
            .endsWith(
                ",\"event\":{\"event_name\":\"signup\",\"timestamp\":\"2021-06-26T14:48:00.000\","
                    + "\"price\":0.1000000000000000055}}"),
        lines.get(0));
    assertEquals(Map.of("event_name", "login"), TestJson.object(lines.get(1)).get("event"));
  }

  @Test
  void existingFileIsAppendedTo() throws Exception {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, "{\"earlier\":true}\n");

    try (EventBunkerReceiver receiver =
        EventBunkerReceiver.builder().eventsFile(file).build().start()) {
      Http.post(receiver.endpoint(), KEY, Http.event("later"));
    }

    List<String> lines = Files.readAllLines(file);
    assertEquals("{\"earlier\":true}", lines.get(0));
    assertEquals(2, lines.size());
  }

  @Test
  void eventsFileThatCannotBeOpenedFailsTheStart() {
    Path missingDir = dir.resolve("missing").resolve("events.jsonl");
    EventBunkerReceiver receiver = EventBunkerReceiver.builder().eventsFile(missingDir).build();

    UncheckedIOException e = assertThrows(UncheckedIOException.class, receiver::start);
    assertTrue(
        e.getMessage().startsWith("Cannot open the events file " + missingDir), e.getMessage());
  }
}
