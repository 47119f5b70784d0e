package io.eventbunker.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCertificateTest {
  @TempDir static Path dir;

  // keytool takes a second: one certificate for the tests that only read it.
  private static TestCertificate certificate;

  @BeforeAll
  static void generate() {
    certificate = TestCertificate.generate(dir, "localhost", "127.0.0.1", "::1");
  }

  @Test
  void namesTheGivenHostsAndAddresses() {
    assertEquals(List.of("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1"), certificate.names());
  }

  @Test
  void keyStoreHoldsTheKeyUnderThePassword() throws Exception {
    KeyStore keys = load(certificate.keyStore(), certificate.password());

    String alias = Collections.list(keys.aliases()).get(0);
    assertEquals(TestCertificate.PASSWORD, certificate.password());
    assertTrue(keys.isKeyEntry(alias));
    assertEquals(certificate.certificate(), keys.getCertificate(alias));
  }

  @Test
  void trustStoreAndPemHoldTheCertificateOnly() throws Exception {
    KeyStore trusted = load(certificate.trustStore(), TestCertificate.PASSWORD);
    List<String> aliases = Collections.list(trusted.aliases());

    assertEquals(1, aliases.size());
    assertTrue(trusted.isCertificateEntry(aliases.get(0)));
    assertEquals(certificate.certificate(), trusted.getCertificate(aliases.get(0)));
    try (InputStream pem = Files.newInputStream(certificate.certificatePem())) {
      assertEquals(
          certificate.certificate(),
          CertificateFactory.getInstance("X.509").generateCertificate(pem));
    }
  }

  @Test
  void namesMustBeGivenAndPlain() {
    IllegalArgumentException none =
        assertThrows(IllegalArgumentException.class, () -> TestCertificate.generate(dir));
    IllegalArgumentException comma =
        assertThrows(
            IllegalArgumentException.class,
            () -> TestCertificate.generate(dir.resolve("other"), "a,b"));

    assertEquals(
        "a test certificate needs at least one host name or IP address, e.g. localhost",
        none.getMessage());
    assertEquals(
        "host names and IP addresses must be non-empty, without commas or spaces, got \"a,b\"",
        comma.getMessage());
  }

  @Test
  void anExistingKeyStoreIsNeverOverwritten() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TestCertificate.generate(dir, "x"));

    assertEquals(
        dir + " already holds a keystore.p12; generate into an empty directory", e.getMessage());
  }

  private static KeyStore load(Path file, String password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password.toCharArray());
    }
    return store;
  }
}
