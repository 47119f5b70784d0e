package io.eventbunker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbunker.core.EventBunkerDefaults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The "HTTPS + HTTP/2" section of {@code RESULTS.md}, from {@link Http2Bench}'s JSON: every rate
 * against {@code h2load} on the same server in the same run, with the targets judged by
 * {@link Report}'s rules (met or missed only beyond the error). This writes its prose; the tables
 * are {@link Http2Tables}'. {@link Report} writes it with the rest; run on its own, this replaces
 * just that section of an existing {@code RESULTS.md} (or adds it), so that the step can be
 * measured again without the whole run.
 *
 * <pre>
 * java -cp benchmarks.jar io.eventbunker.bench.Http2Report http2.json RESULTS.md
 * </pre>
 */
final class Http2Report {
  static final String HEADING = "## HTTPS + HTTP/2";
  static final double WARM_TARGET = 0.9;
  static final double FRESH_TARGET = 0.7;

  private final StringBuilder md;

  Http2Report(StringBuilder md) {
    this.md = md;
  }

  public static void main(String[] args) throws IOException {
    JsonNode http2 = new ObjectMapper().readTree(Path.of(args[0]).toFile());
    Path out = Path.of(args[1]);
    StringBuilder section = new StringBuilder();
    new Http2Report(section).write(http2);
    String existing =
        Files.exists(out)
            ? Files.readString(out, StandardCharsets.UTF_8)
            : Report.KEPT_MARKER + "\n";
    Files.writeString(out, splice(existing, section.toString()), StandardCharsets.UTF_8);
  }

  /**
   * {@code markdown} with its HTTPS + HTTP/2 section replaced by {@code section}, or with {@code
   * section} added before the hand-written part if it had none.
   */
  static String splice(String markdown, String section) {
    int kept = markdown.indexOf(Report.KEPT_MARKER);
    int end = kept >= 0 ? kept : markdown.length();
    int start = markdown.startsWith(HEADING) ? 0 : markdown.indexOf("\n" + HEADING);
    if (start < 0 || start > end) {
      return markdown.substring(0, end) + section + markdown.substring(end);
    }
    if (start > 0) {
      start++; // past the newline
    }
    int next = markdown.indexOf("\n## ", start + HEADING.length());
    if (next >= 0 && next < end) {
      end = next + 1;
    }
    return markdown.substring(0, start) + section + markdown.substring(end);
  }

