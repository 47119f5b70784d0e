package io.eventbunker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbunker.core.EventBunkerDefaults;
import java.util.Locale;

/**
 * The tables of {@link Http2Report}, from {@link Http2Bench}'s JSON, one row per latency and
 * variant: rates against {@code h2load} with the targets, ours against the client alone, the counts
 * against the server's, and the burst at exit. Verdicts by {@link Report}'s rules.
 */
final class Http2Tables {
  private final StringBuilder md;
  private final JsonNode http2;
  private final int events;
  private final int jdkThreads;

  Http2Tables(StringBuilder md, JsonNode http2) {
    this.md = md;
    this.http2 = http2;
    this.events = http2.get("fresh_events").asInt();
    this.jdkThreads = http2.get("jdk_client_threads").asInt();
  }

  /** Every rate, ÷ {@code h2load}, with the targets and CPU per event. */
  void rates() {
    line(
        "| Latency | Variant | Events/s | ÷ `h2load` | Target | | Client CPU µs/event |"
            + " Server CPU µs/event |");
    line("|---|---|---|---|---|---|---|---|");
    for (JsonNode scenario : http2.get("scenarios")) {
      rates(scenario);
    }
  }

  private void rates(JsonNode scenario) {
    String ms = scenario.get("latency_ms").asInt() + " ms";
    JsonNode h2load = scenario.get("h2load");
    if (h2load != null) {
      row(
          ms,
          String.format(
              Locale.ROOT,
              "`h2load`, 1 connection, %d streams: the server's capacity",
              http2.get("streams").asInt()),
          Report.plusMinus(h2load.get("mean").asDouble(), h2load.get("ci95").asDouble()),
          "1",
          "– | ",
          "–",
          number(h2load.get("server_cpu_us_per_request")));
    } else {
      row(ms, "`h2load`: not run", "–", "–", "– | ", "–", "–");
    }
    JsonNode jdk = scenario.get("jdk_client_warm");
    rateRow(
        ms,
        String.format(
            Locale.ROOT, "JDK `HttpClient` alone, warm, `send` from %d threads", jdkThreads),
        jdk,
        h2load,
        0,
        number(jdk.get("client_cpu_us_per_request")),
        "–");
    JsonNode ours = scenario.get("ours_warm");
    rateRow(
        ms,
        "EventBunker appender, warm",
        ours,
        h2load,
        Http2Report.WARM_TARGET,
        number(ours.get("client_cpu_us_per_event")),
        number(ours.get("server_cpu_us_per_event")));
    JsonNode freshJdk = scenario.get("fresh_jdk").get("summary");
    rateRow(
        ms,
        String.format(
            Locale.ROOT,
            "JDK `HttpClient` alone, fresh JVM, %,d requests from %d threads",
            events,
            jdkThreads),
        freshJdk.path("per_second"),
        h2load,
        0,
        mean(freshJdk.path("cpu_us_per_request"), ""),
        "–");
    JsonNode freshOurs = scenario.get("fresh_ours").get("summary");
    rateRow(
        ms,
        String.format(
            Locale.ROOT,
            "EventBunker appender, fresh JVM, %,d events, first statement → `stop()` returned",
            events),
        freshOurs.path("per_second"),
        h2load,
        Http2Report.FRESH_TARGET,
        mean(freshOurs.path("cpu_us_per_delivered"), ""),
        "–");
  }

  /** A rate's row: its mean and error, ÷ {@code h2load}, and its target if {@code least} > 0. */
  private void rateRow(
      String ms,
      String variant,
      JsonNode rate,
      JsonNode h2load,
      double least,
      String clientCpu,
      String serverCpu) {
    double mean = rate.path("mean").asDouble();
    double error = rate.path("ci95").asDouble();
    row(
        ms,
        variant,
        plusMinus(rate),
        ofH2load(mean, error, h2load),
        least > 0 ? target(mean, error, h2load, least) : "– | ",
        clientCpu,
        serverCpu);
  }

