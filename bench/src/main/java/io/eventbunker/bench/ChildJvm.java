package io.eventbunker.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbunker.core.EventBunkerDefaults;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One fresh-JVM trial from launch to exit, for {@link FreshJvm} and {@link Http2Bench}: a new JVM
 * running {@link FreshJvmChild} or {@link ColdJdkClient}, which prints its figures as one line of
 * JSON after {@link FreshJvmChild#RESULT_PREFIX}; and the summary of a kind's trials.
 */
final class ChildJvm {
  // The child's own JVM flags, none by default: what an application gets unless it sets some.
  static final String JVM_ARGS = System.getProperty("bench.child.jvmArgs", "").trim();

  // Once it has printed its result, a child that has not ended by itself within this is stuck.
  private static final long EXIT_SECONDS = 30;
  // Beyond its life and the appender's shutdownTimeout: a child silent for this long is stuck.
  private static final long SLACK_SECONDS = 60;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ChildJvm() {}

  /** The java command of this JVM, for a JVM of its own. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Runs {@code main} with {@code args} in a new JVM, with {@link #JVM_ARGS} and {@code properties}
   * ({@code -Dname=value}), and waits for its result: the figures it printed, with its {@code
   * exit_code} and {@code exit_after_result_ms} ({@code null} if it did not end within 30 s, when
   * it is killed). {@code lifeSeconds}: how long the trial is meant to run before it stops. {@code
   * trial} names it in the message of an {@link IOException} if it gives no result.
   */
  static Map<String, Object> run(
      Class<?> main, List<String> properties, List<String> args, int lifeSeconds, String trial)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(java());
    if (!JVM_ARGS.isEmpty()) {
      command.addAll(List.of(JVM_ARGS.split("\\s+")));
    }
    command.addAll(properties);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(args);
    Process child =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread reader = new Thread(() -> readResult(child, result), "child-jvm-output");
    reader.setDaemon(true);
    reader.start();
    long timeoutSeconds =
        lifeSeconds
            + TimeUnit.MILLISECONDS.toSeconds(EventBunkerDefaults.SHUTDOWN_TIMEOUT_MS)
            + SLACK_SECONDS;
    String line;
    long resultAt;
    try {
      line = result.get(timeoutSeconds, TimeUnit.SECONDS);
      resultAt = System.nanoTime();
    } catch (ExecutionException | TimeoutException e) {
      child.destroyForcibly();
      throw new IOException(trial + " gave no result: " + command, e);
    }
    boolean exited = child.waitFor(EXIT_SECONDS, TimeUnit.SECONDS);
    long exitedAt = System.nanoTime();
    if (!exited) {
      child.destroyForcibly();
    }
    Map<String, Object> figures =
        JSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() {});
    figures.put("exit_after_result_ms", exited ? (exitedAt - resultAt) / 1e6 : null);
    figures.put("exit_code", exited ? child.exitValue() : null);
    return figures;
  }

  /** Completes {@code result} with the child's result line, echoing anything else it prints. */
  private static void readResult(Process child, CompletableFuture<String> result) {
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(FreshJvmChild.RESULT_PREFIX)) {
          result.complete(line.substring(FreshJvmChild.RESULT_PREFIX.length()));
        } else {
          System.err.println("fresh child: " + line);
        }
      }
      result.completeExceptionally(
          new IOException("the child exited with " + child.waitFor() + " and no result"));
    } catch (IOException e) {
      result.completeExceptionally(e);
    } catch (InterruptedException e) {
      result.completeExceptionally(e);
      Thread.currentThread().interrupt();
    }
  }

  /** The trials, and each figure's mean, 95% confidence half-width, minimum and maximum. */
  static Map<String, Object> trialsAndSummary(List<Map<String, Object>> trials) {
    Map<String, Object> kind = new LinkedHashMap<>();
    kind.put("trials", trials);
    kind.put("summary", summary(trials));
    return kind;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> summary(List<Map<String, Object>> trials) {
    Set<String> keys = new LinkedHashSet<>();
    trials.forEach(trial -> keys.addAll(trial.keySet()));
    Map<String, Object> summary = new LinkedHashMap<>();
    for (String key : keys) {
      List<Double> values = new ArrayList<>();
      List<Map<String, Object>> nested = new ArrayList<>();
      for (Map<String, Object> trial : trials) {
        Object value = trial.get(key);
        if (value instanceof Number) {
          values.add(((Number) value).doubleValue());
        } else if (value instanceof Map) {
          nested.add((Map<String, Object>) value);
        }
      }
      if (!values.isEmpty()) {
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("n", values.size());
        figure.put("mean", Samples.mean(values));
        figure.put("ci95", Samples.ci95(values));
        figure.put("min", values.stream().mapToDouble(Double::doubleValue).min().getAsDouble());
        figure.put("max", values.stream().mapToDouble(Double::doubleValue).max().getAsDouble());
        summary.put(key, figure);
      } else if (!nested.isEmpty()) {
        summary.put(key, summary(nested));
      }
    }
    return summary;
  }
}
