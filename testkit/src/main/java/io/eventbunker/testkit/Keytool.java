package io.eventbunker.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs the JDK's own {@code keytool} to make a self-signed key pair: the JDK has no public API for
 * building certificates, and its keytool is in every JDK and JRE from 11 on, so no dependency is
 * needed.
 */
final class Keytool {
  private static final long TIMEOUT_SECONDS = 60;
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private Keytool() {}

  /**
   * Writes a PKCS12 key store holding one key pair under {@code alias}, whose certificate names
   * {@code hostnamesAndIps} as subject alternative names (what TLS clients check).
   */
  static void generateKeyPair(
      Path keyStore, String alias, String password, List<String> hostnamesAndIps)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(executable().toString());
    command.addAll(
        List.of(
            "-genkeypair",
            "-alias",
            alias,
            // EC: generated in milliseconds, where a 2048-bit RSA key takes up to a second.
            // -keysize rather than -groupname, which older JDK 11 updates do not know.
            "-keyalg",
            "EC",
            "-keysize",
            "256",
            "-validity",
            "365",
            "-dname",
            "CN=EventBunker test kit",
            "-ext",
            "SAN=" + subjectAlternativeNames(hostnamesAndIps),
            "-storetype",
            "PKCS12",
            "-keystore",
            keyStore.toString(),
            "-storepass",
            password,
            "-keypass",
            password,
            "-noprompt"));
    // Into a file rather than a pipe: nothing can block on a full pipe, and a failure can say why.
    Path output = Files.createTempFile(keyStore.toAbsolutePath().getParent(), "keytool", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      process.getOutputStream().close(); // -noprompt, and no input to wait for either way
      boolean exited;
      try {
        exited = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while keytool generated a test certificate", e);
      }
      if (!exited) {
        process.destroyForcibly();
        throw new IOException(
            "keytool did not generate a test certificate within " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IOException(
            "keytool could not generate a test certificate (exit "
                + process.exitValue()
                + "): "
                + Files.readString(output, StandardCharsets.UTF_8).strip());
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** {@code dns:localhost,ip:127.0.0.1}: keytool's syntax. */
  static String subjectAlternativeNames(List<String> hostnamesAndIps) {
    List<String> names = new ArrayList<>();
    for (String name : hostnamesAndIps) {
      names.add((isIpAddress(name) ? "ip:" : "dns:") + name);
    }
    return String.join(",", names);
  }

  static boolean isIpAddress(String name) {
    return name.indexOf(':') >= 0 || IPV4.matcher(name).matches();
  }

  private static Path executable() throws IOException {
    Path bin = Path.of(System.getProperty("java.home"), "bin");
    for (String name : List.of("keytool", "keytool.exe")) {
      Path keytool = bin.resolve(name);
      if (Files.isExecutable(keytool)) {
        return keytool;
      }
    }
    throw new IOException(
        "keytool, which generates the test certificate, is not in "
            + bin
            + "; give a key store instead (--keystore, or tls(keyStore, password))");
  }
}
