package io.eventbunker.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where this process's CPU time went, by kind of thread, from Linux's {@code /proc/self/task}: the
 * JVM's own threads (JIT compilers, GC) as well as Java's, which {@code ThreadMXBean} cannot see,
 * and without loading JMX into a JVM whose start is being measured. Threads that have already ended
 * are gone from {@code /proc}; their time is the process's total less the live threads'. Elsewhere
 * than on Linux, an empty map.
 */
final class ThreadCpu {
  /** Linux's USER_HZ, the unit of {@code utime} and {@code stime}: 100 on every common build. */
  private static final long MILLIS_PER_TICK = 10;

  /** Threads gone by the time of reading: the harness's logging threads among them. */
  static final String ENDED = "ended threads (the logging threads among them)";

  private static final String[][] KINDS = {
    {"C1 Compiler", "JIT compiler threads"},
    {"C2 Compiler", "JIT compiler threads"},
    {"GC Thread", "GC threads"},
    {"G1 ", "GC threads"},
    {"VM Thread", "VM thread"},
    {"eventbunker", "appender threads (sender, requests)"},
    {"HttpClient", "JDK HttpClient threads"},
    {FreshJvmChild.LOGGING_THREAD, "logging threads"},
    {"java", "main thread"},
  };

  private ThreadCpu() {}

  /**
   * Milliseconds of CPU (user + system) by kind of thread, the largest first, and under {@link
   * #ENDED} what threads no longer alive used.
   */
  static Map<String, Long> byKind() {
    Map<String, Long> millis = new LinkedHashMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return millis;
    }
    long live = 0;
    try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
      for (Path thread : threads) {
        String stat;
        try {
          stat = Files.readString(thread.resolve("stat"), StandardCharsets.US_ASCII);
        } catch (IOException ended) {
          continue; // the thread ended while we looked: its time is in "ended threads"
        }
        long used = cpuMillis(stat);
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        millis.merge(kind(name), used, Long::sum);
        live += used;
      }
      long total =
          cpuMillis(Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII));
      millis.merge(ENDED, Math.max(0, total - live), Long::sum);
    } catch (IOException e) {
      return new LinkedHashMap<>();
    }
    Map<String, Long> sorted = new LinkedHashMap<>();
    millis.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
    return sorted;
  }

  private static String kind(String threadName) {
    for (String[] kind : KINDS) {
      if (threadName.startsWith(kind[0])) {
        return kind[1];
      }
    }
    return "other JVM threads";
  }

  /** utime + stime of a {@code stat} line: fields 14 and 15, counted after the name's ')'. */
  private static long cpuMillis(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK;
  }
}
