package io.eventbunker.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS: the JDK client trusting the receiver's certificate gets in, over HTTP/1.1; others not. */
class EventBunkerReceiverTlsTest {
  private static final String KEY = EventBunkerReceiver.DEFAULT_WRITE_KEY;

  @RegisterExtension
  static final EventBunkerReceiverExtension eventBunker =
      new EventBunkerReceiverExtension(EventBunkerReceiver.builder().tls());

  @TempDir Path dir;

  /** Offers HTTP/2, as the JDK client does unless told otherwise, and the appender's does. */
  private static HttpClient client(SSLContext tls) {
    return HttpClient.newBuilder().sslContext(tls).build();
  }

  @Test
  void aClientTrustingTheReceiverPostsOverHttps11(EventBunkerReceiver receiver) throws Exception {
    HttpResponse<String> response =
        Http.postAsync(
                client(receiver.clientSslContext()), receiver.endpoint(), KEY, Http.event("secure"))
            .get();

    assertEquals("https", receiver.endpoint().getScheme());
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(HttpClient.Version.HTTP_1_1, response.version());
    assertEquals("secure", receiver.awaitEvent("secure", Duration.ofSeconds(10)).name());
  }

  @Test
  void theWrittenTrustStoreIsWhatAnotherJvmNeeds(EventBunkerReceiver receiver) throws Exception {
    TestCertificate certificate = receiver.certificate();

    HttpResponse<String> response =
        Http.postAsync(
                client(Http.trusting(certificate.trustStore())),
                receiver.endpoint(),
                KEY,
                Http.event("from_trust_store"))
            .get();

    assertEquals(200, response.statusCode(), response.body());
    assertTrue(certificate.names().containsAll(List.of("localhost", "127.0.0.1")));
    assertTrue(Files.isRegularFile(certificate.certificatePem()));
  }

  @Test
  void aClientThatDoesNotTrustItIsRefused(EventBunkerReceiver receiver) throws Exception {
    HttpClient defaultTrust = HttpClient.newHttpClient();

    assertThrows(
        SSLHandshakeException.class,
        () -> defaultTrust.send(postOf(receiver), HttpResponse.BodyHandlers.ofString()));
    assertEquals(0, receiver.acceptedCount());
  }

  @Test
  void aGivenKeyStoreIsServedAndItsFilesGoWithTheReceiver() throws Exception {
    TestCertificate mine = TestCertificate.generate(dir, "localhost", "127.0.0.1");
    TestCertificate served;
    try (EventBunkerReceiver receiver =
        EventBunkerReceiver.builder().tls(mine.keyStore(), mine.password()).build().start()) {
      served = receiver.certificate();

      assertEquals(
          200,
          Http.postAsync(
                  client(mine.clientSslContext()), receiver.endpoint(), KEY, Http.event("mine"))
              .get()
              .statusCode());
      assertEquals(mine.certificate(), served.certificate());
      assertEquals(mine.keyStore(), served.keyStore());
    }

    assertFalse(Files.exists(served.trustStore()), "deleted by close()");
    assertFalse(Files.exists(served.trustStore().getParent()));
    assertTrue(Files.exists(mine.keyStore()), "the user's key store is theirs");
  }

  @Test
  void aWrongKeyStorePasswordFailsTheStartNamingTheKeyStore() {
    TestCertificate mine = TestCertificate.generate(dir, "localhost");
    EventBunkerReceiver receiver =
        EventBunkerReceiver.builder().tls(mine.keyStore(), "wrong").build();

    UncheckedIOException e = assertThrows(UncheckedIOException.class, receiver::start);
    assertTrue(
        e.getMessage().startsWith("Cannot read the key store " + mine.keyStore() + ": "),
        e.getMessage());
  }

  @Test
  void aPlainReceiverHasNoCertificate() {
    try (EventBunkerReceiver plain = EventBunkerReceiver.builder().build().start()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, plain::clientSslContext);

      assertEquals("http", plain.endpoint().getScheme());
      assertEquals(
          "This receiver serves plain HTTP: build it with tls() to serve HTTPS", e.getMessage());
    }
  }

  private static HttpRequest postOf(EventBunkerReceiver receiver) {
    return HttpRequest.newBuilder(receiver.endpoint())
        .header(Http.WRITE_KEY_HEADER, KEY)
        .POST(HttpRequest.BodyPublishers.ofString(Http.event("refused")))
        .build();
  }
}
