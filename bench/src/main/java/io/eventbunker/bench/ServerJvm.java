package io.eventbunker.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server in a JVM of its own, for {@link ReceiverProcess} and {@link Http2ServerProcess}: its CPU
 * time is then its own, and a native load generator can load the very same process. Ready once it
 * prints its endpoint on stdout; {@code out} is its stdout after that line.
 */
record ServerJvm(String name, Process process, URI endpoint, BufferedReader out) {
  /**
   * Runs {@code java -Xmx1g} with any {@code -Dbench.receiver.jvmArgs} and {@code launch}, until it
   * prints a line in which {@code endpoint} finds the endpoint (its first group). {@code name}
   * names the server in messages; with {@code mergeStderr}, its stderr comes on the same pipe as
   * its stdout, else it goes to ours.
   */
  static ServerJvm start(String name, List<String> launch, Pattern endpoint, boolean mergeStderr)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ChildJvm.java());
    command.add("-Xmx1g");
    // For profiling the server, e.g. -Dbench.receiver.jvmArgs=-XX:StartFlightRecording=...
    String extra = System.getProperty("bench.receiver.jvmArgs", "").trim();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.addAll(launch);
    ProcessBuilder builder = new ProcessBuilder(command);
    if (mergeStderr) {
      builder.redirectErrorStream(true);
    } else {
      builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    }
    Process process = builder.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      Matcher matcher = endpoint.matcher(line);
      if (matcher.find()) {
        return new ServerJvm(name, process, URI.create(matcher.group(1)), out);
      }
    }
    process.destroyForcibly();
    throw new IOException("The " + name + " exited before printing its endpoint: " + command);
  }

  /** CPU time used by the whole server process so far (all its threads). */
  long cpuNanos() {
    return process
        .toHandle()
        .info()
        .totalCpuDuration()
        .orElseThrow(() -> new IllegalStateException("No CPU time for the " + name + "'s process"))
        .toNanos();
  }

  /** Once it has been asked to stop: waits 10 s for it to end, then kills it. */
  void awaitExit() {
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
