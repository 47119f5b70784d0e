package io.eventbunker.bench;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP/2 server's capacity for the appender's request, measured by {@code h2load} (nghttp2's
 * native load generator, Debian's {@code nghttp2-client}): one connection carrying {@code streams}
 * concurrent streams, as the JDK's client multiplexes every request of one host over one HTTP/2
 * connection.
 */
final class H2load {
  private static final Pattern FINISHED =
      Pattern.compile("finished in [\\d.]+\\w*, ([\\d.]+) req/s");
  private static final Pattern REQUESTS =
      Pattern.compile(
          "requests: (\\d+) total, (\\d+) started, (\\d+) done, (\\d+) succeeded, (\\d+) failed,"
              + " (\\d+) errored, (\\d+) timeout");
  private static final Pattern STATUS_CODES =
      Pattern.compile("status codes: (\\d+) 2xx, (\\d+) 3xx, (\\d+) 4xx, (\\d+) 5xx");
  private static final Pattern PROTOCOL = Pattern.compile("Application protocol: (\\S+)");

  private H2load() {}

  /** Whether {@code h2load} is on the PATH. */
  static boolean available() {
    return NativeLoad.onPath("h2load");
  }

  /** Requests per second over one connection with {@code streams} streams for {@code seconds}. */
  static Result run(URI endpoint, int streams, int seconds)
      throws IOException, InterruptedException {
    return parse(
        NativeLoad.run(
            "h2load",
            Wrk.BODY,
            body ->
                List.of(
                    "h2load",
                    "-c",
                    "1",
                    "-m",
                    Integer.toString(streams),
                    "-D",
                    Integer.toString(seconds),
                    "--data=" + body,
                    "-H",
                    "content-type: application/json",
                    "-H",
                    "x-eventbunker-write-key: " + Contexts.WRITE_KEY,
                    endpoint.toString())));
  }

  /**
   * The rate of {@code h2load}'s output, refused unless every request succeeded over HTTP/2:
   * otherwise the rate is not the server's capacity for this request.
   */
  static Result parse(String output) throws IOException {
    Matcher protocol = PROTOCOL.matcher(output);
    if (!protocol.find() || !protocol.group(1).equals("h2")) {
      throw new IOException("h2load did not negotiate HTTP/2 (h2) by ALPN: " + output);
    }
    Matcher rate = FINISHED.matcher(output);
    Matcher requests = REQUESTS.matcher(output);
    Matcher statuses = STATUS_CODES.matcher(output);
    if (!rate.find() || !requests.find() || !statuses.find()) {
      throw new IOException("No request rate in h2load's output: " + output);
    }
    long succeeded = Long.parseLong(requests.group(4));
    long failed = Long.parseLong(requests.group(5));
    long errored = Long.parseLong(requests.group(6));
    long timedOut = Long.parseLong(requests.group(7));
    long not2xx =
        Long.parseLong(statuses.group(2))
            + Long.parseLong(statuses.group(3))
            + Long.parseLong(statuses.group(4));
    if (failed > 0 || errored > 0 || timedOut > 0 || not2xx > 0 || succeeded == 0) {
      throw new IOException(
          "h2load saw failed requests, so its rate is not the capacity: " + output);
    }
    return new Result(Double.parseDouble(rate.group(1)), succeeded);
  }

  /** One run's figures. */
  record Result(double perSecond, long succeeded) {}
}
