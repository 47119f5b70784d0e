package io.eventbunker.logback;

import io.eventbunker.contract.ChildApplication;
import io.eventbunker.contract.ConsoleProcessContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The console a user of the README's logback.xml sees, in a child JVM. */
class LogbackConsoleProcessTest extends ConsoleProcessContract {

  @Override
  protected void startApplication(
      ChildApplication application,
      String writeKey,
      String endpoint,
      Map<String, String> settings,
      int count,
      boolean wait)
      throws IOException {
    StringBuilder elements = new StringBuilder();
    settings.forEach(
        (name, value) -> elements.append("<" + name + ">" + value + "</" + name + ">"));
    Path config = dir.resolve("logback.xml");
    Files.writeString(
        config,
        "<configuration>\n"
            + "  <appender name=\"EVENTBUNKER\" class=\"io.eventbunker.logback.EventBunkerAppender\">\n"
            + "    <writeKey>${EVENTBUNKER_WRITE_KEY}</writeKey>\n"
            + "    <endpoint>"
            + endpoint
            + "</endpoint>\n"
            + elements
            + "\n  </appender>\n"
            + "  <root level=\"INFO\"><appender-ref ref=\"EVENTBUNKER\"/></root>\n"
            + "</configuration>\n");
    application.start(
        writeKey,
        List.of("-Dlogback.configurationFile=" + config),
        ConsoleProcess.class,
        String.valueOf(count),
        wait ? "wait" : "nowait");
  }
}
