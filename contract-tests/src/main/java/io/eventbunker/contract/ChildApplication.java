package io.eventbunker.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A plain application in a JVM of its own, configured by the README's config file and no status
 * listener, as a new user has it: it logs, waits for "stop" on standard input when asked to, then
 * ends. What it printed is read back from files, so that nothing of this JVM's console mixes in.
 */
public final class ChildApplication implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(60);

  /** The line every console line of the appender named {@code EVENTBUNKER} begins with. */
  public static final String PREFIX = "EventBunker appender 'EVENTBUNKER' ";

  private final Path dir;
  private @Nullable Process process;

  /** An application whose config file and output live in {@code dir}. */
  public ChildApplication(Path dir) {
    this.dir = dir;
  }

  /**
   * Starts {@code mainClass} on this JVM's class path with {@code jvmOptions} (the config file's
   * system property) and {@code arguments}; the write key is in {@code EVENTBUNKER_WRITE_KEY}, as
   * the README's config reads it, or absent when empty.
   */
  public void start(
      String writeKey, List<String> jvmOptions, Class<?> mainClass, String... arguments)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    if (writeKey.isEmpty()) {
      builder.environment().remove("EVENTBUNKER_WRITE_KEY");
    } else {
      builder.environment().put("EVENTBUNKER_WRITE_KEY", writeKey);
    }
    builder.redirectOutput(dir.resolve("stdout.txt").toFile());
    builder.redirectError(dir.resolve("stderr.txt").toFile());
    process = builder.start();
  }

  /**
   * Tells it to stop (if it waits for that), waits for it to end cleanly with {@code lastLine} on
   * its standard output, and checks that the write key was printed nowhere.
   */
  public void finish(String lastLine, String writeKey) throws Exception {
    Process child = running();
    try (OutputStream stdin = child.getOutputStream()) {
      stdin.write("stop\n".getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // It did not wait for us.
    }
    assertTrue(child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the child did not stop");
    String stderr = stderr();
    assertTrue(stdout().lines().anyMatch(lastLine::equals), stdout() + stderr);
    assertEquals(0, child.exitValue(), stderr);
    if (!writeKey.isEmpty()) {
      assertFalse((stdout() + stderr).contains(writeKey), "the write key was printed");
    }
  }

  /** The appender's lines on standard error, where the README says they are. */
  public List<String> eventBunkerLines() throws IOException {
    return stderr().lines().filter(l -> l.startsWith(PREFIX)).collect(Collectors.toList());
  }

  /** Everything it printed on standard output. */
  public String stdout() throws IOException {
    return Files.readString(dir.resolve("stdout.txt"));
  }

  /** Everything it printed on standard error. */
  public String stderr() throws IOException {
    return Files.readString(dir.resolve("stderr.txt"));
  }

  /** An endpoint on a port nothing listens on: every connection is refused at once. */
  public static String deadEndpoint() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/post";
    }
  }

  private Process running() {
    Process child = process;
    if (child == null) {
      throw new IllegalStateException("start() first");
    }
    return child;
  }

  @Override
  public void close() {
    Process child = process;
    if (child != null) {
      child.destroyForcibly();
    }
  }
}