  /** Ours ÷ the same client alone, warm and from fresh JVMs. */
  void oursToClient() {
    line("| Latency | Warm | Fresh JVM |");
    line("|---|---|---|");
    for (JsonNode scenario : http2.get("scenarios")) {
      JsonNode freshOurs = scenario.get("fresh_ours").get("summary").path("per_second");
      JsonNode freshJdk = scenario.get("fresh_jdk").get("summary").path("per_second");
      line(
          String.format(
              Locale.ROOT,
              "| %d ms | %s | %s |",
              scenario.get("latency_ms").asInt(),
              ratio(scenario.get("ours_warm"), scenario.get("jdk_client_warm")),
              ratio(freshOurs, freshJdk)));
    }
  }

  /** Each run's events against the server's counts, and where a fresh JVM's time went. */
  void counts() {
    line(
        "| Latency | Run | Delivered | Server answered | Over HTTP/2 | | First event | First round"
            + " trip | stop() |");
    line("|---|---|---|---|---|---|---|---|---|");
    for (JsonNode scenario : http2.get("scenarios")) {
      String ms = scenario.get("latency_ms").asInt() + " ms";
      JsonNode warm = scenario.get("ours_warm");
      long delivered = warm.get("delivered").asLong();
      boolean warmComplete =
          delivered == warm.get("accepted").asLong()
              && delivered == warm.get("server_answered").asLong()
              && delivered == warm.get("server_answered_http2").asLong();
      line(
          String.format(
              Locale.ROOT,
              "| %s | ours, warm (all the events it accepted) | %,d of %,d | %,d | %,d | %s | – |"
                  + " – | – |",
              ms,
              delivered,
              warm.get("accepted").asLong(),
              warm.get("server_answered").asLong(),
              warm.get("server_answered_http2").asLong(),
              Report.verdict(warmComplete)));
      freshCounts(ms, "ours, fresh JVM", scenario.get("fresh_ours"), "delivered");
      freshCounts(ms, "JDK client alone, fresh JVM", scenario.get("fresh_jdk"), "succeeded");
    }
  }

  /** A kind of fresh JVM's counts over its trials: complete if every trial's are. */
  private void freshCounts(String ms, String run, JsonNode kind, String deliveredFigure) {
    JsonNode trials = kind.get("trials");
    long delivered = 0;
    long answered = 0;
    long http2Answered = 0;
    boolean complete = trials.size() > 0;
    for (JsonNode trial : trials) {
      delivered += trial.get(deliveredFigure).asLong();
      answered += trial.get("server_answered").asLong();
      http2Answered += trial.get("server_answered_http2").asLong();
      complete &= arrivedOverHttp2(trial, deliveredFigure, events);
    }
    JsonNode summary = kind.get("summary");
    line(
        String.format(
            Locale.ROOT,
            "| %s | %s × %d | %,d of %,d | %,d | %,d | %s | %s | %s | %s |",
            ms,
            run,
            trials.size(),
            delivered,
            (long) events * trials.size(),
            answered,
            http2Answered,
            Report.verdict(complete),
            mean(summary.path("first_event_ms"), " ms"),
            mean(summary.path("first_round_trip_ms"), " ms"),
            mean(summary.path("stop_ms"), " ms")));
  }

