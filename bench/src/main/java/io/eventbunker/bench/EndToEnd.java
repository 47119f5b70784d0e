package io.eventbunker.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The end-to-end harness: for each server latency, the receiver's own capacity ({@code wrk}), then
 * for each variant its sustained throughput with CPU per delivered event, and its log→receipt
 * latency at a low, steady rate. Writes the figures as JSON for {@link Report}.
 *
 * <pre>
 * java -cp benchmarks.jar io.eventbunker.bench.EndToEnd --testkit-jar PATH --out e2e.json
 * </pre>
 */
final class EndToEnd {
  /** Logging threads in a throughput run; as many as the machine has cores. */
  static final int PRODUCERS = 2;

  private static final long PROBE_DELIVERY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(15);

  private final Options options;
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  EndToEnd(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Map<String, Object> results = new EndToEnd(options).run();
    Files.createDirectories(options.out.toAbsolutePath().getParent());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(options.out.toFile(), results);
  }

  Map<String, Object> run() throws IOException, InterruptedException {
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("producers", PRODUCERS);
    results.put("warmup_seconds", options.warmupSeconds);
    results.put("window_seconds", options.windowSeconds);
    results.put("probe_events", options.probeEvents);
    results.put("probe_rate", options.probeRate);
    List<Map<String, Object>> byLatency = new ArrayList<>();
    for (int latency : options.latencies) {
      Map<String, Object> scenario = new LinkedHashMap<>();
      scenario.put("latency_ms", latency);
      scenario.put("load_average", Machine.loadAverage());
      try (ReceiverProcess receiver = ReceiverProcess.start(options.testkitJar, latency)) {
        if (options.wrkRuns > 0 && Wrk.available()) {
          scenario.put("wrk", wrk(receiver));
        }
        List<Map<String, Object>> ceilings = new ArrayList<>();
        for (int threads : options.jdkClientThreads) {
          System.err.printf("e2e: JDK HttpClient alone, %d threads, at %d ms%n", threads, latency);
          ceilings.add(
              JdkClientCeiling.measure(
                  receiver.endpoint(), threads, options.warmupSeconds, options.windowSeconds));
        }
        scenario.put("jdk_client", ceilings);
        List<Map<String, Object>> variants = new ArrayList<>();
        for (Variant variant : options.variants) {
          Map<String, Object> figures = new LinkedHashMap<>();
          figures.put("id", variant.id);
          figures.put("title", variant.title);
          System.err.printf("e2e: %s at %d ms%n", variant.id, latency);
          figures.put("throughput", throughput(variant, receiver));
          figures.put("latency", probe(variant, receiver));
          variants.add(figures);
        }
        scenario.put("variants", variants);
      }
      byLatency.add(scenario);
    }
    results.put("scenarios", byLatency);
    return results;
  }

  private Map<String, Object> wrk(ReceiverProcess receiver)
      throws IOException, InterruptedException {
    System.err.println("e2e: wrk");
    Wrk.run(receiver.endpoint(), options.wrkConnections, 1); // warms the receiver's JIT
    List<Double> rates = new ArrayList<>();
    long cpuBefore = receiver.cpuNanos();
    double requests = 0;
    for (int i = 0; i < options.wrkRuns; i++) {
      double rate = Wrk.run(receiver.endpoint(), options.wrkConnections, options.wrkSeconds);
      rates.add(rate);
      requests += rate * options.wrkSeconds;
    }
    long cpu = receiver.cpuNanos() - cpuBefore;
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("connections", options.wrkConnections);
    figures.put("runs", rates);
    figures.put("mean", Samples.mean(rates));
    figures.put("ci95", Samples.ci95(rates));
    figures.put("receiver_cpu_us_per_request", cpu / 1000.0 / requests);
    return figures;
  }

