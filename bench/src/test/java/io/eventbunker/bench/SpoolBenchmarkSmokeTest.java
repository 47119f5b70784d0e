package io.eventbunker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the spool harness works, in seconds: every event written is replayed, no timing target.
 */
class SpoolBenchmarkSmokeTest {

  @Test
  @SuppressWarnings("unchecked")
  void everySpooledEventIsReplayedToTheReceiverProcess(@TempDir Path temp) throws Exception {
    SpoolBenchmark.Options options = new SpoolBenchmark.Options();
    options.testkitJar = Path.of(System.getProperty("testkit.jar"));
    options.dir = temp.resolve("spool-bench");
    options.events = 2 * SpoolBenchmark.BURST;
    options.replayEvents35 = 200;
    options.rounds = 20;

    Map<String, Object> results = new SpoolBenchmark(options).run();

    Map<String, Object> paired = (Map<String, Object>) results.get("healthy_paired");
    assertEquals(0L, paired.get("dropped"), paired::toString);
    assertEquals(0L, paired.get("spooled"), paired::toString);
    Map<String, Object> control = (Map<String, Object>) results.get("healthy_paired_control");
    assertEquals(0L, control.get("dropped"), control::toString);
    Map<String, Object> spooling = (Map<String, Object>) results.get("spooling");
    assertEquals(0L, spooling.get("dropped"), spooling::toString);
    assertEquals((long) options.events, spooling.get("spooled"), spooling::toString);
    Map<String, Object> replay = (Map<String, Object>) results.get("replay_0ms");
    assertEquals((long) options.events, replay.get("delivered"), replay::toString);
    assertEquals(0L, replay.get("left_in_spool"), replay::toString);
    Map<String, Object> slowReplay = (Map<String, Object>) results.get("replay_35ms");
    assertEquals((long) options.replayEvents35, slowReplay.get("delivered"), slowReplay::toString);
  }
}
