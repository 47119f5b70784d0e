package io.eventbunker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Proves the end-to-end harness works, in seconds: one short run per variant, no timing target. */
class EndToEndSmokeTest {

  @Test
  @SuppressWarnings("unchecked")
  void measuresEveryVariantAgainstTheReceiverProcess() throws Exception {
    EndToEnd.Options options = new EndToEnd.Options();
    options.testkitJar = Path.of(System.getProperty("testkit.jar"));
    options.latencies = List.of(0);
    options.warmupSeconds = 1;
    options.windowSeconds = 1;
    options.probeEvents = 5;
    options.probeRate = 50;
    options.wrkRuns = 0;
    options.jdkClientThreads = List.of(2);

    Map<String, Object> results = new EndToEnd(options).run();

    List<Map<String, Object>> scenarios = (List<Map<String, Object>>) results.get("scenarios");
    List<Map<String, Object>> ceilings =
        (List<Map<String, Object>>) scenarios.get(0).get("jdk_client");
    assertTrue((Double) ceilings.get(0).get("mean") > 0, () -> ceilings.toString());
    List<Map<String, Object>> variants =
        (List<Map<String, Object>>) scenarios.get(0).get("variants");
    assertEquals(Variant.values().length, variants.size());
    for (Map<String, Object> variant : variants) {
      Map<String, Object> throughput = (Map<String, Object>) variant.get("throughput");
      Map<String, Object> latency = (Map<String, Object>) variant.get("latency");
      assertTrue((Long) throughput.get("delivered") > 0, () -> variant.toString());
      assertEquals(5, latency.get("received"), () -> variant.toString());
    }
  }
}