  void write(JsonNode http2) {
    int streams = http2.get("streams").asInt();
    int events = http2.get("fresh_events").asInt();
    int jdkThreads = http2.get("jdk_client_threads").asInt();
    String jvmArgs = http2.get("child_jvm_args").asText();
    JsonNode missing = http2.get("h2load_missing");
    line(HEADING + " (WireMock in its own JVM, loopback)");
    line("");
    List<String> loads = new ArrayList<>();
    for (JsonNode scenario : http2.get("scenarios")) {
      loads.add(
          scenario.get("latency_ms").asInt() + " ms: " + scenario.get("load_average").asText());
    }
    line(
        "Step started "
            + http2.get("started").asText()
            + "; load average at start "
            + http2.get("load_average_at_start").asText()
            + ", before each latency ("
            + String.join("; ", loads)
            + "), at end "
            + http2.get("load_average_at_end").asText()
            + ".");
    line("");
    line(
        String.format(
            Locale.ROOT,
            "The production API's transport: TLS, and HTTP/2 negotiated by ALPN, so that the JDK"
                + " client carries every request as a stream of one connection. The server is"
                + " WireMock 3 (`Http2Server`: Jetty with %d container threads, HTTPS only, HTTP/2"
                + " by ALPN, the test kit's generated certificate) in a JVM of its own, answering"
                + " `POST /post` with 200 and a receipt after a fixed delay, one process per"
                + " latency; it counts the POSTs (events) it answered and those that came over HTTP/2."
                + " `h2load` (nghttp2's load generator: 1 connection, %d streams = our"
                + " `maxInFlight`) measures the same process in the same run: the ceiling, after a"
                + " %d s run to warm the server up, then %d run(s) of %d s before the JDK client"
                + " alone, as many between it and ours and after ours, so that the server's own"
                + " warm-up and the machine's load fall on the ceiling as on the clients."
                + " **Warm**, in the harness's JVM: the JDK's `HttpClient` alone (%d threads"
                + " calling `send` in a loop, no appender) and our appender at its default"
                + " settings but the endpoint, the write key and a client trusting the certificate"
                + " (`setHttpClient`), %d logging threads keeping %,d events queued; events"
                + " delivered per second over %d s after %d s of warm-up, client CPU per event ="
                + " the harness's CPU time over the window ÷ the events delivered in it."
                + " **Fresh JVM**, a new process per trial (%s) trusting the certificate through"
                + " `-Djavax.net.ssl.trustStore`, so that the appender builds its own client, as"
                + " users run it: %d threads log %,d events, then `LoggerContext.stop()` (events"
                + " delivered ÷ the time from the first statement to `stop()` returned); and the"
                + " JDK client alone (`ColdJdkClient`, %d threads, %,d requests, from building the"
                + " client to the last answer). A fresh JVM's CPU per event is the whole"
                + " process's CPU time at exit, JVM start included, ÷ the events it delivered."
                + " Means ± 95%% confidence half-widths: `h2load` over its runs, warm rates over"
                + " one-second samples, fresh rates over %d trials of each kind (after %d"
                + " discarded).",
            Http2Server.CONTAINER_THREADS,
            streams,
            http2.get("h2load_warmup_seconds").asInt(),
            http2.get("h2load_runs_per_point").asInt(),
            http2.get("h2load_seconds").asInt(),
            jdkThreads,
            http2.get("producers").asInt(),
            http2.get("feed_level").asInt(),
            http2.get("window_seconds").asInt(),
            http2.get("warmup_seconds").asInt(),
            jvmArgs.isEmpty() ? "no other JVM flags" : "JVM flags `" + jvmArgs + "`",
            http2.get("fresh_threads").asInt(),
            events,
            jdkThreads,
            events,
            http2.get("trials").asInt(),
            http2.get("warmup_trials").asInt()));
    line("");
    if (missing != null) {
      line("**No `h2load` in this run** (" + missing.asText() + "): the targets are not judged.");
      line("");
    }
    Http2Tables tables = new Http2Tables(md, http2);
    tables.rates();
    line("");
    line("Ours ÷ the same client alone, not targets: the client's share of the gap.");
    line("");
    tables.oursToClient();
    line("");
    for (JsonNode scenario : http2.get("scenarios")) {
      String kinds =
          FreshJvmReport.byThreadKind(
              scenario.get("ours_warm").path("client_cpu_us_per_event_by_thread"),
              JsonNode::asDouble,
              "%s %.0f");
      if (!kinds.isEmpty()) {
        line(
            String.format(
                Locale.ROOT,
                "Ours warm at %d ms, client CPU µs per event by kind of thread (from `/proc`, 10 ms"
                    + " ticks): %s.",
                scenario.get("latency_ms").asInt(),
                kinds));
        line("");
      }
    }
    line(
        "Every event arrived, and over HTTP/2: the appender's counts against the server's. In the"
            + " fresh JVMs, where the time went (means): from the call of `start()` to the first"
            + " event delivered, the first response's round trip, and `stop()`.");
    line("");
    tables.counts();
    line("");
    if (tables.hasBurst()) {
      line(
          String.format(
              Locale.ROOT,
              "Burst at exit (issue #12) over HTTPS + HTTP/2: a fresh JVM as above, its appender at"
                  + " the default settings, logs a burst from %d threads as fast as they go, then"
                  + " `LoggerContext.stop()` at once, as a short process ends; a burst of the default"
                  + " `queueCapacity` (%,d events) is the most its queue holds. Delivered: the"
                  + " appender's count once `stop()` has returned, against the server's count over"
                  + " HTTP/2; `stop()` waits for the queue up to `shutdownTimeout`. Means ± 95%%"
                  + " confidence half-widths over %d trials.",
              http2.get("fresh_threads").asInt(),
              EventBunkerDefaults.QUEUE_CAPACITY,
              http2.get("trials").asInt()));
      line("");
      tables.burst();
      line("");
    }
    List<String> totals = new ArrayList<>();
    for (JsonNode scenario : http2.get("scenarios")) {
      totals.add(
          String.format(
              Locale.ROOT,
              "%,d of %,d at %d ms",
              scenario.get("server_answered_http2").asLong(),
              scenario.get("server_answered").asLong(),
              scenario.get("latency_ms").asInt()));
    }
    line(
        "Requests the server answered over HTTP/2, all runs of the step included: "
            + String.join("; ", totals)
            + ".");
    line("");
  }

  private void line(String text) {
    md.append(text).append('\n');
  }
}
