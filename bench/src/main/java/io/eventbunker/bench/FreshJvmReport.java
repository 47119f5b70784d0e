package io.eventbunker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbunker.core.EventBunkerDefaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The "Fresh JVM" section of {@code RESULTS.md}, from {@link FreshJvm}'s JSON, its CPU per event
 * set beside the warm figure {@link EndToEnd} measured in the same run. Verdicts use {@link
 * Report}'s rules: met or missed only beyond the error.
 */
final class FreshJvmReport {
  /** The targets, at the API's typical latency. */
  static final int TARGET_LATENCY_MS = 35;

  static final double FIRST_EVENT_TARGET_MS = 200;
  static final double RATE_TARGET = 0.6;
  static final double CPU_TARGET = 2.0;

  private final StringBuilder md;

  FreshJvmReport(StringBuilder md) {
    this.md = md;
  }

  void write(JsonNode fresh, JsonNode e2e) {
    int trials = fresh.get("trials").asInt();
    int events = fresh.get("burst_events").asInt();
    int threads = fresh.get("logging_threads").asInt();
    int lifeSeconds = fresh.get("life_seconds").asInt();
    int rateSeconds = fresh.get("rate_seconds").asInt();
    String jvmArgs = fresh.get("child_jvm_args").asText();
    line("## Fresh JVM (a new process per trial)");
    line("");
    line(
        String.format(
            Locale.ROOT,
            "Real processes start cold, log a burst and stop; the sections above measure warm JVMs."
                + " Each trial here is a new JVM (`FreshJvmChild`, %s) with our appender at its"
                + " default settings but the endpoint and write key, set up as a `logback.xml`"
                + " would; the receiver is one test-kit process per latency, warmed up with `wrk`"
                + " and %d discarded trial(s) before the first and kept across trials."
                + " **Burst**: %d threads log %,d events (%s) as fast as they can, then"
                + " `LoggerContext.stop()` at once, as a short process ends."
                + " **Life**: %d threads keep %,d events queued (every request slot busy, nothing"
                + " dropped) for %d s after `start()`, then stop; the first-%d-s rate is the events"
                + " delivered in the %d s after the call of `start()` ÷ %d s, and CPU per event is"
                + " the process's whole CPU time at exit, JVM start included, ÷ the events it"
                + " delivered. First event: from the call of `start()` to the first DELIVERED"
                + " outcome (`EventBunkerListener`), in burst and life trials alike; the endpoint"
                + " is plain HTTP on loopback, so against the real API a first event also pays a"
                + " cold TLS handshake. Means ± 95%%"
                + " confidence half-widths over %d trials of each kind, the worst trial beside"
                + " them.",
            jvmArgs.isEmpty() ? "no JVM flags" : "JVM flags `" + jvmArgs + "`",
            fresh.get("warmup_trials").asInt(),
            threads,
            events,
            events == EventBunkerDefaults.QUEUE_CAPACITY
                ? "the default `queueCapacity`"
                : "not the default `queueCapacity`: a reduced run",
            threads,
            fresh.get("feed_level").asInt(),
            lifeSeconds,
            rateSeconds,
            rateSeconds,
            rateSeconds,
            trials));
    line("");
    line("| Latency | Figure | Mean ± error | Worst trial | Target | |");
    line("|---|---|---|---|---|---|");
    for (JsonNode scenario : fresh.get("scenarios")) {
      targets(scenario, events, lifeSeconds, rateSeconds, e2e);
    }
    line("");
    line(
        "Where the time goes, means over the trials: wall-clock milliseconds from the launch of"
            + " `java` to `main()`, from `main()` to the call of `start()` (logback's context and"
            + " the appender's settings), of `start()` itself, of the slowest logging thread's"
            + " first statement, of the first response's round trip as the appender saw it, and"
            + " the JVM's own count of JIT compilation and GC time (compiler threads run beside"
            + " the application, so JIT time is not wall-clock time lost).");
    line("");
    line(
        "| Latency | Trials | Launch → main | main → start() | start() | First statement |"
            + " First round trip | First event | stop() | JIT compiling | GC | CPU, whole process |");
    line("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (JsonNode scenario : fresh.get("scenarios")) {
      for (String kind : new String[] {FreshJvm.BURST, FreshJvm.LIFE}) {
        JsonNode summary = scenario.path(kind).path("summary");
        if (!summary.isMissingNode()) {
          timeRow(scenario.get("latency_ms").asInt(), kind, summary);
        }
      }
    }
    line("");
    for (JsonNode scenario : fresh.get("scenarios")) {
      JsonNode byThread =
          scenario.path(FreshJvm.LIFE).path("summary").path("thread_cpu_ms_before_stop");
      if (!byThread.isMissingNode()) {
        line(
            String.format(
                Locale.ROOT,
                "CPU by kind of thread in the life trials at %d ms, up to the call of `stop()`"
                    + " (mean; from `/proc`, 10 ms ticks): %s.",
                scenario.get("latency_ms").asInt(),
                byThreadKind(byThread, figure -> figure.get("mean").asDouble(), "%s %,.0f ms")));
        line("");
      }
    }
  }

