package io.eventbunker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test kit's receiver in a JVM of its own, started from its jar as a user would: its CPU time
 * is then its own, and {@code wrk} can load the very same process.
 */
final class ReceiverProcess implements AutoCloseable {
  private static final Pattern ENDPOINT = Pattern.compile("POST (http://\\S+)");

  private final Process process;
  private final URI endpoint;

  private ReceiverProcess(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** For the harnesses' {@code --testkit-jar}: a clear message rather than a failed start. */
  static void checkJar(Path testkitJar) {
    if (testkitJar == null || !Files.isRegularFile(testkitJar)) {
      throw new IllegalArgumentException(
          "--testkit-jar must name the test kit's jar (testkit/target/eventbunker-testkit-*.jar),"
              + " got "
              + testkitJar);
    }
  }

  /** Started with this latency and any further flags of the test kit's command line. */
  static ReceiverProcess start(Path testkitJar, int latencyMillis, String... flags)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    // For profiling the receiver, e.g. -Dbench.receiver.jvmArgs=-XX:StartFlightRecording=...
    String extra = System.getProperty("bench.receiver.jvmArgs", "").trim();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.add("-jar");
    command.add(testkitJar.toString());
    command.add("--port");
    command.add("0");
    command.add("--write-key");
    command.add(Contexts.WRITE_KEY);
    if (latencyMillis > 0) {
      command.add("--latency");
      command.add(latencyMillis + "ms");
    }
    command.addAll(List.of(flags));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      Matcher matcher = ENDPOINT.matcher(line);
      if (matcher.find()) {
        drainInBackground(out);
        return new ReceiverProcess(process, URI.create(matcher.group(1)));
      }
    }
    process.destroyForcibly();
    throw new IOException("The receiver exited before printing its endpoint: " + command);
  }

  /** Keeps the child's output pipe from filling up, which would stall it. */
  private static void drainInBackground(BufferedReader out) {
    Thread drain =
        new Thread(
            () -> {
              try {
                while (out.readLine() != null) {
                  // nothing to keep: the receiver prints only its banner
                }
              } catch (IOException ignored) {
                // the process ended
              }
            },
            "receiver-output");
    drain.setDaemon(true);
    drain.start();
  }

  URI endpoint() {
    return endpoint;
  }

  /** CPU time used by the whole receiver process so far (all its threads). */
  long cpuNanos() {
    return process
        .toHandle()
        .info()
        .totalCpuDuration()
        .orElseThrow(() -> new IllegalStateException("No CPU time for the receiver's process"))
        .toNanos();
  }

  /**
   * Log→receipt milliseconds (time_recorded − timestamp) of each held event with this name, by its
   * {@code order_id}.
   */
  Map<Long, Long> receiptDelaysMillis(String eventName) throws IOException, InterruptedException {
    JsonNode events = inbox().get("events");
    Map<Long, Long> delays = new TreeMap<>();
    for (JsonNode event : events) {
      JsonNode body = event.get("event");
      if (eventName.equals(body.get("event_name").asText())) {
        long logged =
            LocalDateTime.parse(event.get("timestamp").asText())
                .toInstant(ZoneOffset.UTC)
                .toEpochMilli();
        delays.put(body.get("order_id").asLong(), event.get("time_recorded").asLong() - logged);
      }
    }
    return delays;
  }

  /**
   * Events the receiver has accepted (answered 200) since it started, including any it no longer
   * holds. A request counts on arrival, before the injected latency.
   */
  long acceptedCount() throws IOException, InterruptedException {
    return inbox().get("counts").get("accepted").asLong();
  }

  /** {@code GET /api/events}: the held events and the receiver's counts. */
  private JsonNode inbox() throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(endpoint.resolve("/api/events")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    return new ObjectMapper().readTree(response.body());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
