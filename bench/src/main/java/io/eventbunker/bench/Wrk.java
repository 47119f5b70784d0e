package io.eventbunker.bench;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The receiver's own capacity for the appender's request, measured by {@code wrk}, a native load
 * generator: what no Java client could beat against this receiver.
 */
final class Wrk {
  /** The body our appender sends for the benchmark statement, timestamp fixed. */
  static final String BODY =
      "{\"event_name\":\"order_placed\",\"timestamp\":\"2025-01-01T00:00:00.000\","
          + "\"customer_identifier\":\"cust-42\",\"order_id\":1000000007,\"plan\":\"pro\","
          + "\"amount\":42.5,\"trial\":false}";

  private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: (.*)");

  private Wrk() {}

  /** Whether {@code wrk} is on the PATH. */
  static boolean available() {
    return NativeLoad.onPath("wrk");
  }

  /** Requests per second with {@code connections} connections for {@code seconds}. */
  static double run(URI endpoint, int connections, int seconds)
      throws IOException, InterruptedException {
    String script =
        "wrk.method = \"POST\"\n"
            + "wrk.body = '"
            + BODY
            + "'\n"
            + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
            + "wrk.headers[\"x-eventbunker-write-key\"] = \""
            + Contexts.WRITE_KEY
            + "\"\n";
    String output =
        NativeLoad.run(
            "wrk",
            script,
            file ->
                List.of(
                    "wrk",
                    "--threads",
                    "2",
                    "--connections",
                    Integer.toString(connections),
                    "--duration",
                    seconds + "s",
                    "--script",
                    file.toString(),
                    endpoint.toString()));
    if (NON_2XX.matcher(output).find()) {
      throw new IOException("wrk saw failed requests, so its rate is not the capacity: " + output);
    }
    Matcher socketErrors = SOCKET_ERRORS.matcher(output);
    if (socketErrors.find()) {
      // Requests cut off when the run ends show up here; the rate counts completed ones only.
      System.err.println("wrk socket errors: " + socketErrors.group(1));
    }
    Matcher rate = REQUESTS_PER_SECOND.matcher(output);
    if (!rate.find()) {
      throw new IOException("No request rate in wrk's output: " + output);
    }
    return Double.parseDouble(rate.group(1));
  }
}