  /** Whether the burst at exit was measured: at one latency at least. */
  boolean hasBurst() {
    for (JsonNode scenario : http2.get("scenarios")) {
      if (scenario.has("fresh_burst")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Issue #12 over HTTPS + HTTP/2: a full default queue logged by a fresh JVM that then stops,
   * every event to be delivered within {@code stop()}, which waits up to the default {@code
   * shutdownTimeout}.
   */
  void burst() {
    int burstEvents = http2.get("burst_events").asInt();
    line("| Latency | Figure | Mean ± error | Worst trial | Target | |");
    line("|---|---|---|---|---|---|");
    for (JsonNode scenario : http2.get("scenarios")) {
      JsonNode kind = scenario.get("fresh_burst");
      if (kind == null) {
        continue;
      }
      JsonNode trials = kind.get("trials");
      boolean complete = trials.size() > 0;
      for (JsonNode trial : trials) {
        complete &= arrivedOverHttp2(trial, "delivered", burstEvents);
      }
      // What the children ran with: their appenders' own default.
      long timeout =
          trials.size() > 0
              ? trials.get(0).get("shutdown_timeout_ms").asLong()
              : EventBunkerDefaults.SHUTDOWN_TIMEOUT_MS;
      JsonNode summary = kind.get("summary");
      row(
          scenario.get("latency_ms").asInt() + " ms",
          String.format(
              Locale.ROOT,
              "Burst at exit, fresh JVM × %d: %,d events (%s), then `stop()`: delivered within"
                  + " it, of %,d; the server's count over HTTP/2; `stop()` took",
              trials.size(),
              burstEvents,
              burstEvents == EventBunkerDefaults.QUEUE_CAPACITY
                  ? "the default `queueCapacity`"
                  : "not the default `queueCapacity`: a reduced run",
              burstEvents),
          String.format(
              Locale.ROOT,
              "%s; server %s; %s ms",
              plusMinus(summary.path("delivered")),
              plusMinus(summary.path("server_answered_http2")),
              plusMinus(summary.path("stop_ms"))),
          String.format(
              Locale.ROOT,
              "%,.0f delivered; %,.0f ms",
              summary.path("delivered").path("min").asDouble(),
              summary.path("stop_ms").path("max").asDouble()),
          String.format(
              Locale.ROOT,
              "all delivered within the default `shutdownTimeout` (%,d ms) | %s",
              timeout,
              Report.verdict(complete)));
    }
  }

  /** Whether all {@code events} of a fresh JVM's trial arrived, and over HTTP/2. */
  private static boolean arrivedOverHttp2(JsonNode trial, String deliveredFigure, long events) {
    return trial.get(deliveredFigure).asLong() == events
        && trial.get("server_answered").asLong() == events
        && trial.get("server_answered_http2").asLong() == events;
  }

  /** {@code rate ÷ h2load} with its error, or a dash without {@code h2load}. */
  private static String ofH2load(double rate, double error, JsonNode h2load) {
    if (h2load == null) {
      return "–";
    }
    return Report.ratio(rate, error, h2load.get("mean").asDouble(), h2load.get("ci95").asDouble());
  }

  private static String target(double rate, double error, JsonNode h2load, double least) {
    String target = String.format(Locale.ROOT, "≥ %.2f | ", least);
    if (h2load == null) {
      return target + "not judged: no `h2load`";
    }
    return target
        + Report.verdictAtLeast(
            rate, error, h2load.get("mean").asDouble(), h2load.get("ci95").asDouble(), least);
  }

  private static String ratio(JsonNode a, JsonNode b) {
    if (a.path("mean").isMissingNode() || b.path("mean").isMissingNode()) {
      return "–";
    }
    return Report.ratio(
        a.get("mean").asDouble(),
        a.get("ci95").asDouble(),
        b.get("mean").asDouble(),
        b.get("ci95").asDouble());
  }

  private static String plusMinus(JsonNode figure) {
    return figure.path("mean").isMissingNode()
        ? "–"
        : Report.plusMinus(figure.get("mean").asDouble(), figure.get("ci95").asDouble());
  }

  private static String mean(JsonNode figure, String unit) {
    return figure.path("mean").isMissingNode()
        ? "–"
        : String.format(Locale.ROOT, "%,.0f%s", figure.get("mean").asDouble(), unit);
  }

  private static String number(JsonNode value) {
    return value == null || value.isNull()
        ? "–"
        : String.format(Locale.ROOT, "%.0f", value.asDouble());
  }

  private void row(String... cells) {
    line("| " + String.join(" | ", cells) + " |");
  }

  private void line(String text) {
    md.append(text).append('\n');
  }
}
