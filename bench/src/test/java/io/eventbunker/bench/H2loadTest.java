package io.eventbunker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Reading {@code h2load}'s output: its rate, only from a run where everything succeeded. */
class H2loadTest {
  private static final String RUN =
      "starting benchmark...\n"
          + "TLS Protocol: TLSv1.3\n"
          + "Application protocol: h2\n"
          + "\n"
          + "finished in 3.01s, 1198.67 req/s, 105.13KB/s\n"
          + "requests: 3596 total, 3660 started, 3596 done, 3596 succeeded, 0 failed, 0 errored,"
          + " 0 timeout\n"
          + "status codes: 3600 2xx, 0 3xx, 0 4xx, 0 5xx\n";

  @Test
  void readsTheRateOfARunWhereEveryRequestSucceeded() throws IOException {
    H2load.Result result = H2load.parse(RUN);

    assertEquals(1198.67, result.perSecond(), 1e-9);
    assertEquals(3596, result.succeeded());
  }

  @Test
  void refusesARunWithErrorAnswers() {
    String run = RUN.replace("0 4xx", "12 4xx");

    IOException e = assertThrows(IOException.class, () -> H2load.parse(run));
    assertTrue(e.getMessage().contains("failed requests"), e.getMessage());
  }

  @Test
  void refusesARunThatDidNotNegotiateHttp2() {
    String run = RUN.replace("Application protocol: h2", "Application protocol: http/1.1");

    IOException e = assertThrows(IOException.class, () -> H2load.parse(run));
    assertTrue(e.getMessage().contains("HTTP/2"), e.getMessage());
  }
}
