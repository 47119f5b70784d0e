package io.eventbunker.testkit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventbunker.testkit.EventBunkerReceiver.OutageMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventBunkerReceiverMainTest {
  private static final Pattern TRUST_LINE =
      Pattern.compile(
          "  trust it   -Djavax\\.net\\.ssl\\.trustStore=(\\S+)"
              + " -Djavax\\.net\\.ssl\\.trustStorePassword=changeit");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<EventBunkerReceiver> served = new ArrayList<>();

  @TempDir Path dir;

  private int run(String... args) {
    return run(served::add, args);
  }

  private int run(Consumer<EventBunkerReceiver> serve, String... args) {
    return EventBunkerReceiverMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        serve);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpPrintsUsageAndExitsZero() {
    int status = run("--port", "1", "--help");

    assertEquals(0, status);
    assertTrue(out().startsWith("Usage: java -jar eventbunker-testkit.jar [flags]"), out());
    for (String flag :
        List.of(
            "--port",
            "--host",
            "--write-key",
            "--query-key",
            "--delete-key",
            "--max-events",
            "--events-file",
            "--latency",
            "--error-rate",
            "--too-many-requests-rate",
            "--retry-after",
            "--outage",
            "--outage-mode",
            "--tls",
            "--keystore",
            "--keystore-password",
            "--help")) {
      assertTrue(out().contains("  " + flag + " "), "usage lists " + flag);
    }
    assertEquals("", err());
    assertEquals(List.of(), served);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --bogus                     | unknown flag --bogus; run with --help to list the flags
          stray                       | unexpected argument "stray"; run with --help to list the flags
          --write-key                 | --write-key needs a value, e.g. --write-key dev-key
          --port abc                  | --port needs a whole number, got "abc"
          --port 70000                | --port: port must be between 0 and 65535 (0 picks a free port), got 70000
          --error-rate lots           | --error-rate needs a fraction between 0 and 1, e.g. 0.1, got "lots"
          --error-rate 1.5            | --error-rate: errorRate must be a fraction between 0 and 1, got 1.5
          --latency 35                | --latency needs a unit (ms, s, m or h), e.g. 35ms, got "35"
          --latency 40-30ms           | --latency: latency range must run from low to high, got 40ms-30ms
          --latency 1-2-3ms           | --latency takes one duration or a range like 30-40ms, got 1-2-3ms
          --latency fast              | --latency needs a duration like 35ms, 2s, 1m or 1h, got "fast"
          --retry-after 1500ms        | --retry-after: retryAfter must be whole seconds (Retry-After is sent in seconds), got 1500ms
          --outage 10s                | --outage needs a start and an end after startup, e.g. --outage 10s-20s
          --outage 20s-10s            | --outage: outage must end after it starts, got 20s-10s
          --outage-mode 500           | --outage-mode is 503 or close, got "500"
          --max-events 0              | --max-events: maxEvents must be positive, got 0
          --query-key=                | --query-key: query key must not be empty
          --tls=yes                   | --tls takes no value; give --keystore for a key store of yours
          --keystore k.p12            | --keystore needs --tls, which serves HTTPS
          --keystore-password pw      | --keystore-password needs --tls, which serves HTTPS
          --tls --keystore k.p12      | --keystore needs --keystore-password, e.g. --keystore-password changeit
          --tls --keystore-password p | --keystore-password needs --keystore, e.g. --keystore keystore.p12
          """)
  void badFlagPrintsOneLineNamingItAndExitsTwo(String args, String message) {
    int status = run(args.split(" "));

    assertEquals(2, status);
    assertEquals("error: " + message + System.lineSeparator(), err());
    assertEquals("", out());
    assertEquals(List.of(), served);
  }

  @Test
  void startPrintsTheInboxUrlAndServesUntilServeReturns() throws Exception {
    List<Integer> statuses = new ArrayList<>();

    int status =
        run(
            receiver -> {
              served.add(receiver);
              try {
                statuses.add(
                    Http.post(receiver.endpoint(), "dev-key", Http.event("a")).statusCode());
                statuses.add(Http.post(receiver.endpoint(), "qk", Http.event("a")).statusCode());
              } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
              }
            },
            "--port=0",
            "--write-key",
            "dev-key",
            "--query-key",
            "qk");

    assertEquals(0, status);
    assertEquals(List.of(200, 401), statuses);
    EventBunkerReceiver receiver = served.get(0);
    assertTrue(out().contains("  inbox      http://127.0.0.1:" + receiver.port() + "/"), out());
    assertTrue(out().contains("  track API  POST " + receiver.endpoint()), out());
    assertTrue(out().contains("  write keys dev-key"), out());
    assertThrows(ConnectException.class, () -> Http.post(receiver.endpoint(), "dev-key", "{}"));
  }

  @Test
  void eventsFileFlagAppendsAcceptedEvents() throws Exception {
    Path file = dir.resolve("events.jsonl");

    run(
        receiver -> {
          try {
            Http.post(receiver.endpoint(), EventBunkerReceiver.DEFAULT_WRITE_KEY, Http.event("a"));
          } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
          }
        },
        "--port",
        "0",
        "--events-file",
        file.toString());

    assertEquals(1, Files.readAllLines(file).size());
  }

  @Test
  void busyPortExitsOneSayingWhichFlagToChange() {
    try (EventBunkerReceiver busy = EventBunkerReceiver.builder().build().start()) {
      int status = run("--port", Integer.toString(busy.port()));

      assertEquals(1, status);
      assertTrue(err().startsWith("error: Cannot listen on 127.0.0.1:" + busy.port()), err());
      assertTrue(
          err()
              .endsWith("choose another --port, --host or --events-file" + System.lineSeparator()));
      assertFalse(err().contains("Exception"), err());
    }
  }

  @Test
  void flagsSetTheReceiverUp() throws Exception {
    CommandLine commandLine =
        CommandLine.parse(
            "--port",
            "9999",
            "--host",
            "0.0.0.0",
            "--write-key",
            "w1",
            "--write-key",
            "w2",
            "--delete-key",
            "d",
            "--max-events",
            "50",
            "--latency",
            "30-40ms",
            "--error-rate",
            "0.1",
            "--too-many-requests-rate",
            "0.2",
            "--retry-after",
            "2s",
            "--outage",
            "0s-1m",
            "--outage-mode",
            "close",
            "--tls",
            "--keystore",
            "k.p12",
            "--keystore-password",
            "pw");

    ReceiverConfig config = commandLine.builder.config();
    assertAll(
        () -> assertFalse(commandLine.help),
        () -> assertEquals(9999, config.port),
        () -> assertEquals("0.0.0.0", config.host),
        () -> assertEquals(Set.of("w1", "w2"), config.writeKeys),
        () -> assertEquals(Set.of("d"), config.deleteKeys),
        () -> assertEquals(50, config.maxEvents),
        () -> assertEquals(Duration.ofMillis(30), config.faults.minLatency),
        () -> assertEquals(Duration.ofMillis(40), config.faults.maxLatency),
        () -> assertEquals(0.1, config.faults.errorRate),
        () -> assertEquals(0.2, config.faults.tooManyRequestsRate),
        () -> assertEquals(Duration.ofSeconds(2), config.faults.retryAfter),
        () -> assertEquals(OutageMode.CLOSE_CONNECTION, config.outageMode),
        () -> assertTrue(config.tls),
        () -> assertEquals(Path.of("k.p12"), config.keyStore),
        () -> assertEquals("pw", config.keyStorePassword),
        () -> assertEquals(1, config.outageWindows.size()),
        () -> assertTrue(config.outageWindows.get(0).contains(Duration.ofSeconds(59).toNanos())),
        () -> assertFalse(config.outageWindows.get(0).contains(Duration.ofSeconds(60).toNanos())));
  }

  @Test
  void withoutFlagsTheReceiverListensOnPort8787WithTheDefaultKey() throws Exception {
    ReceiverConfig config = CommandLine.parse().builder.config();

    assertEquals(8787, config.port);
    assertEquals(Set.of(EventBunkerReceiver.DEFAULT_WRITE_KEY), config.writeKeys);
    assertFalse(config.tls);
  }

  @ParameterizedTest
  @CsvSource({
    "35ms, 35, 35",
    "30-40ms, 30, 40",
    "30ms-40ms, 30, 40",
    "1s-2s, 1000, 2000",
    "500ms-1s, 500, 1000",
    "1m, 60000, 60000",
    "0, 0, 0"
  })
  void latencyTakesOneDurationOrARange(String value, long minMillis, long maxMillis)
      throws Exception {
    ReceiverConfig config = CommandLine.parse("--latency", value).builder.config();

    assertEquals(Duration.ofMillis(minMillis), config.faults.minLatency);
    assertEquals(Duration.ofMillis(maxMillis), config.faults.maxLatency);
  }

  @Test
  void outageFlagTakesTheReceiverDown() {
    List<Integer> statuses = new ArrayList<>();

    int status =
        run(
            receiver -> {
              try {
                statuses.add(
                    Http.post(receiver.endpoint(), EventBunkerReceiver.DEFAULT_WRITE_KEY, "{}")
                        .statusCode());
              } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
              }
            },
            "--port",
            "0",
            "--outage",
            "0s-1h");

    assertEquals(0, status, err());
    assertEquals(List.of(503), statuses);
  }

  @Test
  void tlsServesHttpsAndPrintsATrustStoreThatWorks() {
    List<String> answers = new ArrayList<>();
    List<Path> trustStores = new ArrayList<>();

    int status =
        run(
            receiver -> {
              try {
                Matcher trust = TRUST_LINE.matcher(out());
                assertTrue(trust.find(), out());
                Path trustStore = Path.of(trust.group(1));
                trustStores.add(trustStore);
                HttpClient client =
                    HttpClient.newBuilder().sslContext(Http.trusting(trustStore)).build();
                HttpResponse<String> response =
                    Http.postAsync(
                            client,
                            receiver.endpoint(),
                            EventBunkerReceiver.DEFAULT_WRITE_KEY,
                            Http.event("a"))
                        .get();
                answers.add(response.statusCode() + " " + response.version());
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            },
            "--port",
            "0",
            "--tls");

    assertEquals(0, status, err());
    assertEquals(List.of("200 HTTP_1_1"), answers);
    assertTrue(out().contains("  track API  POST https://127.0.0.1:"), out());
    assertTrue(out().contains("/certificate.pem for localhost, 127.0.0.1, "), out());
    assertFalse(Files.exists(trustStores.get(0)), "deleted when the receiver stops");
  }

  @Test
  void aKeyStoreThatCannotBeReadExitsOne() {
    Path missing = dir.resolve("missing.p12");

    int status =
        run("--port", "0", "--tls", "--keystore", missing.toString(), "--keystore-password", "pw");

    assertEquals(1, status);
    assertEquals(
        "error: Cannot read the key store "
            + missing
            + ": no such file; choose another --port, --host, --events-file or --keystore"
            + System.lineSeparator(),
        err());
  }
}
