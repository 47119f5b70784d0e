package io.eventbunker.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Real loopback HTTP with the JDK client, as users' code would send it. */
final class Http {
  static final String WRITE_KEY_HEADER = "x-eventbunker-write-key";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final HttpClient CLIENT = newClient();

  private Http() {}

  static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(TIMEOUT)
        .build();
  }

  static HttpResponse<String> post(URI endpoint, String writeKey, String body)
      throws IOException, InterruptedException {
    return post(endpoint, writeKey, body.getBytes(StandardCharsets.UTF_8));
  }

  static HttpResponse<String> post(URI endpoint, String writeKey, byte[] body)
      throws IOException, InterruptedException {
    return CLIENT.send(postRequest(endpoint, writeKey, body), HttpResponse.BodyHandlers.ofString());
  }

  static CompletableFuture<HttpResponse<String>> postAsync(
      HttpClient client, URI endpoint, String writeKey, String body) {
    return client.sendAsync(
        postRequest(endpoint, writeKey, body.getBytes(StandardCharsets.UTF_8)),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build());
  }

  static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest postRequest(URI endpoint, String writeKey, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (writeKey != null) {
      request.header(WRITE_KEY_HEADER, writeKey);
    }
    return request.build();
  }

  /**
   * TLS that trusts what a PKCS12 trust store holds, as {@code -Djavax.net.ssl.trustStore} does.
   */
  static SSLContext trusting(Path trustStore) throws IOException, GeneralSecurityException {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(trustStore)) {
      trusted.load(in, TestCertificate.PASSWORD.toCharArray());
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  static String event(String name) {
    return "{\"event_name\": \"" + name + "\"}";
  }
}
