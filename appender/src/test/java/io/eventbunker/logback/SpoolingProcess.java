package io.eventbunker.logback;

import static io.eventbunker.logback.EventBunker.EVENT;
import static io.eventbunker.logback.EventBunker.field;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * The child JVM of {@link SpoolProcessTest}: an application with a spooling appender, to be killed.
 *
 * <p>Arguments: {@code hold|log spoolDirectory endpoint count}. {@code hold} takes the directory,
 * prints {@code HOLDING <spoolEnabled>} and waits. {@code log} logs {@code count} events, prints
 * {@code SPOOLED <count>} once they are all on disk, then goes on logging until it is killed.
 */
final class SpoolingProcess {
  private SpoolingProcess() {}

  public static void main(String[] args) throws InterruptedException {
    String mode = args[0];
    int count = Integer.parseInt(args[3]);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    EventBunkerAppender appender = new EventBunkerAppender();
    appender.setContext(context);
    appender.setName("child");
    appender.setWriteKey("child-key");
    appender.setEndpoint(args[2]);
    appender.setSpoolDirectory(args[1]);
    appender.setQueueCapacity(10);
    appender.setRetryMaxAttempts(1); // the endpoint is dead: straight to the spool
    // While the endpoint looks down one request at a time probes it: keep the probes quick, so
    // that the queue's last events reach the spool within the wait below.
    appender.setRetryInitialBackoff(ch.qos.logback.core.util.Duration.buildByMilliseconds(20));
    appender.setRetryMaxBackoff(ch.qos.logback.core.util.Duration.buildByMilliseconds(100));
    appender.start();
    Logger logger = context.getLogger("child");
    logger.setAdditive(false);
    logger.setLevel(Level.INFO);
    logger.addAppender(appender);

    if (mode.equals("hold")) {
      System.out.println("HOLDING " + appender.getStats().spoolEnabled());
    } else {
      for (int i = 0; i < count; i++) {
        logger.info(EVENT, "crash", field("id", i));
      }
      await().atMost(Duration.ofMinutes(1)).until(() -> appender.getStats().spooled() >= count);
      System.out.println("SPOOLED " + count);
      for (int i = count; i < 10 * count; i++) {
        logger.info(EVENT, "crash", field("id", i)); // still at it when the parent kills us
      }
    }
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
