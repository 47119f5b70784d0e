package io.eventbunker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes {@code RESULTS.md} from one run's JSON files: machine, JDK, date, every figure with its
 * error, every ratio against the baseline measured in the same run, and the targets. The
 * hand-written part below {@link #KEPT_MARKER} (profiling notes, before/after of changes) is kept.
 *
 * <pre>
 * java -cp benchmarks.jar io.eventbunker.bench.Report RESULTS_DIR RESULTS.md COMMAND STARTED \
 *     LOAD_AT_START LOAD_AT_END
 * </pre>
 */
final class Report {
  static final String KEPT_MARKER =
      "<!-- Everything below is written by hand and kept by Report. -->";

  private final ObjectMapper json = new ObjectMapper();
  private final StringBuilder md = new StringBuilder();

  private Report() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Path out = Path.of(args[1]);
    String kept = "";
    if (Files.exists(out)) {
      String existing = Files.readString(out, StandardCharsets.UTF_8);
      int at = existing.indexOf(KEPT_MARKER);
      if (at >= 0) {
        kept = existing.substring(at);
      }
    }
    Report report = new Report();
    report.write(dir, args[2], args[3], args[4], args[5]);
    Files.writeString(
        out, report.md + (kept.isEmpty() ? KEPT_MARKER + "\n" : kept), StandardCharsets.UTF_8);
  }

  private void write(Path dir, String command, String started, String loadAtStart, String loadAtEnd)
      throws IOException {
    line("# Benchmark results");
    line("");
    line(
        "Written by `bench/run.sh` from one run; every ratio compares figures from that same run.");
    line("");
    line("| | |");
    line("|---|---|");
    line("| Command | `" + command + "` |");
    line("| Started | " + started + " |");
    line(
        "| Machine | "
            + cpuModel()
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores |");
    line(
        "| JDK | "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " |");
    line(
        "| Load average (1, 5, 15 min) | at start " + loadAtStart + "; at end " + loadAtEnd + " |");
    line("");
    line(
        "The machine's 2 cores are shared with other builds, so single figures are noisy: judge by"
            + " the ratios, and by their errors. Errors are JMH's 99.9% confidence half-widths for"
            + " JMH figures, and 95% confidence half-widths over one-second samples for throughput;"
            + " a ratio's error combines its two figures' relative errors.");
    line("");
    new JmhTables(md).write(dir);
    JsonNode e2e = json.readTree(dir.resolve("e2e.json").toFile());
    endToEnd(e2e);
    memoryAndShutdown(json.readTree(dir.resolve("memory.json").toFile()));
    spool(json.readTree(dir.resolve("spool.json").toFile()), e2e);
    Path fresh = dir.resolve("fresh.json");
    if (Files.exists(fresh)) { // results from before the fresh-JVM harness have none
      new FreshJvmReport(md).write(json.readTree(fresh.toFile()), e2e);
    }
    Path http2 = dir.resolve("http2.json");
    if (Files.exists(http2)) { // likewise before the HTTPS + HTTP/2 harness
      new Http2Report(md).write(json.readTree(http2.toFile()));
    }
  }

  private void endToEnd(JsonNode e2e) {
    line("## End to end (testkit receiver in its own JVM, loopback)");
    line("");
    line(
        "Throughput: "
            + e2e.get("producers").asInt()
            + " logging threads log the benchmark statement as fast as each variant lets them (ours"
            + " with `appendTimeout` 1 s and AsyncAppender with `discardingThreshold` 0, so that"
            + " logging threads wait rather than drop, as the synchronous appender's do);"
            + " delivered events (2xx answers) are counted per second over "
            + e2e.get("window_seconds").asInt()
            + " s after "
            + e2e.get("warmup_seconds").asInt()
            + " s of warm-up. CPU per event is the process CPU time over the window divided by the"
            + " events delivered in it. Latency: "
            + e2e.get("probe_events").asInt()
            + " events at "
            + e2e.get("probe_rate").asInt()
            + "/s on a fresh appender, log→receipt = the receiver's `time_recorded` − the event's"
            + " `timestamp` (both wall-clock milliseconds, so ±1 ms). The receiver is"
            + " the test kit's jar; `wrk` (2 threads, 64 connections = our `maxInFlight`) measures"
            + " the same process with the same request, and so does the JDK's `HttpClient` alone"
            + " (threads calling `send` in a loop, no appender): the ceiling of the client every"
            + " variant here is built on. Threads started per 1,000 events show hand-offs to"
            + " short-lived threads.");
    line("");
    for (JsonNode scenario : e2e.get("scenarios")) {
      int latency = scenario.get("latency_ms").asInt();
      line("### Server latency " + latency + " ms");
      line("");
      line("Load average before: " + scenario.get("load_average").asText() + ".");
      line("");
      line(
          "| Variant | Events/s | Client CPU µs/event | Receiver CPU µs/event | Threads started /"
              + " 1,000 events | p50 ms | p99 ms | max ms |");
      line("|---|---|---|---|---|---|---|---|");
      JsonNode wrk = scenario.get("wrk");
      if (wrk != null) {
        line(
            String.format(
                Locale.ROOT,
                "| `wrk`, %d connections: the receiver's capacity | %s | – | %.0f | – | – | – | – |",
                wrk.get("connections").asInt(),
                plusMinus(wrk.get("mean").asDouble(), wrk.get("ci95").asDouble()),
                wrk.get("receiver_cpu_us_per_request").asDouble()));
      }
      JsonNode ceiling = null;
      for (JsonNode client : scenario.path("jdk_client")) {
        line(
            String.format(
                Locale.ROOT,
                "| JDK `HttpClient` alone, `send` from %d threads | %s | %s | – | – | – | – | – |",
                client.get("threads").asInt(),
                plusMinus(client.get("mean").asDouble(), client.get("ci95").asDouble()),
                number(client.get("client_cpu_us_per_request"))));
        if (ceiling == null || client.get("mean").asDouble() > ceiling.get("mean").asDouble()) {
          ceiling = client;
        }
      }
      JsonNode ours = null;
      JsonNode baseline2 = null;
      for (JsonNode variant : scenario.get("variants")) {
        JsonNode tp = variant.get("throughput");
        JsonNode lat = variant.get("latency");
        line(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s | %s | %s | %s |",
                variant.get("title").asText(),
                plusMinus(tp.get("mean").asDouble(), tp.get("ci95").asDouble()),
                number(tp.get("client_cpu_us_per_event")),
                number(tp.get("receiver_cpu_us_per_event")),
                decimal(tp.get("threads_started_per_1000_events")),
                number(lat.get("p50_ms")),
                number(lat.get("p99_ms")),
                number(lat.get("max_ms"))));
        if (variant.get("id").asText().equals(Variant.EVENTBUNKER.id)) {
          ours = variant;
        } else if (variant.get("id").asText().equals(Variant.ASYNC_OVER_SYNC.id)) {
          baseline2 = variant;
        }
      }
      line("");
      line(
          "Slowest probe events (by sequence number), ours: " + ours.get("latency").get("slowest"));
      line("");
      line("| Ratio | Value | Target | |");
      line("|---|---|---|---|");
      double oursRate = ours.get("throughput").get("mean").asDouble();
      double oursError = ours.get("throughput").get("ci95").asDouble();
      if (latency > 0) {
        double bound = 64 * 1000.0 / latency;
        line(
            String.format(
                Locale.ROOT,
                "| ours ÷ in-flight bound (64 ÷ %d ms = %.0f/s) | %.2f ± %.2f | ≥ 0.90 | %s |",
                latency,
                bound,
                oursRate / bound,
                oursError / bound,
                verdictAtLeast(oursRate, oursError, bound, 0, 0.9)));
        double base = baseline2.get("throughput").get("mean").asDouble();
        double baseError = baseline2.get("throughput").get("ci95").asDouble();
        line(
            String.format(
                Locale.ROOT,
                "| ours ÷ baseline (2) | %s | ≥ 50 | %s |",
                ratio(oursRate, oursError, base, baseError),
                verdictAtLeast(oursRate, oursError, base, baseError, 50)));
      } else if (wrk != null) {
        double capacity = wrk.get("mean").asDouble();
        line(
            String.format(
                Locale.ROOT,
                "| ours ÷ receiver capacity (`wrk`) | %s | ≥ 0.50 | %s |",
                ratio(oursRate, oursError, capacity, wrk.get("ci95").asDouble()),
                verdictAtLeast(oursRate, oursError, capacity, wrk.get("ci95").asDouble(), 0.5)));
      }
      if (ceiling != null) {
        line(
            String.format(
                Locale.ROOT,
                "| ours ÷ the JDK `HttpClient` alone (%d threads), not a target: the client's share"
                    + " of the gap | %s | – | |",
                ceiling.get("threads").asInt(),
                ratio(
                    oursRate,
                    oursError,
                    ceiling.get("mean").asDouble(),
                    ceiling.get("ci95").asDouble())));
      }
      JsonNode p99 = ours.get("latency").get("p99_ms");
      line(
          String.format(
              Locale.ROOT,
              "| ours, p99 log→receipt | %s ms | ≤ 25 ms | %s |",
              number(p99),
              verdict(p99 != null && p99.asDouble() <= 25)));
      line("");
    }
  }

  private void memoryAndShutdown(JsonNode memory) {
    line("## Memory and shutdown");
    line("");
    line(
        "1,000,000 events from 2 logging threads against a port nothing listens on (each event has"
            + " a distinct `customer_identifier`). Heap of queued events = live heap after full GCs"
            + " with the queue full, minus live heap once the appender had started; retained heap,"
            + " all = the same minus live heap before the appender existed (the first case also"
            + " pays the JDK's one-time HttpClient and TLS set-up, about 2 MB). Parks and monitor"
            + " blocks are the JVM's per-thread counts for the logging threads; the control logs"
            + " the same statements with no appender attached, for what the machine alone causes.");
    line("");
    line(
        "| Case | Heap of queued events | Bound | Retained heap, all | Queued | Dropped (stats /"
            + " listener) | Exact | Mean call | Max call | Calls > 1 ms | Parks | Monitor blocks |");
    line("|---|---|---|---|---|---|---|---|---|---|---|---|");
    JsonNode control = memory.get("control");
    line(
        String.format(
            Locale.ROOT,
            "| %s | – | – | – | – | – | – | %.0f ns | %.1f ms | %d | %d | %d |",
            control.get("label").asText(),
            control.get("mean_call_ns").asDouble(),
            control.get("max_call_us").asDouble() / 1000,
            control.get("calls_over_1ms").asLong(),
            control.get("parks").asLong(),
            control.get("monitor_blocks").asLong()));
    for (String name : new String[] {"dead_endpoint_defaults", "dead_endpoint_byte_bound"}) {
      JsonNode c = memory.get(name);
      long events = c.get("queued_events_heap_bytes").asLong();
      long bound = c.get("queue_max_bytes").asLong();
      line(
          String.format(
              Locale.ROOT,
              "| %s | %.2f MB %s | %.1f MB | %.2f MB | %d | %d / %d | %s | %.0f ns | %.1f ms | %d |"
                  + " %d | %d |",
              c.get("label").asText(),
              events / 1048576.0,
              events <= bound ? "✅" : "❌",
              bound / 1048576.0,
              c.get("retained_heap_bytes").asLong() / 1048576.0,
              c.get("queued").asLong(),
              c.get("dropped").asLong(),
              c.get("dropped_by_listener").asLong(),
              c.get("drop_count_exact").asBoolean() ? "✅" : "❌",
              c.get("mean_call_ns").asDouble(),
              c.get("max_call_us").asDouble() / 1000,
              c.get("calls_over_1ms").asLong(),
              c.get("parks").asLong(),
              c.get("monitor_blocks").asLong()));
    }
    line("");
    JsonNode s = memory.get("shutdown");
    line(
        String.format(
            Locale.ROOT,
            "Shutdown: %d events logged at once to a healthy receiver (in-process) answering after"
                + " %d ms, then `stop()` at once (%d queued, %d in flight).",
            s.get("events").asInt(),
            s.get("latency_ms").asInt(),
            s.get("queued_at_stop").asInt(),
            s.get("in_flight_at_stop").asInt()));
    line("");
    line(
        "| stop() took | shutdownTimeout | Delivered (stats / listener) | Failed | Receiver got |");
    line("|---|---|---|---|---|");
    line(
        String.format(
            Locale.ROOT,
            "| %d ms %s | %d ms | %d / %d | %d | %d |",
            s.get("stop_ms").asLong(),
            s.get("stop_ms").asLong() <= s.get("shutdown_timeout_ms").asLong() ? "✅" : "❌",
            s.get("shutdown_timeout_ms").asLong(),
            s.get("delivered").asLong(),
            s.get("delivered_by_listener").asLong(),
            s.get("failed").asLong(),
            s.get("receiver_accepted").asLong()));
    line("");
    line("The appender's own report: “" + s.get("report").asText() + "”");
    line("");
  }

  private void spool(JsonNode spool, JsonNode e2e) {
    line("## Durable spool");
    line("");
    JsonNode paired = spool.get("healthy_paired");
    JsonNode control = spool.get("healthy_paired_control");
    line(
        String.format(
            Locale.ROOT,
            "With a healthy endpoint, what a statement costs the logging thread with `spoolDirectory`"
                + " set, against the same appender without: two appenders side by side, their"
                + " endpoints answering at once (`InstantHttpClient`), taking turns in bursts of"
                + " %d statements, %d rounds after a quarter as many to warm up. Pairing each burst"
                + " with its neighbour cancels the machine's load changes, which JMH's (a, spool)"
                + " and (a), measured minutes apart, cannot. The control pairs two identical"
                + " appenders without a spool the same way: how far apart two equal things come out"
                + " here.",
            paired.get("burst").asInt(),
            paired.get("rounds").asInt()));
    line("");
    line(
        "| Healthy endpoint, logging thread | Without spool | Second appender | Ratio, geometric"
            + " mean (95% CI) | Target |");
    line("|---|---|---|---|---|");
    pairedRow("with `spoolDirectory` set", paired, true);
    pairedRow("control: also without a spool", control, false);
    line("");
    line(
        "Against a dead endpoint (a port nothing listens on), with `queueCapacity` "
            + spool.get("queue_capacity").asInt()
            + ", so every event overflows. Writing: one thread logs bursts of "
            + spool.get("burst").asInt()
            + " events (each fits the spool's hand-off) and waits for the spool to take each; the"
            + " time runs until `stop()` has forced the last batch to disk. The drop path is the"
            + " same overflow without a spool, logged as fast as one thread can. Both ran until"
            + " the JIT had compiled them. Replay: a fresh appender on the spool's directory sends"
            + " everything in it to the test kit's receiver (its own JVM, warmed up by a smaller"
            + " spool first). Directory: `"
            + spool.get("directory").asText()
            + "`.");
    line("");
    JsonNode dropping = spool.get("dropping");
    JsonNode spooling = spool.get("spooling");
    JsonNode fsync = spool.get("fsync");
    line("| Overflow, logging thread | Mean call | Dropped |");
    line("|---|---|---|");
    line(
        String.format(
            Locale.ROOT,
            "| dropped (no spool) | %.0f ns | %d of %d |",
            dropping.get("mean_call_ns").asDouble(),
            dropping.get("dropped").asLong(),
            dropping.get("events").asLong()));
    line(
        String.format(
            Locale.ROOT,
            "| handed to the spool | %.0f ns (%.2f of dropping) | %d of %d |",
            spooling.get("mean_call_ns").asDouble(),
            spooling.get("mean_call_ns").asDouble() / dropping.get("mean_call_ns").asDouble(),
            spooling.get("dropped").asLong(),
            spooling.get("events").asLong()));
    line("");
    line(
        "| Writing | Events on disk | MB on disk | Seconds | Events/s | MB/s | CPU µs/event |"
            + " fsync on this disk, p50 / p99 |");
    line("|---|---|---|---|---|---|---|---|");
    line(
        String.format(
            Locale.ROOT,
            "| fsync per batch (up to 4096 events or 1 MB) | %d of %d | %.1f | %.2f | %.0f | %.1f |"
                + " %.1f | %d / %d µs |",
            spooling.get("spooled").asLong(),
            spooling.get("events").asLong(),
            spooling.get("spooled_bytes").asLong() / 1048576.0,
            spooling.get("seconds").asDouble(),
            spooling.get("spooled_per_second").asDouble(),
            spooling.get("spooled_mb_per_second").asDouble(),
            spooling.get("cpu_us_per_event").asDouble(),
            fsync.get("p50_us").asLong(),
            fsync.get("p99_us").asLong()));
    line("");
    line(
        "| Replay | Delivered | Left in spool | Seconds | Events/s | Client CPU µs/event |"
            + " Receiver CPU µs/event | Compared with |");
    line("|---|---|---|---|---|---|---|---|");
    for (String name : new String[] {"replay_0ms", "replay_35ms"}) {
      JsonNode replay = spool.get(name);
      int latency = replay.get("latency_ms").asInt();
      double rate = replay.get("delivered_per_second").asDouble();
      String compared;
      if (latency > 0) {
        double bound = 64 * 1000.0 / latency;
        compared =
            String.format(Locale.ROOT, "%.2f of the in-flight bound (%.0f/s)", rate / bound, bound);
      } else {
        JsonNode live = oursThroughput(e2e, latency);
        compared =
            live == null
                ? "–"
                : String.format(
                    Locale.ROOT,
                    "%.2f of ours live, end to end (%.0f/s)",
                    rate / live.get("mean").asDouble(),
                    live.get("mean").asDouble());
      }
      line(
          String.format(
              Locale.ROOT,
              "| %d ms | %d | %d | %.1f | %.0f | %s | %s | %s |",
              latency,
              replay.get("delivered").asLong(),
              replay.get("left_in_spool").asLong(),
              replay.get("seconds").asDouble(),
              rate,
              number(replay.get("client_cpu_us_per_event")),
              number(replay.get("receiver_cpu_us_per_event")),
              compared));
    }
    line("");
  }

  private void pairedRow(String second, JsonNode figures, boolean judged) {
    double ratio = figures.get("ratio").asDouble();
    double low = figures.get("ratio_low").asDouble();
    double high = figures.get("ratio_high").asDouble();
    String verdict = "–";
    if (judged) {
      verdict =
          "≤ 1.05 "
              + (high <= 1.05
                  ? verdict(true)
                  : low > 1.05 ? verdict(false) : undecided(ratio <= 1.05));
    }
    line(
        String.format(
            Locale.ROOT,
            "| %s | %.0f ns | %.0f ns | %.3f (%.3f–%.3f) | %s |",
            second,
            figures.get("without_spool_ns").asDouble(),
            figures.get("second_ns").asDouble(),
            ratio,
            low,
            high,
            verdict));
  }

  static JsonNode oursThroughput(JsonNode e2e, int latency) {
    for (JsonNode scenario : e2e.get("scenarios")) {
      if (scenario.get("latency_ms").asInt() == latency) {
        for (JsonNode variant : scenario.get("variants")) {
          if (variant.get("id").asText().equals(Variant.EVENTBUNKER.id)) {
            return variant.get("throughput");
          }
        }
      }
    }
    return null;
  }

  static String ratio(double a, double aError, double b, double bError) {
    return String.format(Locale.ROOT, "%.2f ± %.2f", a / b, ratioError(a, aError, b, bError));
  }

  static String plusMinus(double value, double error) {
    return value >= 100
        ? String.format(Locale.ROOT, "%.0f ± %.0f", value, error)
        : String.format(Locale.ROOT, "%.1f ± %.1f", value, error);
  }

  private static String number(JsonNode value) {
    if (value == null || value.isNull()) {
      return "–";
    }
    return value.isIntegralNumber()
        ? Long.toString(value.asLong())
        : String.format(Locale.ROOT, "%.0f", value.asDouble());
  }

  private static String decimal(JsonNode value) {
    return value == null || value.isNull()
        ? "–"
        : String.format(Locale.ROOT, "%.1f", value.asDouble());
  }

  /** Met or missed beyond the ratio's error; otherwise undecided, saying which way the value is. */
  static String verdictAtMost(double a, double aError, double b, double bError, double most) {
    double ratio = a / b;
    double error = ratioError(a, aError, b, bError);
    if (ratio + error <= most) {
      return verdict(true);
    }
    if (ratio - error > most) {
      return verdict(false);
    }
    return undecided(ratio <= most);
  }

  static String verdictAtLeast(double a, double aError, double b, double bError, double least) {
    double ratio = a / b;
    double error = ratioError(a, aError, b, bError);
    if (ratio - error >= least) {
      return verdict(true);
    }
    if (ratio + error < least) {
      return verdict(false);
    }
    return undecided(ratio >= least);
  }

  private static String undecided(boolean valueMeets) {
    return "≈ undecided: the error spans the target (the value "
        + (valueMeets ? "meets" : "misses")
        + " it)";
  }

  private static double ratioError(double a, double aError, double b, double bError) {
    return a / b * Math.hypot(aError / a, bError / b);
  }

  static String verdict(boolean met) {
    return met ? "✅ met" : "❌ missed";
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux: the core count still says something
    }
    return "unknown CPU";
  }

  private void line(String text) {
    md.append(text).append('\n');
  }
}
