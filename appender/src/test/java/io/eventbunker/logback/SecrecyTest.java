package io.eventbunker.logback;

import static io.eventbunker.logback.EventBunker.EVENT;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The write key in what a remote plain-http endpoint makes the appender say: a start warning that
 * the key would travel in clear, then a failure to connect. The echoing servers are in the contract
 * suite's SecrecyContract.
 */
class SecrecyTest {

  @Test
  void aRemotePlainHttpEndpointIsWarnedOfWithoutTheKey() throws Exception {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    List<String> seen = new ArrayList<>();
    System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
    try (AppenderHarness remote =
        new AppenderHarness("http://unresolvable.invalid/post", a -> a.setRetryMaxAttempts(1))) {
      remote.logger.info(EVENT, "signup_completed");
      remote.awaitResults(1).forEach(r -> seen.add(r.toString()));
      remote.appender.stop();
      seen.addAll(remote.statusMessages());
    } finally {
      System.setErr(originalErr);
    }
    seen.add(console.toString(StandardCharsets.UTF_8));

    assertTrue(seen.stream().anyMatch(s -> s.contains("over plain http")), "the warning: " + seen);
    for (String text : seen) {
      assertFalse(text.contains(AppenderHarness.WRITE_KEY), "write key leaked in: " + text);
    }
  }
}
