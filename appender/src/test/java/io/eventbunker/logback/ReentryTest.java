package io.eventbunker.logback;

import static io.eventbunker.logback.EventBunker.EVENT;
import static io.eventbunker.logback.EventBunker.field;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eventbunker.core.EventBunkerListener;
import io.eventbunker.core.EventResult;
import org.junit.jupiter.api.Test;

/** Logback 1.5.21+ no longer guards custom appenders against re-entry: we do it ourselves. */
class ReentryTest {
  @Test
  void eventsLoggedFromInsideTheAppenderAreIgnoredNotRecursedInto() {
    // No request is ever sent: every event here is rejected locally, on the logging thread.
    try (AppenderHarness harness = new AppenderHarness("http://127.0.0.1:9/post")) {
      harness.appender.addListener(
          new EventBunkerListener() {
            @Override
            public void onResult(EventResult result) {
              // A listener that logs an event which is itself rejected: unguarded, this recurses
              // until the stack overflows in the caller's thread.
              harness.logger.info(EVENT, "nested", field("ratio", Double.NaN));
            }
          });

      assertDoesNotThrow(() -> harness.logger.info(EVENT, "outer", field("ratio", Double.NaN)));

      assertEquals(1, harness.appender.getStats().accepted());
      assertEquals(1, harness.appender.getStats().rejected());
    }
  }
}
