package io.eventbunker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proves the HTTPS + HTTP/2 harness works, in seconds and without {@code h2load}: the server in its
 * own JVM, the JDK client and our appender warm, one fresh JVM of each kind and one burst at exit,
 * every event counted by the client and by the server as answered over HTTP/2, and the report's
 * section written; no timing target.
 */
class Http2BenchSmokeTest {
  private static final int EVENTS = 100;
  private static final int BURST_EVENTS = 300;

  @Test
  void everyRowRunsOverHttp2AndEveryEventArrives() throws Exception {
    Http2Bench.Options options = new Http2Bench.Options();
    options.latencies = List.of(0);
    options.h2loadRuns = 0;
    options.warmupSeconds = 1;
    options.windowSeconds = 1;
    options.jdkClientThreads = 4;
    options.freshEvents = EVENTS;
    options.trials = 1;
    options.warmupTrials = 0;
    options.burstLatencies = List.of(0);
    options.burstEvents = BURST_EVENTS;

    JsonNode results = new ObjectMapper().valueToTree(new Http2Bench(options).run());

    JsonNode scenario = results.get("scenarios").get(0);
    assertEquals("HTTP_2", scenario.get("protocol").asText(), scenario::toString);
    assertTrue(results.has("h2load_missing"), results::toString);

    JsonNode jdk = scenario.get("jdk_client_warm");
    assertTrue(jdk.get("mean").asDouble() > 0, jdk::toString);
    assertEquals(0, jdk.get("failed").asLong(), jdk::toString);
    assertEquals(
        jdk.get("server_answered").asLong(),
        jdk.get("server_answered_http2").asLong(),
        jdk::toString);

    JsonNode warm = scenario.get("ours_warm");
    long delivered = warm.get("delivered").asLong();
    assertTrue(warm.get("delivered_in_window").asLong() > 0, warm::toString);
    assertEquals(warm.get("accepted").asLong(), delivered, warm::toString);
    assertEquals(0, warm.get("dropped").asLong(), warm::toString);
    assertEquals(delivered, warm.get("server_answered").asLong(), warm::toString);
    assertEquals(delivered, warm.get("server_answered_http2").asLong(), warm::toString);
    assertTrue(warm.get("client_cpu_us_per_event").asDouble() > 0, warm::toString);

    JsonNode ours = scenario.get("fresh_ours").get("trials").get(0);
    assertEquals(EVENTS, ours.get("delivered").asInt(), ours::toString);
    assertEquals(EVENTS, ours.get("server_answered").asInt(), ours::toString);
    assertEquals(EVENTS, ours.get("server_answered_http2").asInt(), ours::toString);
    assertEquals(0, ours.get("exit_code").asInt(), ours::toString);
    assertTrue(ours.get("per_second").asDouble() > 0, ours::toString);
    assertTrue(ours.get("cpu_us_per_delivered").asDouble() > 0, ours::toString);

    JsonNode alone = scenario.get("fresh_jdk").get("trials").get(0);
    assertEquals(EVENTS, alone.get("succeeded").asInt(), alone::toString);
    assertEquals(EVENTS, alone.get("server_answered_http2").asInt(), alone::toString);
    assertTrue(alone.get("per_second").asDouble() > 0, alone::toString);

    JsonNode burst = scenario.get("fresh_burst").get("trials").get(0);
    assertEquals(BURST_EVENTS, burst.get("delivered").asInt(), burst::toString);
    assertEquals(BURST_EVENTS, burst.get("server_answered_http2").asInt(), burst::toString);
    assertTrue(burst.get("stop_ms").asDouble() >= 0, burst::toString);

    StringBuilder md = new StringBuilder();
    new Http2Report(md).write(results);
    assertTrue(md.toString().startsWith(Http2Report.HEADING), md::toString);
    assertTrue(md.toString().contains("No `h2load` in this run"), md::toString);
    assertTrue(
        md.toString().contains("| 0 ms | Burst at exit, fresh JVM × 1: 300 events"), md::toString);
  }
}
