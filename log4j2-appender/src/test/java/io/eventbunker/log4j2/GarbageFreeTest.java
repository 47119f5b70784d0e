package io.eventbunker.log4j2;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.junit.jupiter.api.Test;

/**
 * Log4j2 can log without allocating; a statement without the EVENT marker must stay so through our
 * appender: its cost is the marker check, and nothing else.
 */
class GarbageFreeTest {
  private static final int STATEMENTS = 200_000;

  @Test
  void statementsWithoutTheEventMarkerAllocateNothing() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(threads.isThreadAllocatedMemorySupported());
    threads.setThreadAllocatedMemoryEnabled(true);
    Marker other = MarkerManager.getMarker("AUDIT-GF");
    other.addParents(MarkerManager.getMarker("SECURITY-GF"));
    LogEvent noMarker = event(null);
    LogEvent otherMarker = event(other);
    EventBunkerAppender appender =
        EventBunkerAppender.newBuilder()
            .setName("garbage-free")
            .setWriteKey("wk_1")
            .setEndpoint("http://127.0.0.1:9/post")
            .build();
    appender.start();
    try {
      for (int i = 0; i < STATEMENTS; i++) { // warm up: compiled code, as in an application
        appender.append(noMarker);
        appender.append(otherMarker);
      }
      long thread = Thread.currentThread().getId();
      long before = threads.getThreadAllocatedBytes(thread);
      for (int i = 0; i < STATEMENTS; i++) {
        appender.append(noMarker);
        appender.append(otherMarker);
      }
      long allocated = threads.getThreadAllocatedBytes(thread) - before;

      // A byte per statement would be 400 KB; the measuring itself costs a few hundred bytes.
      assertTrue(allocated < 4096, allocated + " bytes for " + 2 * STATEMENTS + " statements");
    } finally {
      appender.stop();
    }
  }

  private static LogEvent event(Marker marker) {
    return Log4jLogEvent.newBuilder()
        .setLoggerName("shop")
        .setLevel(Level.INFO)
        .setMarker(marker)
        .setMessage(new ParameterizedMessage("order {}", 42))
        .build();
  }
}
