package io.eventbunker.bench;

import io.eventbunker.testkit.TestCertificate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fresh-JVM trials of {@link Http2Bench} against one server, each a new process from launch to
 * exit that trusts the test certificate as a user's JVM trusts a private CA ({@code
 * -Djavax.net.ssl.trustStore}), so that the appender builds its own client: {@link FreshJvmChild}
 * logging a burst with our appender, {@link ColdJdkClient} sending as many requests; and, where
 * asked, the burst at exit of a full default queue.
 */
record Http2Fresh(
    Http2Bench.Options options,
    TestCertificate certificate,
    Http2ServerProcess server,
    int latency) {
  static final String OURS = "ours";
  static final String JDK = "jdk";

  /**
   * {@code fresh_warmup} (discarded), {@code fresh_ours} and {@code fresh_jdk}, each with its
   * summary; and {@code fresh_burst} where {@link Http2Bench.Options#burstLatencies} has this
   * latency.
   */
  Map<String, Object> measure() throws IOException, InterruptedException {
    Map<String, Object> figures = new LinkedHashMap<>();
    List<Map<String, Object>> warmup = new ArrayList<>();
    for (int i = 1; i <= options.warmupTrials; i++) {
      warmup.add(trial(OURS, options.freshEvents, "warm-up " + i));
    }
    figures.put("fresh_warmup", warmup);
    List<Map<String, Object>> ours = new ArrayList<>();
    List<Map<String, Object>> jdks = new ArrayList<>();
    // Alternating, so that a change in the machine's load falls on both kinds alike.
    for (int i = 1; i <= options.trials; i++) {
      ours.add(trial(OURS, options.freshEvents, i + "/" + options.trials));
      jdks.add(trial(JDK, options.freshEvents, i + "/" + options.trials));
    }
    figures.put("fresh_ours", ChildJvm.trialsAndSummary(ours));
    figures.put("fresh_jdk", ChildJvm.trialsAndSummary(jdks));
    if (options.burstLatencies.contains(latency)) {
      List<Map<String, Object>> bursts = new ArrayList<>();
      for (int i = 1; i <= options.trials; i++) {
        bursts.add(trial(OURS, options.burstEvents, "burst at exit " + i + "/" + options.trials));
      }
      figures.put("fresh_burst", ChildJvm.trialsAndSummary(bursts));
    }
    return figures;
  }

  /**
   * One child JVM of this {@code kind} sending {@code events}: its figures, with what the server
   * answered meanwhile.
   */
  private Map<String, Object> trial(String kind, int events, String label)
      throws IOException, InterruptedException {
    Http2ServerProcess.Answered before = server.answered();
    // What a user does for a private CA: the JVM's default SSLContext trusts it.
    List<String> trust =
        List.of(
            "-Djavax.net.ssl.trustStore=" + certificate.trustStore(),
            "-Djavax.net.ssl.trustStorePassword=" + TestCertificate.PASSWORD);
    boolean ours = kind.equals(OURS);
    List<String> arguments =
        ours
            ? FreshJvmChild.arguments(
                FreshJvm.BURST, server.endpoint(), events, options.freshThreads, 0, 0)
            : List.of(
                server.endpoint().toString(),
                Integer.toString(events),
                Integer.toString(options.jdkClientThreads));
    Map<String, Object> figures =
        ChildJvm.run(
            ours ? FreshJvmChild.class : ColdJdkClient.class,
            trust,
            arguments,
            0,
            "http2: the fresh " + kind + " trial");
    server.putAnsweredSince(before, figures);
    if (ours) {
      Object elapsed = figures.get("first_log_to_stopped_ms");
      figures.put(
          "per_second",
          elapsed instanceof Number
              ? ((Number) figures.get("delivered")).doubleValue()
                  * 1000
                  / ((Number) elapsed).doubleValue()
              : null);
    }
    System.err.printf(
        "http2: %d ms, fresh %s %s: %.0f/s, first event %s ms, delivered %s (server %s), CPU %s"
            + " ms%n",
        latency,
        kind,
        label,
        figures.get("per_second") instanceof Number
            ? ((Number) figures.get("per_second")).doubleValue()
            : Double.NaN,
        figures.get("first_event_ms"),
        figures.get(ours ? "delivered" : "succeeded"),
        figures.get("server_answered"),
        figures.get("cpu_ms"));
    return figures;
  }
}
