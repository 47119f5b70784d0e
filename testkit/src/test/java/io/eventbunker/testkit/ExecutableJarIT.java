package io.eventbunker.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The packaged jar as users run it: {@code java -jar}, with nothing else on the class path. */
class ExecutableJarIT {
  private static final Path JAR = Path.of(System.getProperty("testkit.jar"));
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @Test
  void helpIsPrintedAndExitsZero() throws Exception {
    Process process = java("--help");

    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue());
    assertTrue(out.startsWith("Usage: java -jar eventbunker-testkit.jar"), out);
  }

  @Test
  void badFlagPrintsOneLineWithoutStackTraceAndExitsTwo() throws Exception {
    Process process = java("--error-rate", "often");

    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, process.exitValue());
    assertEquals(
        "error: --error-rate needs a fraction between 0 and 1, e.g. 0.1, got \"often\"",
        err.strip());
  }

  @Test
  void jarServesTheTrackApiAndPrintsTheInboxUrl() throws Exception {
    Process process = java("--port", "0", "--write-key", "dev-key");
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      List<String> banner = new ArrayList<>();
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        banner.add(line);
        if (line.startsWith("  inbox ")) {
          break;
        }
      }
      URI inbox = URI.create(banner.get(banner.size() - 1).substring("  inbox".length()).strip());

      assertEquals(200, Http.post(inbox.resolve("/post"), "dev-key", Http.event("a")).statusCode());
      assertTrue(Http.get(inbox).body().contains("<title>EventBunker inbox</title>"));
    } finally {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void jacksonIsBundledOnlyUnderTheShadedPackage() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> entries =
          jar.stream().map(entry -> entry.getName()).collect(Collectors.toList());

      assertFalse(entries.stream().anyMatch(name -> name.startsWith("com/fasterxml/")));
      assertFalse(entries.stream().anyMatch(name -> name.contains("module-info.class")));
      assertFalse(entries.stream().anyMatch(name -> name.startsWith("org/junit/")));
      assertTrue(
          entries.contains(
              "io/eventbunker/testkit/shaded/com/fasterxml/jackson/core/JsonFactory.class"));
      assertEquals(
          "io.eventbunker.testkit.EventBunkerReceiverMain",
          jar.getManifest().getMainAttributes().getValue("Main-Class"));
    }
  }

  private static Process java(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }
}
