package io.eventbunker.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The appenders open their connection with a HEAD before the first event. The receiver answers it
 * without a body, so that the JDK's HttpServer has nothing to warn about on the application's
 * console (the demo's, say).
 */
class HeadRequestTest {

  @Test
  void aHeadIsAnsweredWithoutABodyAndWithoutAWarning() throws Exception {
    Logger server = Logger.getLogger("com.sun.net.httpserver");
    List<String> warnings = new CopyOnWriteArrayList<>();
    Handler recorder =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
              warnings.add(record.getMessage());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    server.addHandler(recorder);
    try (EventBunkerReceiver receiver = EventBunkerReceiver.builder().build().start()) {
      HttpResponse<String> response =
          Http.send(
              HttpRequest.newBuilder(receiver.endpoint())
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .build());

      assertEquals("", response.body());
    } finally {
      server.removeHandler(recorder);
    }
    assertEquals(List.of(), warnings);
  }
}
