package io.eventbunker.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The baseline for the fresh-JVM first event: the JDK client alone, in a JVM started for it, builds
 * itself and POSTs one event, with nothing of ours loaded. No appender built on this client can
 * deliver its first event sooner than this, from a cold JVM on this machine. Prints its figures
 * like {@link FreshJvmChild}.
 *
 * <pre>
 * java -cp benchmarks.jar io.eventbunker.bench.ColdJdkClient ENDPOINT
 * </pre>
 */
final class ColdJdkClient {
  private ColdJdkClient() {}

  public static void main(String[] args) throws Exception {
    long before = System.nanoTime();
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    long built = System.nanoTime();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(args[0]))
            .header("Content-Type", "application/json")
            .header("x-eventbunker-write-key", Contexts.WRITE_KEY)
            .POST(HttpRequest.BodyPublishers.ofString(Wrk.BODY, StandardCharsets.UTF_8))
            .build();
    int status = client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    long answered = System.nanoTime();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("mode", FreshJvm.JDK);
    figures.put("status", status);
    figures.put("client_build_ms", FreshJvmChild.millis(built - before));
    figures.put("first_exchange_ms", FreshJvmChild.millis(answered - built));
    figures.put("first_event_ms", FreshJvmChild.millis(answered - before));
    System.out.println(
        FreshJvmChild.RESULT_PREFIX + new ObjectMapper().writeValueAsString(figures));
  }
}
