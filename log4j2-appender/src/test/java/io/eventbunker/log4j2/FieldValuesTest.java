package io.eventbunker.log4j2;

import static io.eventbunker.log4j2.EventBunker.EVENT;
import static io.eventbunker.log4j2.EventBunker.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventbunker.core.EventResult;
import io.eventbunker.core.Outcome;
import io.eventbunker.testkit.EventBunkerReceiver;
import io.eventbunker.testkit.EventBunkerReceiverExtension;
import io.eventbunker.testkit.ReceivedEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ObjectMessage;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A spot check of the README's "Field values" table through Log4j2 (the shared contract suite
 * covers it whole), and what the appender never does to user objects.
 */
class FieldValuesTest {
  @RegisterExtension
  static final EventBunkerReceiverExtension eventBunker =
      new EventBunkerReceiverExtension(
          EventBunkerReceiver.builder().writeKey(Log4j2Harness.WRITE_KEY));

  private Log4j2Harness harness;

  @BeforeEach
  void start() {
    harness = new Log4j2Harness(eventBunker.receiver().endpoint().toString());
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  enum Plan {
    PRO
  }

  @Test
  void valuesAreSentWithTheirJsonTypes() throws Exception {
    UUID id = UUID.fromString("00000000-0000-0000-0000-00000000002a");
    harness.logger.info(
        EVENT,
        "typed",
        field("text", "x"),
        field("letter", 'c'),
        field("id", id),
        field("count", 7L),
        field("plain", new BigDecimal("1E+3")),
        field("ratio", 0.5f),
        field("flag", false),
        field("plan", Plan.PRO),
        field("at", Instant.parse("2021-06-26T14:48:00Z")),
        field("day", LocalDate.of(2021, 6, 26)),
        field("ints", new int[] {1, 2}),
        field("names", Arrays.asList("a", null, "b")),
        field("absent", null));

    ReceivedEvent event = eventBunker.receiver().awaitEvent("typed", Duration.ofSeconds(10));
    Map<String, Object> fields = event.fields();
    assertEquals("x", fields.get("text"));
    assertEquals("c", fields.get("letter"));
    assertEquals(id.toString(), fields.get("id"));
    assertEquals(7, ((Number) fields.get("count")).intValue());
    assertTrue(event.rawJson().contains("\"plain\":1000"), event.rawJson());
    assertEquals(0.5, fields.get("ratio"));
    assertEquals(false, fields.get("flag"));
    assertEquals("PRO", fields.get("plan"));
    assertEquals("2021-06-26T14:48:00.000", fields.get("at"));
    assertEquals("2021-06-26", fields.get("day"));
    assertEquals(List.of(1, 2), fields.get("ints"));
    assertEquals(List.of("a", "b"), fields.get("names"));
    assertTrue(!fields.containsKey("absent"), fields.toString());
  }

  @Test
  void valuesJsonCannotCarryAreRejectedNamingTheField() {
    harness.logger.info(EVENT, "not_a_number", field("ratio", Double.NaN));
    harness.logger.info(EVENT, "a_map", field("attributes", Map.of("k", "v")));
    harness.logger.info(EVENT, "reserved", field("timestamp", "now"));

    List<EventResult> results = harness.awaitResults(3);
    for (EventResult result : results) {
      assertEquals(Outcome.REJECTED, result.outcome(), result.toString());
    }
    assertTrue(results.get(0).reason().contains("ratio"), results.get(0).reason());
    assertTrue(results.get(1).reason().contains("attributes"), results.get(1).reason());
    assertTrue(results.get(2).reason().contains("reserved"), results.get(2).reason());
    assertEquals(3, harness.appender.getStats().rejected());
  }

  /** An argument whose toString() would be slow, throw or loop: it must never be called. */
  static final class Hostile {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public String toString() {
      calls.incrementAndGet();
      throw new AssertionError("toString() called");
    }
  }

  private static LogEvent event(Message message) {
    return Log4jLogEvent.newBuilder()
        .setLoggerName("direct")
        .setLevel(Level.INFO)
        .setMarker(EVENT)
        .setMessage(message)
        .setTimeMillis(System.currentTimeMillis())
        .build();
  }

  @Test
  void theNameIsReadWithoutFormattingTheArguments() throws Exception {
    Hostile hostile = new Hostile();
    harness.appender.append(event(new ParameterizedMessage("user {} signed up", hostile)));

    eventBunker.receiver().awaitEvent("user {} signed up", Duration.ofSeconds(10));
    assertEquals(0, hostile.calls.get());
  }

  @Test
  void anObjectMessageHasNoNameAndItsObjectIsNeverFormatted() {
    Hostile hostile = new Hostile();
    harness.appender.append(event(new ObjectMessage(hostile)));

    EventResult result = harness.awaitResults(1).get(0);
    assertEquals(Outcome.REJECTED, result.outcome());
    assertTrue(result.reason().contains("has no message"), result.reason());
    assertEquals(0, hostile.calls.get());
  }
}
