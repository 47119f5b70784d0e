package io.eventbunker.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JMH section of RESULTS.md, from JMH JSON files with and without the Log4j2 results. */
class JmhTablesTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void tellsLogbackFromLog4j2AndJudgesBoth(@TempDir Path dir) throws Exception {
    ArrayNode results = logbackResults();
    // Listed first: a Log4j2 result must not be taken for the Logback one of the same variant.
    results.insert(0, result("Log4j2EventStatementBenchmark", "eventbunker", 9000));
    results.add(result("Log4j2EventStatementBenchmark", "log4j2Async", 1000));
    results.add(result("Log4j2EventStatementBenchmark", "log4j2AsyncLoggers", 500));
    results.add(result("Log4j2PlainStatementBenchmark", "eventbunkerAttached", 200));
    results.add(result("Log4j2PlainStatementBenchmark", "noAppender", 200));

    String md = write(dir, results);

    assertTrue(md.contains("| 1 | (a) EVENT, 5 fields, our appender | 600 ± 6 |"), md);
    assertTrue(md.contains("| 1 | (a) EVENT, 5 fields, our Log4j2 appender | 9000 ± 90 |"), md);
    assertTrue(md.contains("| 2 | (a)/(b) | 9.00 ± 0.13 | 9.00 | ≤ 1.0 (aim 0.7) | ❌"), md);
    assertTrue(md.contains("| 2 | (a)/(b, async loggers) | 18.00 ± 0.25 |"), md);
    assertTrue(md.contains("| 2 | (c)/(d) | 1.00 ± 0.01 | 1.00 | ≤ 1.05 | ✅"), md);
  }

  @Test
  void leavesLog4j2OutOfRunsWithoutIt(@TempDir Path dir) throws Exception {
    String md = write(dir, logbackResults());

    assertTrue(md.contains("| 1 | (a)/(b) | 0.60 ± 0.01 |"), md);
    assertFalse(md.contains("Log4j2"), md);
  }

  private String write(Path dir, ArrayNode results) throws Exception {
    for (int threads : new int[] {1, 2}) {
      json.writeValue(dir.resolve("jmh-t" + threads + ".json").toFile(), results);
    }
    Files.writeString(dir.resolve("jmh-json.json"), "[]");
    StringBuilder md = new StringBuilder();
    new JmhTables(md).write(dir);
    return md.toString();
  }

  private ArrayNode logbackResults() {
    ArrayNode results = json.createArrayNode();
    results.add(result("EventStatementBenchmark", "eventbunker", 600));
    results.add(result("EventStatementBenchmark", "eventbunkerSpool", 600));
    results.add(result("EventStatementBenchmark", "logbackAsync", 1000));
    results.add(result("PlainStatementBenchmark", "eventbunkerAttached", 50));
    results.add(result("PlainStatementBenchmark", "noAppender", 50));
    return results;
  }

  /** A JMH result as its JSON has it: mean (error 1%) and median {@code ns}, 100 B/op. */
  private ObjectNode result(String benchmarkClass, String appender, double ns) {
    ObjectNode result = json.createObjectNode();
    String method = benchmarkClass.contains("Event") ? "eventStatement" : "plainStatement";
    result.put("benchmark", "io.eventbunker.bench." + benchmarkClass + "." + method);
    result.putObject("params").put("appender", appender);
    ObjectNode primary = result.putObject("primaryMetric");
    primary.put("score", ns).put("scoreError", ns / 100);
    primary.putObject("scorePercentiles").put("50.0", ns);
    result
        .putObject("secondaryMetrics")
        .putObject("gc.alloc.rate.norm")
        .put("score", 100.0)
        .put("scoreError", 0.0);
    return result;
  }
}
