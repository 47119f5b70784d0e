package io.eventbunker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The "Logging-thread cost (JMH)" section of {@code RESULTS.md}: the Logback rows, the Log4j2 rows
 * ({@link Log4j2Tables}) and the sender's JSON writing, from run.sh's JMH JSON files. The helpers
 * that read a JMH result are shared with {@link Log4j2Tables}.
 */
final class JmhTables {
  private final ObjectMapper json = new ObjectMapper();
  private final StringBuilder md;

  JmhTables(StringBuilder md) {
    this.md = md;
  }

  void write(Path dir) throws IOException {
    line("## Logging-thread cost (JMH)");
    line("");
    line(
        "Each iteration logs a burst of 1,000 statements per thread into a drained queue (single-shot"
            + " mode, 300 warm-up and 500 measured iterations, 2 forks). The endpoint answers"
            + " instantly without a network (`InstantHttpClient`), so the queue drains between"
            + " bursts; the run fails if any statement was dropped. `gc.alloc.rate.norm` is JMH's:"
            + " it counts every thread's allocations, so ours includes the sender thread's work"
            + " (JSON, request, response) and AsyncAppender's includes its worker's.");
    line("");
    line("| Threads | Variant | ns/op (mean ± error) | ns/op (median) | B/op |");
    line("|---|---|---|---|---|");
    JsonNode[] byThreads = new JsonNode[3];
    StringBuilder ratios = new StringBuilder();
    for (int threads : new int[] {1, 2}) {
      JsonNode results = json.readTree(dir.resolve("jmh-t" + threads + ".json").toFile());
      byThreads[threads] = results;
      JsonNode a = find(results, "EventStatementBenchmark", "eventbunker");
      JsonNode spooling = find(results, "EventStatementBenchmark", "eventbunkerSpool");
      JsonNode b = find(results, "EventStatementBenchmark", "logbackAsync");
      JsonNode c = find(results, "PlainStatementBenchmark", "eventbunkerAttached");
      JsonNode d = find(results, "PlainStatementBenchmark", "noAppender");
      md.append(row(threads, "(a) EVENT, 5 fields, our appender", a));
      md.append(row(threads, "(a, spool) the same with `spoolDirectory` set", spooling));
      md.append(
          row(threads, "(b) EVENT, 5 fields, AsyncAppender(neverBlock) over a no-op appender", b));
      md.append(row(threads, "(c) ordinary statement, our appender attached", c));
      md.append(row(threads, "(d) ordinary statement, no appender", d));
      ratios.append(ratioRow(threads, "(a)/(b)", a, b, "≤ 1.0 (aim 0.7)", 1.0));
      ratios.append(ratioRow(threads, "(a, spool)/(a)", spooling, a, "≤ 1.05", 1.05));
      ratios.append(ratioRow(threads, "(c)/(d)", c, d, "≤ 1.05", 1.05));
    }
    line("");
    line("| Threads | Ratio | Of means | Of medians | Target | |");
    line("|---|---|---|---|---|---|");
    md.append(ratios);
    line("");
    line(
        "Verdicts go by the ratio of means and its error: met or missed only beyond the error."
            + " Single-shot iterations that another build preempted inflate a mean and its error;"
            + " the medians show what an undisturbed burst costs.");
    line("");
    new Log4j2Tables(md).write(byThreads[1], byThreads[2]);
    JsonNode jsonResults = json.readTree(dir.resolve("jmh-json.json").toFile());
    line("JSON writing on the sender thread, the same event (JMH average time, 1 thread):");
    line("");
    line("| Writer | ns/op | B/op |");
    line("|---|---|---|");
    for (JsonNode result : jsonResults) {
      String benchmark = result.get("benchmark").asText();
      line(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s |",
              benchmark.endsWith("streaming")
                  ? "Jackson streaming (`EventJson`, ours)"
                  : "Jackson databind on a map",
              Report.plusMinus(score(result), error(result)),
              allocation(result)));
    }
    line("");
  }

  /** One line of a JMH ratio table: x/y by means (with its error) and by medians, judged. */
  static String ratioRow(
      int threads, String name, JsonNode x, JsonNode y, String target, double most) {
    return String.format(
            Locale.ROOT,
            "| %d | %s | %s | %.2f | %s | %s |",
            threads,
            name,
            Report.ratio(score(x), error(x), score(y), error(y)),
            median(x) / median(y),
            target,
            Report.verdictAtMost(score(x), error(x), score(y), error(y), most))
        + "\n";
  }

  /** One line of a JMH figures table. */
  static String row(int threads, String variant, JsonNode result) {
    return String.format(
            Locale.ROOT,
            "| %d | %s | %s | %.0f | %s |",
            threads,
            variant,
            Report.plusMinus(score(result), error(result)),
            median(result),
            allocation(result))
        + "\n";
  }

  /** The result of the benchmark class with this simple name for this {@code appender}, or null. */
  static JsonNode findOrNull(JsonNode results, String benchmarkClass, String appender) {
    for (JsonNode result : results) {
      // The class's simple name exactly: EventStatementBenchmark is a suffix of
      // Log4j2EventStatementBenchmark, and both have an "eventbunker" variant.
      String method = result.get("benchmark").asText();
      String className = method.substring(0, method.lastIndexOf('.'));
      if (className.substring(className.lastIndexOf('.') + 1).equals(benchmarkClass)
          && result.get("params").get("appender").asText().equals(appender)) {
        return result;
      }
    }
    return null;
  }

  static JsonNode find(JsonNode results, String benchmarkClass, String appender) {
    JsonNode result = findOrNull(results, benchmarkClass, appender);
    if (result == null) {
      throw new IllegalStateException("No JMH result for " + benchmarkClass + " " + appender);
    }
    return result;
  }

  private static String allocation(JsonNode result) {
    JsonNode alloc = result.get("secondaryMetrics").get("gc.alloc.rate.norm");
    return alloc == null
        ? "–"
        : Report.plusMinus(alloc.get("score").asDouble(), alloc.get("scoreError").asDouble());
  }

  private static double score(JsonNode result) {
    return result.get("primaryMetric").get("score").asDouble();
  }

  private static double median(JsonNode result) {
    return result.get("primaryMetric").get("scorePercentiles").get("50.0").asDouble();
  }

  private static double error(JsonNode result) {
    double error = result.get("primaryMetric").get("scoreError").asDouble();
    return Double.isNaN(error) ? 0 : error;
  }

  private void line(String text) {
    md.append(text).append('\n');
  }
}
