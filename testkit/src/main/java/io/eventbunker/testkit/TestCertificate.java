package io.eventbunker.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for TLS tests on loopback, with everything both ends need: a PKCS12 key
 * store for the server, and a trust store, a PEM file and an {@link SSLContext} for clients that
 * trust this certificate and nothing else.
 *
 * <pre>{@code
 * TestCertificate certificate = TestCertificate.generate(tempDir, "localhost", "127.0.0.1");
 * HttpClient client = HttpClient.newBuilder().sslContext(certificate.clientSslContext()).build();
 * // the server: certificate.keyStore() with certificate.password(), or serverSslContext()
 * }</pre>
 *
 * <p>For tests only: the password is the well-known {@value #PASSWORD}, and the private key lies
 * unprotected in the directory.
 */
public final class TestCertificate {
  /** The password of generated key stores and their key, and of every trust store: {@value}. */
  public static final String PASSWORD = "changeit";

  static final String KEY_STORE_FILE = "keystore.p12";
  static final String TRUST_STORE_FILE = "truststore.p12";
  static final String PEM_FILE = "certificate.pem";
  private static final String ALIAS = "eventbunker-testkit";
  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;

  private final Path keyStore;
  private final String password;
  private final Path trustStore;
  private final Path certificatePem;
  private final KeyStore keys;
  private final List<X509Certificate> chain;

  private TestCertificate(
      Path keyStore,
      String password,
      Path trustStore,
      Path certificatePem,
      KeyStore keys,
      List<X509Certificate> chain) {
    this.keyStore = keyStore;
    this.password = password;
    this.trustStore = trustStore;
    this.certificatePem = certificatePem;
    this.keys = keys;
    this.chain = chain;
  }

  /**
   * Generates a key pair and a certificate valid for the given host names and IP addresses (such as
   * {@code "localhost", "127.0.0.1", "::1"}), and writes {@value #KEY_STORE_FILE}, {@value
   * #TRUST_STORE_FILE} and {@value #PEM_FILE} into {@code dir}. Runs the JDK's {@code keytool}.
   *
   * @throws IllegalArgumentException when no name is given, a name is empty or has a comma or
   *     space, or {@code dir} already holds a {@value #KEY_STORE_FILE}
   * @throws UncheckedIOException when the files cannot be written or keytool fails
   */
  public static TestCertificate generate(Path dir, String... hostnamesAndIps) {
    List<String> names = List.of(hostnamesAndIps);
    if (names.isEmpty()) {
      throw new IllegalArgumentException(
          "a test certificate needs at least one host name or IP address, e.g. localhost");
    }
    for (String name : names) {
      if (name.isEmpty() || name.matches(".*[,\\s].*")) {
        throw new IllegalArgumentException(
            "host names and IP addresses must be non-empty, without commas or spaces, got \""
                + name
                + "\"");
      }
    }
    Path keyStore = dir.resolve(KEY_STORE_FILE);
    if (Files.exists(keyStore)) {
      throw new IllegalArgumentException(
          dir + " already holds a " + KEY_STORE_FILE + "; generate into an empty directory");
    }
    try {
      Files.createDirectories(dir);
      Keytool.generateKeyPair(keyStore, ALIAS, PASSWORD, names);
      return load(keyStore, PASSWORD, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot generate a test certificate in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The certificate of a PKCS12 key store's first key entry, whose key has the store's password;
   * writes a trust store and a PEM file of its chain into {@code dir}.
   */
  static TestCertificate load(Path keyStore, String password, Path dir) throws IOException {
    KeyStore keys;
    List<X509Certificate> chain;
    try (InputStream in = Files.newInputStream(keyStore)) {
      keys = KeyStore.getInstance("PKCS12");
      keys.load(in, password.toCharArray());
      chain = keyEntryChain(keys);
    } catch (NoSuchFileException e) {
      throw new IOException("Cannot read the key store " + keyStore + ": no such file", e);
    } catch (IOException | GeneralSecurityException e) {
      throw new IOException("Cannot read the key store " + keyStore + ": " + e.getMessage(), e);
    }
    try {
      Path trustStore = dir.resolve(TRUST_STORE_FILE);
      try (OutputStream out = Files.newOutputStream(trustStore)) {
        trusting(chain).store(out, PASSWORD.toCharArray());
      }
      Path pem = dir.resolve(PEM_FILE);
      Files.writeString(pem, pem(chain), StandardCharsets.US_ASCII);
      return new TestCertificate(keyStore, password, trustStore, pem, keys, chain);
    } catch (GeneralSecurityException e) {
      throw new IOException("Cannot write a trust store for " + keyStore + ": " + e, e);
    }
  }

  private static List<X509Certificate> keyEntryChain(KeyStore keys)
      throws GeneralSecurityException {
    for (String alias : Collections.list(keys.aliases())) {
      if (keys.isKeyEntry(alias)) {
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : keys.getCertificateChain(alias)) {
          chain.add((X509Certificate) certificate);
        }
        return List.copyOf(chain);
      }
    }
    throw new KeyStoreException("it holds no private key with its certificate");
  }

  private static KeyStore trusting(List<X509Certificate> chain)
      throws GeneralSecurityException, IOException {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    for (int i = 0; i < chain.size(); i++) {
      trusted.setCertificateEntry(ALIAS + "-" + i, chain.get(i));
    }
    return trusted;
  }

  private static String pem(List<X509Certificate> chain) throws GeneralSecurityException {
    Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    StringBuilder pem = new StringBuilder();
    for (X509Certificate certificate : chain) {
      pem.append("-----BEGIN CERTIFICATE-----\n")
          .append(base64.encodeToString(certificate.getEncoded()))
          .append("\n-----END CERTIFICATE-----\n");
    }
    return pem.toString();
  }

  /** The PKCS12 key store with the private key and certificate, for the server. */
  public Path keyStore() {
    return keyStore;
  }

  /** The password of {@link #keyStore()} and of the key in it. */
  public String password() {
    return password;
  }

  /**
   * A PKCS12 trust store with only this certificate, password {@value #PASSWORD}: for a JVM, {@code
   * -Djavax.net.ssl.trustStore=<this> -Djavax.net.ssl.trustStorePassword=changeit}.
   */
  public Path trustStore() {
    return trustStore;
  }

  /** The certificate in PEM, for other clients: {@code curl --cacert <this>}. */
  public Path certificatePem() {
    return certificatePem;
  }

  /** The server's certificate. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** The host names and IP addresses the certificate is valid for, as in the certificate. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> alternatives = certificate().getSubjectAlternativeNames();
      if (alternatives != null) {
        for (List<?> alternative : alternatives) {
          Object type = alternative.get(0);
          if (Integer.valueOf(SAN_DNS).equals(type) || Integer.valueOf(SAN_IP).equals(type)) {
            names.add(String.valueOf(alternative.get(1)));
          }
        }
      }
    } catch (GeneralSecurityException unparseable) {
      // A certificate that names nothing readable: none to list, TLS clients will refuse it.
    }
    return List.copyOf(names);
  }

  /** TLS for a server presenting this certificate. */
  public SSLContext serverSslContext() {
    try {
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(keys, password.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(factory.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot use the key in " + keyStore + ": " + e, e);
    }
  }

  /** TLS for a client that trusts this certificate, and no other. */
  public SSLContext clientSslContext() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusting(chain));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot trust the certificate of " + keyStore + ": " + e, e);
    }
  }
}
