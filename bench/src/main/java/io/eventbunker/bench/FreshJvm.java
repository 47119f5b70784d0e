package io.eventbunker.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbunker.logback.EventBunkerDefaults;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

  // The child's own JVM flags, none by default: what an application gets unless it sets some.
  private static final String CHILD_JVM_ARGS = System.getProperty("bench.child.jvmArgs", "").trim();
  // What reaches the receiver after the child has gone: requests it had sent but not seen answered.
  private static final long SETTLE_MILLIS = 200;

  private final Options options;
  private final ObjectMapper json = new ObjectMapper();

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
    results.put("child_jvm_args", CHILD_JVM_ARGS);
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
        scenario.put(QUIET, trialsAndSummary(quiets));
        scenario.put(JDK, trialsAndSummary(jdks));
        scenario.put(BURST, trialsAndSummary(bursts));
        if (life) {
          scenario.put(LIFE, trialsAndSummary(lives));
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
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (!CHILD_JVM_ARGS.isEmpty()) {
      command.addAll(List.of(CHILD_JVM_ARGS.split("\\s+")));
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    if (mode.equals(JDK)) {
      command.add(ColdJdkClient.class.getName());
      command.add(receiver.endpoint().toString());
    } else {
      command.add(FreshJvmChild.class.getName());
      command.add(mode);
      command.add(receiver.endpoint().toString());
      childArguments(command);
    }
    Process child =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread reader = new Thread(() -> readResult(child, result), "fresh-child-output");
    reader.setDaemon(true);
    reader.start();
    long timeoutSeconds =
        (mode.equals(LIFE) ? options.lifeSeconds : 0)
            + TimeUnit.MILLISECONDS.toSeconds(EventBunkerDefaults.SHUTDOWN_TIMEOUT_MS)
            + 60;
    String line;
    long resultAt;
    try {
      line = result.get(timeoutSeconds, TimeUnit.SECONDS);
      resultAt = System.nanoTime();
    } catch (ExecutionException | TimeoutException e) {
      child.destroyForcibly();
      throw new IOException("fresh: the " + mode + " trial gave no result: " + command, e);
    }
    boolean exited = child.waitFor(30, TimeUnit.SECONDS);
    long exitedAt = System.nanoTime();
    if (!exited) {
      child.destroyForcibly();
    }
    Map<String, Object> figures =
        json.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() {});
    figures.put("exit_after_result_ms", exited ? (exitedAt - resultAt) / 1e6 : null);
    figures.put("exit_code", exited ? child.exitValue() : null);
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
        exited ? "" : "; did not exit within 30 s of its result");
    return figures;
  }

  private void childArguments(List<String> command) {
    command.add(Integer.toString(options.burstEvents));
    command.add(Integer.toString(options.threads));
    command.add(Integer.toString(options.lifeSeconds));
    command.add(Integer.toString(options.rateSeconds));
    command.add(Long.toString(System.currentTimeMillis())); // last, just before the launch
  }

  /** Completes {@code result} with the child's result line, echoing anything else it prints. */
  private static void readResult(Process child, CompletableFuture<String> result) {
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(FreshJvmChild.RESULT_PREFIX)) {
          result.complete(line.substring(FreshJvmChild.RESULT_PREFIX.length()));
        } else {
          System.err.println("fresh child: " + line);
        }
      }
      result.completeExceptionally(
          new IOException("the child exited with " + child.waitFor() + " and no result"));
    } catch (IOException e) {
      result.completeExceptionally(e);
    } catch (InterruptedException e) {
      result.completeExceptionally(e);
      Thread.currentThread().interrupt();
    }
  }

  /** The trials, and each figure's mean, 95% confidence half-width, minimum and maximum. */
  private static Map<String, Object> trialsAndSummary(List<Map<String, Object>> trials) {
    Map<String, Object> kind = new LinkedHashMap<>();
    kind.put("trials", trials);
    kind.put("summary", summary(trials));
    return kind;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> summary(List<Map<String, Object>> trials) {
    Set<String> keys = new LinkedHashSet<>();
    trials.forEach(trial -> keys.addAll(trial.keySet()));
    Map<String, Object> summary = new LinkedHashMap<>();
    for (String key : keys) {
      List<Double> values = new ArrayList<>();
      List<Map<String, Object>> nested = new ArrayList<>();
      for (Map<String, Object> trial : trials) {
        Object value = trial.get(key);
        if (value instanceof Number) {
          values.add(((Number) value).doubleValue());
        } else if (value instanceof Map) {
          nested.add((Map<String, Object>) value);
        }
      }
      if (!values.isEmpty()) {
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("n", values.size());
        figure.put("mean", Samples.mean(values));
        figure.put("ci95", Samples.ci95(values));
        figure.put("min", values.stream().mapToDouble(Double::doubleValue).min().getAsDouble());
        figure.put("max", values.stream().mapToDouble(Double::doubleValue).max().getAsDouble());
        summary.put(key, figure);
      } else if (!nested.isEmpty()) {
        summary.put(key, summary(nested));
      }
    }
    return summary;
  }

  /** The harness's settings; the defaults are what run.sh uses. */
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
      Options options = new Options();
      for (int i = 0; i + 1 < args.length; i += 2) {
        String value = args[i + 1];
        switch (args[i]) {
          case "--testkit-jar":
            options.testkitJar = Path.of(value);
            break;
          case "--out":
            options.out = Path.of(value);
            break;
          case "--latencies":
            options.latencies = integers(value);
            break;
          case "--life-latencies":
            options.lifeLatencies = integers(value);
            break;
          case "--trials":
            options.trials = Integer.parseInt(value);
            break;
          case "--warmup-trials":
            options.warmupTrials = Integer.parseInt(value);
            break;
          case "--burst-events":
            options.burstEvents = Integer.parseInt(value);
            break;
          case "--life-seconds":
            options.lifeSeconds = Integer.parseInt(value);
            break;
          case "--rate-seconds":
            options.rateSeconds = Integer.parseInt(value);
            break;
          case "--receiver-warmup-seconds":
            options.receiverWarmupSeconds = Integer.parseInt(value);
            break;
          default:
            throw new IllegalArgumentException("Unknown option " + args[i]);
        }
      }
      ReceiverProcess.checkJar(options.testkitJar);
      if (options.rateSeconds > options.lifeSeconds) {
        throw new IllegalArgumentException("--rate-seconds must not exceed --life-seconds");
      }
      return options;
    }

    private static List<Integer> integers(String commaSeparated) {
      List<Integer> values = new ArrayList<>();
      for (String value : commaSeparated.split(",")) {
        if (!value.isBlank()) {
          values.add(Integer.parseInt(value.trim()));
        }
      }
      return values;
    }
  }
}
