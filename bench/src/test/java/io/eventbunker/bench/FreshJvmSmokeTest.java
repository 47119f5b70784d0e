package io.eventbunker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Proves the fresh-JVM harness works, in seconds: one small burst, one short life, one quiet start
 * and the JDK client alone, each in a child JVM, every event counted by the appender and by the
 * receiver; no timing target.
 */
class FreshJvmSmokeTest {
  private static final int EVENTS = 200;

  @Test
  @SuppressWarnings("unchecked")
  void eachTrialRunsInAChildJvmAndReportsItsCounts() throws Exception {
    FreshJvm.Options options = new FreshJvm.Options();
    options.testkitJar = Path.of(System.getProperty("testkit.jar"));
    options.latencies = List.of(0);
    options.lifeLatencies = List.of(0);
    options.trials = 1;
    options.warmupTrials = 0;
    options.burstEvents = EVENTS;
    options.lifeSeconds = 2;
    options.rateSeconds = 1;
    options.receiverWarmupSeconds = 0;

    Map<String, Object> results = new FreshJvm(options).run();

    List<Map<String, Object>> scenarios = (List<Map<String, Object>>) results.get("scenarios");
    Map<String, Object> burstKind = (Map<String, Object>) scenarios.get(0).get(FreshJvm.BURST);
    Map<String, Object> burst = ((List<Map<String, Object>>) burstKind.get("trials")).get(0);
    assertEquals("burst", burst.get("mode"), burst::toString);
    assertEquals(EVENTS, ((Number) burst.get("accepted")).intValue(), burst::toString);
    assertEquals(EVENTS, ((Number) burst.get("delivered")).intValue(), burst::toString);
    assertEquals(EVENTS, ((Number) burst.get("receiver_accepted")).intValue(), burst::toString);
    assertEquals(0, ((Number) burst.get("dropped")).intValue(), burst::toString);
    assertEquals(0, burst.get("exit_code"), burst::toString);
    assertInstanceOf(Number.class, burst.get("first_event_ms"), burst::toString);
    assertInstanceOf(Number.class, burst.get("stop_ms"), burst::toString);
    Map<String, Object> summary = (Map<String, Object>) burstKind.get("summary");
    assertTrue(summary.containsKey("first_event_ms"), summary::toString);

    Map<String, Object> lifeKind = (Map<String, Object>) scenarios.get(0).get(FreshJvm.LIFE);
    Map<String, Object> life = ((List<Map<String, Object>>) lifeKind.get("trials")).get(0);
    long delivered = ((Number) life.get("delivered")).longValue();
    assertTrue(delivered > 0, life::toString);
    assertEquals(delivered, ((Number) life.get("accepted")).longValue(), life::toString);
    assertEquals(delivered, ((Number) life.get("receiver_accepted")).longValue(), life::toString);
    assertEquals(1, ((List<?>) life.get("rate_per_second")).size(), life::toString);
    assertTrue(((Number) life.get("cpu_us_per_delivered")).doubleValue() > 0, life::toString);

    Map<String, Object> quiet = onlyTrial(scenarios.get(0), FreshJvm.QUIET);
    assertEquals(1, ((Number) quiet.get("delivered")).intValue(), quiet::toString);
    assertEquals(1, ((Number) quiet.get("receiver_accepted")).intValue(), quiet::toString);
    assertInstanceOf(Number.class, quiet.get("first_event_after_logging_ms"), quiet::toString);

    Map<String, Object> jdk = onlyTrial(scenarios.get(0), FreshJvm.JDK);
    assertEquals(200, jdk.get("status"), jdk::toString);
    assertEquals(1, ((Number) jdk.get("receiver_accepted")).intValue(), jdk::toString);
    assertInstanceOf(Number.class, jdk.get("first_event_ms"), jdk::toString);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> onlyTrial(Map<String, Object> scenario, String kind) {
    Map<String, Object> trials = (Map<String, Object>) scenario.get(kind);
    return ((List<Map<String, Object>>) trials.get("trials")).get(0);
  }
}
