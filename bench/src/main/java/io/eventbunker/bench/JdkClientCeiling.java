package io.eventbunker.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The JDK's {@code HttpClient} alone, with no appender: threads posting {@link Wrk#BODY} with
 * {@code send} in a loop on one client. What the appender's chosen HTTP client can do against this
 * receiver on this machine — the ceiling for any appender built on it, one event per request.
 */
final class JdkClientCeiling {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private JdkClientCeiling() {}

  /** Requests per second (2xx) with {@code threads} threads, after a warm-up, and CPU each. */
  static Map<String, Object> measure(
      URI endpoint, int threads, int warmupSeconds, int windowSeconds) throws InterruptedException {
    return measure(HttpClient.newHttpClient(), endpoint, threads, warmupSeconds, windowSeconds);
  }

  /** The same with {@code client}, e.g. one that trusts a test certificate. */
  static Map<String, Object> measure(
      HttpClient client, URI endpoint, int threads, int warmupSeconds, int windowSeconds)
      throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/json")
            .header("x-eventbunker-write-key", Contexts.WRITE_KEY)
            .POST(HttpRequest.BodyPublishers.ofString(Wrk.BODY, StandardCharsets.UTF_8))
            .build();
    LongAdder ok = new LongAdder();
    LongAdder failed = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread sender =
          new Thread(
              () -> {
                while (!stop.get()) {
                  try {
                    int status =
                        client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                    (status / 100 == 2 ? ok : failed).increment();
                  } catch (IOException e) {
                    failed.increment();
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "jdk-client-" + t);
      sender.start();
      senders.add(sender);
    }
    Samples.parkUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds));
    long cpuAtStart = OS.getProcessCpuTime();
    Samples.Window window = Samples.window(ok::sum, windowSeconds);
    long cpu = OS.getProcessCpuTime() - cpuAtStart;
    long requests = window.total();
    stop.set(true);
    for (Thread sender : senders) {
      sender.join();
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("threads", threads);
    figures.put("per_second", window.perSecond());
    figures.put("mean", Samples.mean(window.perSecond()));
    figures.put("ci95", Samples.ci95(window.perSecond()));
    figures.put("client_cpu_us_per_request", requests == 0 ? null : cpu / 1000.0 / requests);
    figures.put("failed", failed.sum());
    return figures;
  }
}
