package io.eventbunker.logback;

import static io.eventbunker.logback.EventBunker.EVENT;
import static io.eventbunker.logback.EventBunker.field;

import ch.qos.logback.classic.LoggerContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child JVM of {@link LogbackConsoleProcessTest}: a plain application configured by the
 * logback.xml named in {@code -Dlogback.configurationFile}, with no status listener, as a new user
 * would have it. Logs {@code count} events, prints {@code LOGGED}, waits for a line on standard
 * input when asked to, then stops logback as an application's shutdown would.
 *
 * <p>Arguments: {@code count wait|nowait}.
 */
final class ConsoleProcess {
  private ConsoleProcess() {}

  public static void main(String[] args) throws IOException {
    int count = Integer.parseInt(args[0]);
    Logger log = LoggerFactory.getLogger("shop");
    for (int i = 0; i < count; i++) {
      log.info(EVENT, "order_placed", field("order", i));
    }
    System.out.println("LOGGED");
    System.out.flush();
    if (args[1].equals("wait")) {
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
    ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    System.out.println("STOPPED");
  }
}
