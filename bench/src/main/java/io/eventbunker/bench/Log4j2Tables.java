package io.eventbunker.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Log4j2 rows of the "Logging-thread cost (JMH)" section: {@code Log4j2EventStatementBenchmark}
 * and {@code Log4j2PlainStatementBenchmark}, from the same JMH runs as the Logback rows, with the
 * same targets. Our appender is judged against both of Log4j2's ways of taking a statement off the
 * logging thread: AsyncAppender, and async loggers.
 */
final class Log4j2Tables {
  private final StringBuilder md;

  Log4j2Tables(StringBuilder md) {
    this.md = md;
  }

  /** Writes nothing if the run has no Log4j2 results (runs from before they existed). */
  void write(JsonNode oneThread, JsonNode twoThreads) {
    if (JmhTables.findOrNull(oneThread, "Log4j2EventStatementBenchmark", "eventbunker") == null) {
      return;
    }
    line("### Log4j2");
    line("");
    line(
        "The same statements through the Log4j2 API (`logger.info(EVENT, \"order_placed\","
            + " field(...) ×5)`, and the same ordinary statement), measured the same way in the same"
            + " JMH runs, each variant in a `LoggerContext` of its own. (b) is Log4j2's"
            + " `AsyncAppender` with `blocking=false` and `bufferSize` 10,000; (b, async loggers) is"
            + " an `AsyncLoggerContext` (all loggers async, LMAX Disruptor 3.4.4) with its ring"
            + " buffer at 16,384, the power of two next above 10,000. Both over a no-op appender.");
    line("");
    line("| Threads | Variant | ns/op (mean ± error) | ns/op (median) | B/op |");
    line("|---|---|---|---|---|");
    StringBuilder ratios = new StringBuilder();
    JsonNode[] byThreads = {oneThread, twoThreads};
    for (int i = 0; i < byThreads.length; i++) {
      int threads = i + 1;
      JsonNode results = byThreads[i];
      JsonNode a = JmhTables.find(results, "Log4j2EventStatementBenchmark", "eventbunker");
      JsonNode b = JmhTables.find(results, "Log4j2EventStatementBenchmark", "log4j2Async");
      JsonNode asyncLoggers =
          JmhTables.find(results, "Log4j2EventStatementBenchmark", "log4j2AsyncLoggers");
      JsonNode c = JmhTables.find(results, "Log4j2PlainStatementBenchmark", "eventbunkerAttached");
      JsonNode d = JmhTables.find(results, "Log4j2PlainStatementBenchmark", "noAppender");
      md.append(JmhTables.row(threads, "(a) EVENT, 5 fields, our Log4j2 appender", a));
      md.append(
          JmhTables.row(
              threads, "(b) EVENT, 5 fields, AsyncAppender(blocking=false) over a no-op", b));
      md.append(
          JmhTables.row(
              threads,
              "(b, async loggers) EVENT, 5 fields, async loggers over a no-op",
              asyncLoggers));
      md.append(JmhTables.row(threads, "(c) ordinary statement, our appender attached", c));
      md.append(JmhTables.row(threads, "(d) ordinary statement, no appender", d));
      ratios.append(JmhTables.ratioRow(threads, "(a)/(b)", a, b, "≤ 1.0 (aim 0.7)", 1.0));
      ratios.append(
          JmhTables.ratioRow(
              threads, "(a)/(b, async loggers)", a, asyncLoggers, "≤ 1.0 (aim 0.7)", 1.0));
      ratios.append(JmhTables.ratioRow(threads, "(c)/(d)", c, d, "≤ 1.05", 1.05));
    }
    line("");
    line("| Threads | Ratio | Of means | Of medians | Target | |");
    line("|---|---|---|---|---|---|");
    md.append(ratios);
    line("");
  }

  private void line(String text) {
    md.append(text).append('\n');
  }
}
