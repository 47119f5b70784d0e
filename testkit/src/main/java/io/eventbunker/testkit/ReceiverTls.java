package io.eventbunker.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A receiver's certificate, generated or taken from the given key store, and the directory of trust
 * material written for its clients, which lives as long as the receiver.
 */
final class ReceiverTls implements AutoCloseable {
  /** Always in the generated certificate: the names loopback clients use. */
  static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "::1");

  private static final System.Logger LOG = System.getLogger(EventBunkerReceiver.class.getName());

  private final Path dir;
  private final TestCertificate certificate;

  private ReceiverTls(Path dir, TestCertificate certificate) {
    this.dir = dir;
    this.certificate = certificate;
  }

  /**
   * Generates a certificate for loopback and the address listened on, or reads the configured key
   * store.
   *
   * @throws UncheckedIOException when the certificate cannot be generated or the key store read
   */
  static ReceiverTls create(ReceiverConfig config, InetSocketAddress address) {
    Path dir;
    try {
      dir = Files.createTempDirectory("eventbunker-testkit-tls-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a directory for the certificate: " + e, e);
    }
    try {
      Path keyStore = config.keyStore;
      TestCertificate certificate =
          keyStore == null
              ? TestCertificate.generate(dir, names(config.host, address).toArray(new String[0]))
              : TestCertificate.load(keyStore, config.keyStorePassword, dir);
      return new ReceiverTls(dir, certificate);
    } catch (IOException e) {
      deleteQuietly(dir);
      throw new UncheckedIOException(e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(dir);
      throw e;
    }
  }

  /** Loopback's names, and the configured host and its address unless they listen on all. */
  static List<String> names(String host, InetSocketAddress address) {
    Set<String> names = new LinkedHashSet<>(LOOPBACK_NAMES);
    if (address.getAddress() != null && !address.getAddress().isAnyLocalAddress()) {
      names.add(host);
      String ip = address.getAddress().getHostAddress();
      int scope = ip.indexOf('%'); // an IPv6 zone is not part of the address in a certificate
      names.add(scope < 0 ? ip : ip.substring(0, scope));
    }
    return List.copyOf(names);
  }

  TestCertificate certificate() {
    return certificate;
  }

  /** Deletes the generated files: nothing else ever trusts or uses them. */
  @Override
  public void close() {
    deleteQuietly(dir);
  }

  private static void deleteQuietly(Path dir) {
    try {
      for (String file :
          List.of(
              TestCertificate.KEY_STORE_FILE,
              TestCertificate.TRUST_STORE_FILE,
              TestCertificate.PEM_FILE)) {
        Files.deleteIfExists(dir.resolve(file));
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "Could not delete the test certificate in " + dir, e);
    }
  }
}
