package io.eventbunker.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The JDK client alone, in a JVM started for it, with nothing of ours loaded: it builds itself and
 * POSTs {@code REQUESTS} events (one by default) from {@code THREADS} threads calling {@code send}.
 * With one request, the baseline for the fresh-JVM first event: no appender built on this client
 * can deliver its first event sooner, from a cold JVM on this machine. With many, the baseline for
 * a fresh JVM's burst: how fast the client alone gets through them, from building the client to the
 * last answer. Prints its figures like {@link FreshJvmChild}.
 *
 * <pre>
 * java -cp benchmarks.jar io.eventbunker.bench.ColdJdkClient ENDPOINT [REQUESTS THREADS]
 * </pre>
 */
final class ColdJdkClient {
  private ColdJdkClient() {}

  public static void main(String[] args) throws Exception {
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    long before = System.nanoTime();
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    long built = System.nanoTime();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(args[0]))
            .header("Content-Type", "application/json")
            .header("x-eventbunker-write-key", Contexts.WRITE_KEY)
            .POST(HttpRequest.BodyPublishers.ofString(Wrk.BODY, StandardCharsets.UTF_8))
            .build();
    AtomicInteger left = new AtomicInteger(requests);
    AtomicInteger firstStatus = new AtomicInteger();
    AtomicLong firstAnswered = new AtomicLong(Long.MAX_VALUE);
    LongAdder succeeded = new LongAdder();
    LongAdder failed = new LongAdder();
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread sender =
          new Thread(
              () -> {
                while (left.getAndDecrement() > 0) {
                  int status;
                  try {
                    status =
                        client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                  } catch (IOException e) {
                    failed.increment();
                    continue;
                  } catch (InterruptedException e) {
                    return;
                  }
                  long answered = System.nanoTime();
                  if (firstAnswered.compareAndSet(Long.MAX_VALUE, answered)) {
                    firstStatus.set(status);
                  }
                  (status / 100 == 2 ? succeeded : failed).increment();
                }
              },
              "jdk-client-" + t);
      sender.start();
      senders.add(sender);
    }
    for (Thread sender : senders) {
      sender.join();
    }
    long done = System.nanoTime();
    long cpuNanos =
        ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("mode", FreshJvm.JDK);
    figures.put("status", firstStatus.get());
    figures.put("requests", requests);
    figures.put("threads", threads);
    figures.put("succeeded", succeeded.sum());
    figures.put("failed", failed.sum());
    figures.put("client_build_ms", FreshJvmChild.millis(built - before));
    long first = firstAnswered.get();
    figures.put(
        "first_exchange_ms", first == Long.MAX_VALUE ? null : FreshJvmChild.millis(first - built));
    figures.put(
        "first_event_ms", first == Long.MAX_VALUE ? null : FreshJvmChild.millis(first - before));
    figures.put("all_ms", FreshJvmChild.millis(done - before));
    figures.put("per_second", succeeded.sum() * 1e9 / (done - before));
    figures.put("cpu_ms", FreshJvmChild.millis(cpuNanos));
    figures.put(
        "cpu_us_per_request", succeeded.sum() == 0 ? null : cpuNanos / 1000.0 / succeeded.sum());
    System.out.println(
        FreshJvmChild.RESULT_PREFIX + new ObjectMapper().writeValueAsString(figures));
  }
}
