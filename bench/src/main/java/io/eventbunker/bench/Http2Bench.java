package io.eventbunker.bench;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.eventbunker.core.EventBunkerDefaults;
import io.eventbunker.testkit.TestCertificate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The production transport, benchmarked like the plaintext path: HTTPS with HTTP/2 by ALPN, against
 * {@link Http2Server} (WireMock in a JVM of its own) on loopback, at each server latency. In one
 * run against the same server: its capacity measured by {@code h2load} (one connection, 64
 * streams), the JDK's {@code HttpClient} alone and our appender, warm, in this JVM, and both again
 * from fresh JVMs (a new process per trial that sends a burst and ends). Writes the figures as JSON
 * for {@link Http2Report}.
 *
 * <p>The certificate is the test kit's, generated for the run: the warm clients trust it through
 * their {@code SSLContext}, the fresh JVMs through {@code -Djavax.net.ssl.trustStore}, so that
 * there the appender builds its own client, as users run it. The warm measurements are {@link
 * Http2Warm}'s, the fresh JVMs {@link Http2Fresh}'s; at 35 ms, besides, three fresh JVMs log a full
 * default queue and stop at once, the burst at exit of issue #12.
 *
 * <pre>
 * java -cp benchmarks.jar io.eventbunker.bench.Http2Bench --out http2.json
 * </pre>
 */
final class Http2Bench {
  private final Options options;

  Http2Bench(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Map<String, Object> results = new Http2Bench(options).run();
    Files.createDirectories(options.out.toAbsolutePath().getParent());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(options.out.toFile(), results);
  }

  Map<String, Object> run() throws IOException, InterruptedException {
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("started", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    results.put("load_average_at_start", Machine.loadAverage());
    results.put("streams", EventBunkerDefaults.MAX_IN_FLIGHT);
    results.put("producers", Http2Warm.PRODUCERS);
    results.put("feed_level", FreshJvmChild.FEED_LEVEL);
    results.put("child_jvm_args", ChildJvm.JVM_ARGS);
    results.putAll(options.settings());
    boolean h2load = options.h2loadRuns > 0 && H2load.available();
    if (!h2load) {
      results.put(
          "h2load_missing",
          options.h2loadRuns > 0
              ? "h2load is not installed (Debian: nghttp2-client)"
              : "h2load was not run (--h2load-runs 0)");
    }
    Path dir = Files.createTempDirectory("eventbunker-http2-bench");
    try {
      TestCertificate certificate = TestCertificate.generate(dir, "localhost", "127.0.0.1");
      List<Map<String, Object>> scenarios = new ArrayList<>();
      for (int latency : options.latencies) {
        scenarios.add(scenario(certificate, latency, h2load));
      }
      results.put("scenarios", scenarios);
      results.put("load_average_at_end", Machine.loadAverage());
    } finally {
      deleteAll(dir);
    }
    return results;
  }

  private Map<String, Object> scenario(TestCertificate certificate, int latency, boolean h2load)
      throws IOException, InterruptedException {
    Map<String, Object> scenario = new LinkedHashMap<>();
    scenario.put("latency_ms", latency);
    scenario.put("load_average", Machine.loadAverage());
    try (Http2ServerProcess server = Http2ServerProcess.start(certificate, latency)) {
      scenario.put("protocol", protocol(certificate, server.endpoint()));
      scenario.putAll(new Http2Warm(options, certificate, server, latency).measure(h2load));
      scenario.putAll(new Http2Fresh(options, certificate, server, latency).measure());
      Http2ServerProcess.Answered all = server.answered();
      scenario.put("server_answered", all.all());
      scenario.put("server_answered_http2", all.http2());
    }
    return scenario;
  }

  /** The protocol a client negotiates with the server: HTTP/2, or the figures mean nothing. */
  private static String protocol(TestCertificate certificate, URI endpoint)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        trusting(certificate).send(request(endpoint), HttpResponse.BodyHandlers.ofString());
    if (response.version() != HttpClient.Version.HTTP_2 || response.statusCode() != 200) {
      throw new IOException(
          "The server answered "
              + response.statusCode()
              + " over "
              + response.version()
              + ", not 200 over HTTP/2");
    }
    return response.version().name();
  }

  /** A client trusting the test certificate; never following redirects, as the appender asks. */
  static HttpClient trusting(TestCertificate certificate) {
    return HttpClient.newBuilder()
        .sslContext(certificate.clientSslContext())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  private static HttpRequest request(URI endpoint) {
    return HttpRequest.newBuilder(endpoint)
        .header("Content-Type", "application/json")
        .header("x-eventbunker-write-key", Contexts.WRITE_KEY)
        .POST(HttpRequest.BodyPublishers.ofString(Wrk.BODY, StandardCharsets.UTF_8))
        .build();
  }

  private static void deleteAll(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toArray(Path[]::new)) {
        Files.deleteIfExists(path);
      }
    }
  }

  /**
   * The harness's settings, each set by the flag of its name ({@code --fresh-events} for {@code
   * freshEvents}: {@link Flags}) and recorded in the results under it in snake case ({@code
   * fresh_events}); the defaults are what run.sh uses.
   */
  @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  static final class Options {
    @JsonIgnore Path out = Path.of("target", "http2.json");
    @JsonIgnore List<Integer> latencies = List.of(0, 35);

    // At each of three points: before the JDK client alone, between it and ours, after ours.
    @JsonProperty("h2load_runs_per_point")
    int h2loadRuns = 1;

    int h2loadSeconds = 5;
    // WireMock's own JIT: at 0 ms h2load's rate grew for 25 s, from 900/s to 12,000/s.
    int h2loadWarmupSeconds = 30;
    // Longer than EndToEnd's 12 s: with TLS and HTTP/2 at 0 ms, the JIT compiler threads still
    // took a quarter of the client's CPU in a window after 12 s.
    int warmupSeconds = 20;
    int windowSeconds = 8;
    int jdkClientThreads = EventBunkerDefaults.MAX_IN_FLIGHT;
    int freshEvents = 4_000;
    int freshThreads = 4;
    int trials = 3;
    int warmupTrials = 1;
    // Issue #12's burst at exit: a full default queue, at the API's typical latency.
    List<Integer> burstLatencies = List.of(35);
    int burstEvents = EventBunkerDefaults.QUEUE_CAPACITY;

    static Options parse(String[] args) {
      return Flags.parse(args, new Options());
    }

    /** The settings but the output file and the latencies, by their names in the results. */
    Map<String, Object> settings() {
      return new ObjectMapper().convertValue(this, new TypeReference<Map<String, Object>>() {});
    }
  }
}