  private Map<String, Object> throughput(Variant variant, ReceiverProcess receiver)
      throws InterruptedException {
    Variant.Running running = variant.start(receiver.endpoint(), true);
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> producers = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      Thread producer =
          new Thread(
              () -> {
                long orderId = 0;
                while (!stop.get()) {
                  Statements.event(running.logger, Statements.EVENT_NAME, "cust-42", orderId++);
                }
              },
              "producer-" + p);
      producer.start();
      producers.add(producer);
    }
    Thread.sleep(TimeUnit.SECONDS.toMillis(options.warmupSeconds));
    long clientCpuAtStart = os.getProcessCpuTime();
    long threadsAtStart = threads.getTotalStartedThreadCount();
    long receiverCpuAtStart = receiver.cpuNanos();
    Samples.Window window = Samples.window(running::delivered, options.windowSeconds);
    List<Double> perSecond = window.perSecond();
    long delivered = window.total();
    long clientCpu = os.getProcessCpuTime() - clientCpuAtStart;
    long threadsStarted = threads.getTotalStartedThreadCount() - threadsAtStart;
    long receiverCpu = receiver.cpuNanos() - receiverCpuAtStart;
    stop.set(true);
    for (Thread producer : producers) {
      producer.join();
    }
    running.stop();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("per_second", perSecond);
    figures.put("mean", Samples.mean(perSecond));
    figures.put("ci95", Samples.ci95(perSecond));
    figures.put("delivered", delivered);
    figures.put("client_cpu_us_per_event", delivered == 0 ? null : clientCpu / 1000.0 / delivered);
    figures.put(
        "receiver_cpu_us_per_event", delivered == 0 ? null : receiverCpu / 1000.0 / delivered);
    figures.put(
        "threads_started_per_1000_events",
        delivered == 0 ? null : threadsStarted * 1000.0 / delivered);
    return figures;
  }

  /** Log→receipt latency at a steady rate the variant can sustain: the idle-system figure. */
  private Map<String, Object> probe(Variant variant, ReceiverProcess receiver)
      throws IOException, InterruptedException {
    Variant.Running running = variant.start(receiver.endpoint(), false);
    String name = "probe_" + variant.id;
    long period = TimeUnit.SECONDS.toNanos(1) / options.probeRate;
    long start = System.nanoTime();
    for (int i = 0; i < options.probeEvents; i++) {
      Samples.parkUntil(start + i * period);
      Statements.event(running.logger, name, "cust-42", i);
    }
    long deadline = System.nanoTime() + PROBE_DELIVERY_TIMEOUT_NANOS;
    while (running.delivered() < options.probeEvents && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    running.stop();
    Map<Long, Long> byOrder = receiver.receiptDelaysMillis(name);
    List<Long> delays = new ArrayList<>(byOrder.values());
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("received", delays.size());
    if (!delays.isEmpty()) {
      figures.put("p50_ms", Samples.percentile(delays, 50));
      figures.put("p99_ms", Samples.percentile(delays, 99));
      figures.put("max_ms", Samples.percentile(delays, 100));
      // Which events were slow: the first ones (connection set-up) or any (the machine)?
      List<String> slowest = new ArrayList<>();
      byOrder.entrySet().stream()
          .sorted(Map.Entry.<Long, Long>comparingByValue().reversed())
          .limit(5)
          .forEach(slow -> slowest.add("#" + slow.getKey() + ": " + slow.getValue() + " ms"));
      figures.put("slowest", slowest);
    }
    return figures;
  }

  /** The harness's settings; the defaults are what run.sh uses. */
  static final class Options {
    Path testkitJar;
    Path out = Path.of("target", "e2e.json");
    List<Integer> latencies = List.of(0, 35);
    List<Variant> variants = List.of(Variant.values());
    // The JDK's HttpClient keeps the JIT busy for over ten seconds: shorter, and the CPU per event
    // counts compilation.
    int warmupSeconds = 12;
    int windowSeconds = 8;
    int probeEvents = 200;
    int probeRate = 25;
    int wrkConnections = 64;
    int wrkSeconds = 5;
    int wrkRuns = 3;
    List<Integer> jdkClientThreads = List.of(64);

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
            options.latencies = new ArrayList<>();
            for (String latency : value.split(",")) {
              options.latencies.add(Integer.parseInt(latency.trim()));
            }
            break;
          case "--warmup-seconds":
            options.warmupSeconds = Integer.parseInt(value);
            break;
          case "--window-seconds":
            options.windowSeconds = Integer.parseInt(value);
            break;
          case "--variants":
            options.variants = new ArrayList<>();
            for (String id : value.split(",")) {
              options.variants.add(Variant.byId(id.trim()));
            }
            break;
          case "--jdk-client-threads":
            options.jdkClientThreads = new ArrayList<>();
            for (String threads : value.split(",")) {
              if (!threads.isBlank()) {
                options.jdkClientThreads.add(Integer.parseInt(threads.trim()));
              }
            }
            break;
          case "--wrk-runs":
            options.wrkRuns = Integer.parseInt(value);
            break;
          default:
            throw new IllegalArgumentException("Unknown option " + args[i]);
        }
      }
      ReceiverProcess.checkJar(options.testkitJar);
      return options;
    }
  }
}
