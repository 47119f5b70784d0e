package io.eventbunker.bench;

import ch.qos.logback.classic.LoggerContext;
import io.eventbunker.core.EventBunkerDefaults;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.logback.EventBunkerAppender;
import io.eventbunker.testkit.TestCertificate;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * The warm measurements of {@link Http2Bench} against one server, in the harness's JVM: the JDK's
 * {@code HttpClient} alone, then our appender, with the server's capacity by {@code h2load} before,
 * between and after them, so that the server's own warm-up and the machine's load fall on the
 * ceiling as on the clients.
 */
record Http2Warm(
    Http2Bench.Options options,
    TestCertificate certificate,
    Http2ServerProcess server,
    int latency) {
  /** Logging threads keeping the appender's queue fed; as many as the machine has cores. */
  static final int PRODUCERS = 2;

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /**
   * {@code jdk_client_warm}, {@code ours_warm}, and with {@code h2load} the ceiling's figures under
   * {@code h2load}.
   */
  Map<String, Object> measure(boolean h2load) throws IOException, InterruptedException {
    Map<String, Object> figures = new LinkedHashMap<>();
    Ceiling ceiling = h2load ? new Ceiling() : null;
    if (ceiling != null) {
      ceiling.measure();
    }
    figures.put("jdk_client_warm", jdkClient());
    if (ceiling != null) {
      ceiling.measure();
    }
    figures.put("ours_warm", ours());
    if (ceiling != null) {
      ceiling.measure();
      figures.put("h2load", ceiling.figures());
    }
    return figures;
  }

  /** The JDK's {@code HttpClient} alone, trusting the test certificate. */
  private Map<String, Object> jdkClient() throws IOException, InterruptedException {
    System.err.printf(
        "http2: JDK HttpClient alone, %d threads, at %d ms%n", options.jdkClientThreads, latency);
    Http2ServerProcess.Answered before = server.answered();
    Map<String, Object> figures =
        JdkClientCeiling.measure(
            Http2Bench.trusting(certificate),
            server.endpoint(),
            options.jdkClientThreads,
            options.warmupSeconds,
            options.windowSeconds);
    server.putAnsweredSince(before, figures);
    return figures;
  }

  /**
   * Our appender at its default settings but the endpoint, the write key and a client trusting the
   * test certificate, its queue kept fed: deliveries per second and CPU per event over a window
   * after a warm-up.
   */
  private Map<String, Object> ours() throws IOException, InterruptedException {
    System.err.printf("http2: ours, warm, at %d ms%n", latency);
    Http2ServerProcess.Answered before = server.answered();
    LoggerContext context = Contexts.newContext();
    EventBunkerAppender appender =
        Contexts.appender(context, "bench-http2", server.endpoint().toString());
    appender.setHttpClient(Http2Bench.trusting(certificate));
    appender.start();
    Logger logger = Contexts.logger(context, appender);
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> producers = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      long firstOrder = (long) p << 40;
      Thread producer =
          new Thread(
              () -> FreshJvmChild.keepFed(appender, logger, firstOrder, () -> !stop.get()),
              FreshJvmChild.LOGGING_THREAD + p);
      producer.start();
      producers.add(producer);
    }
    Thread.sleep(TimeUnit.SECONDS.toMillis(options.warmupSeconds));
    Map<String, Long> threadsAtStart = ThreadCpu.byKind();
    long cpuAtStart = OS.getProcessCpuTime();
    long serverCpuAtStart = server.cpuNanos();
    Samples.Window window =
        Samples.window(() -> appender.getStats().delivered(), options.windowSeconds);
    long cpu = OS.getProcessCpuTime() - cpuAtStart;
    long serverCpu = server.cpuNanos() - serverCpuAtStart;
    // Where this JVM's CPU went over the window: /proc's threads, 10 ms ticks.
    Map<String, Long> threadCpu = ThreadCpu.byKind();
    threadsAtStart.forEach((kind, millis) -> threadCpu.merge(kind, -millis, Long::sum));
    stop.set(true);
    for (Thread producer : producers) {
      producer.join();
    }
    appender.stop(); // delivers what is still queued: every event logged must arrive
    context.stop();
    EventBunkerStats stats = appender.getStats();
    long delivered = window.total();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("per_second", window.perSecond());
    figures.put("mean", Samples.mean(window.perSecond()));
    figures.put("ci95", Samples.ci95(window.perSecond()));
    figures.put("delivered_in_window", delivered);
    figures.put("client_cpu_us_per_event", delivered == 0 ? null : cpu / 1000.0 / delivered);
    figures.put("server_cpu_us_per_event", delivered == 0 ? null : serverCpu / 1000.0 / delivered);
    Map<String, Double> byKind = new LinkedHashMap<>();
    if (delivered > 0) {
      threadCpu.forEach((kind, millis) -> byKind.put(kind, millis * 1000.0 / delivered));
    }
    figures.put("client_cpu_us_per_event_by_thread", byKind);
    figures.put("accepted", stats.accepted());
    figures.put("delivered", stats.delivered());
    figures.put("dropped", stats.dropped());
    figures.put("failed", stats.failed());
    figures.put("rejected", stats.rejected());
    server.putAnsweredSince(before, figures);
    return figures;
  }

  /** {@code h2load} against the server: warmed up once, then measured at several points. */
  private final class Ceiling {
    private final int streams = EventBunkerDefaults.MAX_IN_FLIGHT;
    private final List<Double> rates = new ArrayList<>();
    private long succeeded;
    private long serverCpu;
    private Http2ServerProcess.Answered answered = new Http2ServerProcess.Answered(0, 0);

    Ceiling() throws IOException, InterruptedException {
      System.err.println("http2: h2load, warming the server up");
      H2load.run(server.endpoint(), streams, options.h2loadWarmupSeconds);
    }

    /** {@link Http2Bench.Options#h2loadRuns} runs now. */
    void measure() throws IOException, InterruptedException {
      System.err.println("http2: h2load");
      Http2ServerProcess.Answered before = server.answered();
      long cpuBefore = server.cpuNanos();
      for (int i = 0; i < options.h2loadRuns; i++) {
        H2load.Result run = H2load.run(server.endpoint(), streams, options.h2loadSeconds);
        rates.add(run.perSecond());
        succeeded += run.succeeded();
      }
      serverCpu += server.cpuNanos() - cpuBefore;
      answered = answered.plus(server.answeredSince(before));
    }

    Map<String, Object> figures() {
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("connections", 1);
      figures.put("streams", streams);
      figures.put("runs", rates);
      figures.put("mean", Samples.mean(rates));
      figures.put("ci95", Samples.ci95(rates));
      figures.put("succeeded", succeeded);
      figures.put("server_cpu_us_per_request", serverCpu / 1000.0 / succeeded);
      figures.put("server_answered", answered.all());
      figures.put("server_answered_http2", answered.http2());
      return figures;
    }
  }
}
