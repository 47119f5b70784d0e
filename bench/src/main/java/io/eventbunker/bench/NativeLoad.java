package io.eventbunker.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Running a native load generator, {@link Wrk} or {@link H2load}: each reads the request from a
 * file of its own (wrk a Lua script, h2load the body), runs to its end and prints a report.
 */
final class NativeLoad {
  private NativeLoad() {}

  /**
   * Whether {@code tool} is on the PATH: its {@code --version} runs. Its exit code says nothing
   * (wrk's is 1).
   */
  static boolean onPath(String tool) {
    try {
      new ProcessBuilder(tool, "--version").redirectErrorStream(true).start().waitFor();
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The output (stdout and stderr) of {@code command}, given a temporary file holding {@code
   * request}, deleted afterwards; an {@link IOException} with the output if it fails.
   */
  static String run(String tool, String request, Function<Path, List<String>> command)
      throws IOException, InterruptedException {
    Path file = Files.createTempFile("eventbunker-" + tool, ".request");
    try {
      Files.writeString(file, request, StandardCharsets.UTF_8);
      Process process = new ProcessBuilder(command.apply(file)).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IOException(tool + " failed: " + output);
      }
      return output;
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
