package io.eventbunker.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbunker.core.EventBunkerDefaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fresh-JVM harness: real processes start cold, log a burst and stop, where the other
 * benchmarks measure warm JVMs. Each trial is a new JVM ({@link FreshJvmChild}) with our appender
 * at its default settings, against one receiver process per server latency, warmed up before the
 * first trial and kept across trials. Burst trials log a full default queue and stop at once: first
 * event delivered after {@code start()}, events delivered within {@code stop()}, and how long it
 * took. Life trials keep the queue fed for a while: deliveries per second over the first seconds,
 * and the process's whole CPU time per delivered event. Writes the figures as JSON for {@link
 * Report}.
 *
 * <pre>
 * java -cp benchmarks.jar io.eventbunker.bench.FreshJvm --testkit-jar PATH --out fresh.json
 * </pre>
 */
final class FreshJvm {
  static final String BURST = "burst";
  static final String LIFE = "life";
  static final String QUIET = "quiet";
  static final String JDK = "jdk";

  // What reaches the receiver after the child has gone: requests it had sent but not seen answered.
  private static final long SETTLE_MILLIS = 200;

  private final Options options;

  FreshJvm(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Map<String, Object> results = new FreshJvm(options).run();
    Files.createDirectories(options.out.toAbsolutePath().getParent());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(options.out.toFile(), results);
  }

  Map<String, Object> run() throws IOException, InterruptedException {
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("trials", options.trials);
    results.put("warmup_trials", options.warmupTrials);
    results.put("burst_events", options.burstEvents);
    results.put("logging_threads", options.threads);
    results.put("life_seconds", options.lifeSeconds);
    results.put("rate_seconds", options.rateSeconds);
    results.put("feed_level", FreshJvmChild.FEED_LEVEL);
    results.put("child_jvm_args", ChildJvm.JVM_ARGS);
    List<Map<String, Object>> scenarios = new ArrayList<>();
    for (int latency : options.latencies) {
      Map<String, Object> scenario = new LinkedHashMap<>();
      scenario.put("latency_ms", latency);
      scenario.put("load_average", Machine.loadAverage());
      // It holds one event: the harness reads only its counts.
      try (ReceiverProcess receiver =
          ReceiverProcess.start(options.testkitJar, latency, "--max-events", "1")) {
        warm(receiver);
        List<Map<String, Object>> warmup = new ArrayList<>();
        for (int i = 0; i < options.warmupTrials; i++) {
          warmup.add(trial(receiver, latency, BURST, "warm-up " + (i + 1)));
        }
        scenario.put("warmup", warmup);
        boolean life = options.lifeLatencies.contains(latency);
        List<Map<String, Object>> bursts = new ArrayList<>();
        List<Map<String, Object>> lives = new ArrayList<>();
        List<Map<String, Object>> quiets = new ArrayList<>();
        List<Map<String, Object>> jdks = new ArrayList<>();
        // Alternating, so that a change in the machine's load falls on both kinds alike.
        for (int i = 1; i <= options.trials; i++) {
          bursts.add(trial(receiver, latency, BURST, i + "/" + options.trials));
          if (life) {
            lives.add(trial(receiver, latency, LIFE, i + "/" + options.trials));
          }
          quiets.add(trial(receiver, latency, QUIET, i + "/" + options.trials));
          jdks.add(trial(receiver, latency, JDK, i + "/" + options.trials));
        }
        scenario.put(QUIET, ChildJvm.trialsAndSummary(quiets));
        scenario.put(JDK, ChildJvm.trialsAndSummary(jdks));
        scenario.put(BURST, ChildJvm.trialsAndSummary(bursts));
        if (life) {
          scenario.put(LIFE, ChildJvm.trialsAndSummary(lives));
        }
      }
      scenarios.add(scenario);
    }
    results.put("scenarios", scenarios);
    return results;
  }

  /** Requests like the appender's, so that the receiver's JIT has compiled its path. */
  private void warm(ReceiverProcess receiver) throws IOException, InterruptedException {
    if (options.receiverWarmupSeconds <= 0) {
      return;
    }
    System.err.println("fresh: warming the receiver up");
    if (Wrk.available()) {
      Wrk.run(
          receiver.endpoint(), EventBunkerDefaults.MAX_IN_FLIGHT, options.receiverWarmupSeconds);
    } else {
      JdkClientCeiling.measure(
          receiver.endpoint(), EventBunkerDefaults.MAX_IN_FLIGHT, options.receiverWarmupSeconds, 1);
    }
  }

  /** One child JVM from launch to exit, its figures and what the receiver counted meanwhile. */
  private Map<String, Object> trial(
      ReceiverProcess receiver, int latency, String mode, String label)
      throws IOException, InterruptedException {
    long receivedBefore = receiver.acceptedCount();
    boolean jdk = mode.equals(JDK);
    List<String> arguments =
        jdk
            ? List.of(receiver.endpoint().toString())
            : FreshJvmChild.arguments(
                mode,
                receiver.endpoint(),
                options.burstEvents,
                options.threads,
                options.lifeSeconds,
                options.rateSeconds);
    Map<String, Object> figures =
        ChildJvm.run(
            jdk ? ColdJdkClient.class : FreshJvmChild.class,
            List.of(),
            arguments,
            mode.equals(LIFE) ? options.lifeSeconds : 0,
            "fresh: the " + mode + " trial");
    Thread.sleep(SETTLE_MILLIS);
    figures.put("receiver_accepted", receiver.acceptedCount() - receivedBefore);
    if (mode.equals(LIFE)) {
      figures.put(
          "first_seconds_rate",
          ((Number) figures.get("delivered_in_rate_window")).doubleValue() / options.rateSeconds);
    }
    if (mode.equals(QUIET) || mode.equals(JDK)) {
      System.err.printf("fresh: %d ms, %s %s: %s%n", latency, mode, label, figures);
      return figures;
    }
    System.err.printf(
        "fresh: %d ms, %s %s: first event %s ms, delivered %s of %s (receiver %s), stop %s ms,"
            + " CPU %s ms%s%n",
        latency,
        mode,
        label,
        figures.get("first_event_ms"),
        figures.get("delivered"),
        figures.get("accepted"),
        figures.get("receiver_accepted"),
        figures.get("stop_ms"),
        figures.get("cpu_ms"),
        figures.get("exit_code") != null ? "" : "; did not exit within 30 s of its result");
    return figures;
  }

  /**
   * The harness's settings, each set by the flag of its name ({@code --burst-events} for {@code
   * burstEvents}: {@link Flags}); the defaults are what run.sh uses.
   */
  static final class Options {
    Path testkitJar;
    Path out = Path.of("target", "fresh.json");
    List<Integer> latencies = List.of(35, 0);
    // Life trials only where the targets are: at the API's typical latency.
    List<Integer> lifeLatencies = List.of(35);
    int trials = 3;
    int warmupTrials = 1;
    int burstEvents = EventBunkerDefaults.QUEUE_CAPACITY;
    int threads = 4;
    int lifeSeconds = 30;
    int rateSeconds = 5;
    int receiverWarmupSeconds = 5;

    static Options parse(String[] args) {
      Options options = Flags.parse(args, new Options());
      ReceiverProcess.checkJar(options.testkitJar);
      if (options.rateSeconds > options.lifeSeconds) {
        throw new IllegalArgumentException("--rate-seconds must not exceed --life-seconds");
      }
      return options;
    }
  }
}
