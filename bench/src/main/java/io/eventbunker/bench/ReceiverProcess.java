package io.eventbunker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The test kit's receiver in a JVM of its own, started from its jar as a user would: its CPU time
 * is then its own, and {@code wrk} can load the very same process.
 */
final class ReceiverProcess implements AutoCloseable {
  private static final Pattern ENDPOINT = Pattern.compile("POST (http://\\S+)");

  private final ServerJvm server;
  private final URI endpoint;

  private ReceiverProcess(ServerJvm server) {
    this.server = server;
    this.endpoint = server.endpoint();
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
    List<String> launch = new ArrayList<>();
    launch.add("-jar");
    launch.add(testkitJar.toString());
    launch.add("--port");
    launch.add("0");
    launch.add("--write-key");
    launch.add(Contexts.WRITE_KEY);
    if (latencyMillis > 0) {
      launch.add("--latency");
      launch.add(latencyMillis + "ms");
    }
    launch.addAll(List.of(flags));
    ServerJvm server = ServerJvm.start("receiver", launch, ENDPOINT, true);
    drainInBackground(server.out());
    return new ReceiverProcess(server);
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
    return server.cpuNanos();
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
    server.process().destroy();
    server.awaitExit();
  }
}
