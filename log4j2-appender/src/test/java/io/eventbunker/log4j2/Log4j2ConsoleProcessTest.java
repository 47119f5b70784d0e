package io.eventbunker.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventbunker.contract.ChildApplication;
import io.eventbunker.contract.ConsoleProcessContract;
import io.eventbunker.testkit.EventBunkerReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console a user of the README's log4j2.xml sees, in a child JVM; and what Log4j2's own ways of
 * stopping, {@code LogManager.shutdown()} and its shutdown hook, deliver.
 */
class Log4j2ConsoleProcessTest extends ConsoleProcessContract {
  /** How the child ends: {@code shutdown} (LogManager.shutdown()) or {@code hook}. */
  private String ending = "shutdown";

  @Override
  protected void startApplication(
      ChildApplication application,
      String writeKey,
      String endpoint,
      Map<String, String> settings,
      int count,
      boolean wait)
      throws IOException {
    StringBuilder attributes = new StringBuilder();
    settings.forEach((name, value) -> attributes.append(" " + name + "=\"" + value + "\""));
    Path config = dir.resolve("log4j2.xml");
    Files.writeString(
        config,
        "<Configuration>\n"
            + "  <Appenders>\n"
            + "    <EventBunker name=\"EVENTBUNKER\" writeKey=\"${env:EVENTBUNKER_WRITE_KEY}\"\n"
            + "                 endpoint=\""
            + endpoint
            + "\""
            + attributes
            + "/>\n"
            + "  </Appenders>\n"
            + "  <Loggers>\n"
            + "    <Root level=\"info\"><AppenderRef ref=\"EVENTBUNKER\"/></Root>\n"
            + "  </Loggers>\n"
            + "</Configuration>\n");
    application.start(
        writeKey,
        List.of("-Dlog4j2.configurationFile=" + config),
        ConsoleProcess.class,
        String.valueOf(count),
        wait ? "wait" : "nowait",
        ending);
  }

  @Test
  void logManagerShutdownDeliversABurst() throws Exception {
    EventBunkerReceiver receiver = EVENTBUNKER.receiver();
    run(WRITE_KEY, receiver.endpoint().toString(), Map.of(), 500);

    assertEquals(500, receiver.acceptedCount(), child().stderr());
    assertEquals(List.of(), child().eventBunkerLines());
  }

  @Test
  void theShutdownHookDeliversABurstWhenMainReturns() throws Exception {
    EventBunkerReceiver receiver = EVENTBUNKER.receiver();
    receiver.setLatency(Duration.ofMillis(20));
    ending = "hook";
    start(WRITE_KEY, receiver.endpoint().toString(), Map.of(), 500, false);
    child().finish("EXITING", WRITE_KEY);

    assertEquals(500, receiver.acceptedCount(), child().stderr());
    assertEquals(List.of(), child().eventBunkerLines());
  }

  @Test
  void aMissingWriteKeyIsPrintedByLog4j2sStatusLogger() throws Exception {
    EventBunkerReceiver receiver = EVENTBUNKER.receiver();
    run("", receiver.endpoint().toString(), Map.of(), 5);

    // Log4j2's StatusLogger prints to standard output unless configured otherwise.
    String console = child().stdout() + child().stderr();
    assertTrue(
        console.contains(
            "ERROR " + ChildApplication.PREFIX + "has no write key and was not started"),
        console);
    assertEquals(0, receiver.acceptedCount());
  }
}
