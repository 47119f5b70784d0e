package io.eventbunker.log4j2;

import static io.eventbunker.log4j2.EventBunker.EVENT;
import static io.eventbunker.log4j2.EventBunker.field;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The child JVM of {@link Log4j2ConsoleProcessTest}: a plain application configured by the
 * log4j2.xml named in {@code -Dlog4j2.configurationFile}, with no status listener, as a new user
 * would have it. Logs {@code count} events, prints {@code LOGGED}, waits for a line on standard
 * input when asked to, then ends in one of two ways: {@code shutdown} calls {@code
 * LogManager.shutdown()} as an application's shutdown would; {@code hook} just returns from main,
 * leaving Log4j2's shutdown hook to stop the appender.
 *
 * <p>Arguments: {@code count wait|nowait shutdown|hook}.
 */
final class ConsoleProcess {
  private ConsoleProcess() {}

  public static void main(String[] args) throws IOException {
    int count = Integer.parseInt(args[0]);
    Logger log = LogManager.getLogger("shop");
    for (int i = 0; i < count; i++) {
      log.info(EVENT, "order_placed", field("order", i));
    }
    System.out.println("LOGGED");
    System.out.flush();
    if (args[1].equals("wait")) {
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
    if (args[2].equals("shutdown")) {
      LogManager.shutdown();
      System.out.println("STOPPED");
    } else {
      System.out.println("EXITING");
    }
  }
}