  /**
   * "kind value; kind value…" of a JSON object by kind of thread ({@link ThreadCpu}), the largest
   * first, each {@code value} of its figure with {@code format} (the kind, then the value); empty
   * if none is worth a word.
   */
  static String byThreadKind(JsonNode byKind, ToDoubleFunction<JsonNode> value, String format) {
    List<Map.Entry<String, Double>> kinds = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : byKind.properties()) {
      double figure = value.applyAsDouble(entry.getValue());
      // Below 0.5 is nothing; below 0, threads that ended in a window took their past.
      if (figure >= 0.5) {
        kinds.add(Map.entry(entry.getKey(), figure));
      }
    }
    kinds.sort(Map.Entry.<String, Double>comparingByValue().reversed());
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Double> kind : kinds) {
      parts.add(String.format(Locale.ROOT, format, kind.getKey(), kind.getValue()));
    }
    return String.join("; ", parts);
  }

  private void targets(
      JsonNode scenario, int events, int lifeSeconds, int rateSeconds, JsonNode e2e) {
    int latency = scenario.get("latency_ms").asInt();
    boolean judged = latency == TARGET_LATENCY_MS;
    String ms = latency + " ms";
    List<JsonNode> all = new ArrayList<>();
    scenario.path(FreshJvm.BURST).path("trials").forEach(all::add);
    scenario.path(FreshJvm.LIFE).path("trials").forEach(all::add);

    List<Double> firstEvent = values(all, "first_event_ms");
    double firstMean = firstEvent.isEmpty() ? Double.NaN : Samples.mean(firstEvent);
    double firstError = firstEvent.isEmpty() ? 0 : Samples.ci95(firstEvent);
    row(
        ms,
        "First event delivered after `start()`",
        firstEvent.isEmpty() ? "none delivered" : Report.plusMinus(firstMean, firstError) + " ms",
        firstEvent.isEmpty() ? "–" : String.format(Locale.ROOT, "%.0f ms", max(firstEvent)),
        judged
            ? String.format(Locale.ROOT, "≤ %.0f ms", FIRST_EVENT_TARGET_MS)
                + " | "
                + (firstEvent.size() < all.size()
                    ? Report.verdict(false)
                    : Report.verdictAtMost(firstMean, firstError, 1, 0, FIRST_EVENT_TARGET_MS))
            : "– | ");

    JsonNode jdk = scenario.path(FreshJvm.JDK).path("summary").path("first_event_ms");
    if (!jdk.isMissingNode()) {
      double jdkMean = jdk.get("mean").asDouble();
      row(
          ms,
          "The JDK client alone in a fresh JVM: built, one POST answered (`ColdJdkClient`);"
              + " ours ÷ it",
          Report.plusMinus(jdkMean, jdk.get("ci95").asDouble())
              + String.format(Locale.ROOT, " ms; %.2f", firstMean / jdkMean),
          String.format(Locale.ROOT, "%.0f ms", jdk.get("max").asDouble()),
          "the floor for any appender on this client | ");
    }
    JsonNode quiet =
        scenario.path(FreshJvm.QUIET).path("summary").path("first_event_after_logging_ms");
    if (!quiet.isMissingNode()) {
      row(
          ms,
          String.format(
              Locale.ROOT,
              "First event logged %,d ms after `start()` (an application's startup):"
                  + " delivered after it was logged",
              FreshJvmChild.APPLICATION_STARTUP_MILLIS),
          Report.plusMinus(quiet.get("mean").asDouble(), quiet.get("ci95").asDouble()) + " ms",
          String.format(Locale.ROOT, "%.0f ms", quiet.get("max").asDouble()),
          judged
              ? String.format(Locale.ROOT, "≤ %.0f ms | ", FIRST_EVENT_TARGET_MS)
                  + Report.verdictAtMost(
                      quiet.get("mean").asDouble(),
                      quiet.get("ci95").asDouble(),
                      1,
                      0,
                      FIRST_EVENT_TARGET_MS)
              : "– | ");
    }

    List<JsonNode> bursts = new ArrayList<>();
    scenario.path(FreshJvm.BURST).path("trials").forEach(bursts::add);
    List<Double> delivered = values(bursts, "delivered");
    List<Double> received = values(bursts, "receiver_accepted");
    boolean allDelivered = !bursts.isEmpty();
    for (JsonNode burst : bursts) {
      allDelivered &= burst.get("delivered").asLong() == events;
    }
    JsonNode stop = scenario.path(FreshJvm.BURST).path("summary").path("stop_ms");
    row(
        ms,
        String.format(
            Locale.ROOT,
            "Burst at exit: delivered within `stop()` (`shutdownTimeout` %,d ms), of %,d;"
                + " receiver's count",
            bursts.isEmpty() ? 0 : bursts.get(0).get("shutdown_timeout_ms").asLong(),
            events),
        String.format(
            Locale.ROOT,
            "%s; receiver %s",
            Report.plusMinus(Samples.mean(delivered), Samples.ci95(delivered)),
            Report.plusMinus(Samples.mean(received), Samples.ci95(received))),
        String.format(Locale.ROOT, "%.0f delivered", min(delivered)),
        "all delivered with default settings | " + Report.verdict(allDelivered));
    row(
        ms,
        "Burst at exit: `stop()` took",
        Report.plusMinus(stop.get("mean").asDouble(), stop.get("ci95").asDouble()) + " ms",
        String.format(Locale.ROOT, "%.0f ms", stop.get("max").asDouble()),
        "– | ");

    JsonNode life = scenario.path(FreshJvm.LIFE).path("summary");
    if (life.isMissingNode()) {
      return;
    }
    JsonNode rate = life.get("first_seconds_rate");
    double bound = latency > 0 ? 64 * 1000.0 / latency : Double.NaN;
    row(
        ms,
        latency > 0
            ? String.format(
                Locale.ROOT,
                "First-%d-s rate, events/s; ÷ in-flight bound (64 ÷ %d ms = %.0f/s)",
                rateSeconds,
                latency,
                bound)
            : String.format(Locale.ROOT, "First-%d-s rate, events/s", rateSeconds),
        Report.plusMinus(rate.get("mean").asDouble(), rate.get("ci95").asDouble())
            + (latency > 0
                ? String.format(
                    Locale.ROOT,
                    "; %.2f ± %.2f",
                    rate.get("mean").asDouble() / bound,
                    rate.get("ci95").asDouble() / bound)
                : ""),
        String.format(Locale.ROOT, "%.0f/s", rate.get("min").asDouble()),
        judged
            ? String.format(Locale.ROOT, "≥ %.2f | ", RATE_TARGET)
                + Report.verdictAtLeast(
                    rate.get("mean").asDouble(), rate.get("ci95").asDouble(), bound, 0, RATE_TARGET)
            : "– | ");
    JsonNode cpu = life.get("cpu_us_per_delivered");
    JsonNode warm = Report.oursThroughput(e2e, latency);
    JsonNode warmCpu = warm == null ? null : warm.get("client_cpu_us_per_event");
    boolean compared = warmCpu != null && !warmCpu.isNull();
    double cpuMean = cpu.get("mean").asDouble();
    double cpuError = cpu.get("ci95").asDouble();
    row(
        ms,
        String.format(
            Locale.ROOT,
            "Client CPU µs per delivered event over a %d s life; ÷ warm (end to end: %s µs)",
            lifeSeconds,
            compared ? String.format(Locale.ROOT, "%.0f", warmCpu.asDouble()) : "–"),
        Report.plusMinus(cpuMean, cpuError)
            + (compared
                ? String.format(
                    Locale.ROOT,
                    "; %.2f ± %.2f",
                    cpuMean / warmCpu.asDouble(),
                    cpuError / warmCpu.asDouble())
                : ""),
        String.format(Locale.ROOT, "%.0f µs", cpu.get("max").asDouble()),
        judged && compared
            ? String.format(Locale.ROOT, "≤ %.1f× warm | ", CPU_TARGET)
                + Report.verdictAtMost(cpuMean, cpuError, warmCpu.asDouble(), 0, CPU_TARGET)
            : "– | ");
  }

  private void timeRow(int latency, String kind, JsonNode summary) {
    line(
        String.format(
            Locale.ROOT,
            "| %d ms | %s × %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |",
            latency,
            kind,
            summary.path("first_call_ms").path("n").asInt(),
            mean(summary, "launch_to_main_ms", " ms"),
            mean(summary, "main_to_start_ms", " ms"),
            mean(summary, "start_call_ms", " ms"),
            mean(summary, "first_call_ms", " ms"),
            mean(summary, "first_round_trip_ms", " ms"),
            mean(summary, "first_event_ms", " ms"),
            mean(summary, "stop_ms", " ms"),
            mean(summary, "jit_ms", " ms"),
            mean(summary, "gc_ms", " ms"),
            mean(summary, "cpu_ms", " ms")));
  }

  private static String mean(JsonNode summary, String figure, String unit) {
    JsonNode mean = summary.path(figure).path("mean");
    return mean.isMissingNode()
        ? "–"
        : String.format(Locale.ROOT, "%,.0f%s", mean.asDouble(), unit);
  }

  private void row(String latency, String figure, String value, String worst, String target) {
    line("| " + latency + " | " + figure + " | " + value + " | " + worst + " | " + target + " |");
  }

  private static List<Double> values(List<JsonNode> trials, String figure) {
    List<Double> values = new ArrayList<>();
    for (JsonNode trial : trials) {
      JsonNode value = trial.get(figure);
      if (value != null && value.isNumber()) {
        values.add(value.asDouble());
      }
    }
    return values;
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private void line(String text) {
    md.append(text).append('\n');
  }
}
