package io.eventbunker.testkit;

import io.eventbunker.testkit.EventBunkerReceiver.OutageMode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The standalone receiver's flags, turned into a builder; every mistake names its flag. */
final class CommandLine {
  static final int DEFAULT_PORT = 8787;

  static final String USAGE =
      String.join(
          "\n",
          "Usage: java -jar eventbunker-testkit.jar [flags]",
          "",
          "A local EventBunker track API (POST /post) with a live inbox page (GET /).",
          "",
          "Flags (a flag's value follows it, or is joined with '=': --port=8787):",
          "  --port N              port to listen on, 0 for any free one (default "
              + DEFAULT_PORT
              + ")",
          "  --host ADDRESS        address to listen on (default "
              + EventBunkerReceiver.DEFAULT_HOST
              + "; 0.0.0.0 for all)",
          "  --write-key KEY       accepted write key; repeat for more (default "
              + EventBunkerReceiver.DEFAULT_WRITE_KEY
              + ")",
          "  --query-key KEY       query key: answered 401 \"Please use a write key\"; repeatable",
          "  --delete-key KEY      delete key: answered 401 \"Please use a write key\"; repeatable",
          "  --max-events N        events kept in memory, oldest evicted first (default "
              + EventBunkerReceiver.DEFAULT_MAX_EVENTS
              + ")",
          "  --events-file PATH    also append each accepted event to PATH as a JSON line",
          "  --latency D[-D]       delay each response, fixed or uniform in a range:"
              + " 35ms, 30-40ms (default 0)",
          "  --error-rate F        fraction of requests answered 500, 0 to 1 (default 0)",
          "  --too-many-requests-rate F",
          "                        fraction of requests answered 429, 0 to 1 (default 0)",
          "  --retry-after D       Retry-After of those 429s, whole seconds: 2s (default "
              + EventBunkerReceiver.DEFAULT_RETRY_AFTER.toSeconds()
              + "s)",
          "  --outage D-D          be down from D to D after start: 10s-20s; repeatable",
          "  --outage-mode MODE    503 (answer 503) or close (drop the connection); default 503",
          "  --tls                 serve HTTPS (HTTP/1.1) with a certificate generated for"
              + " localhost,",
          "                        127.0.0.1 and ::1; prints the files that let clients trust it",
          "  --keystore PATH       with --tls: serve this PKCS12 key store's key and certificate",
          "  --keystore-password PW",
          "                        the password of --keystore and of the key in it",
          "  --help                print this help",
          "",
          "Durations take a unit: ms, s, m or h. In a range the unit may be given once: 30-40ms.",
          "");

  // Every flag that takes a value, with an example for the "needs a value" message.
  private static final Map<String, String> EXAMPLES = new LinkedHashMap<>();

  static {
    EXAMPLES.put("--port", "8787");
    EXAMPLES.put("--host", "127.0.0.1");
    EXAMPLES.put("--write-key", "dev-key");
    EXAMPLES.put("--query-key", "query-key");
    EXAMPLES.put("--delete-key", "delete-key");
    EXAMPLES.put("--max-events", "10000");
    EXAMPLES.put("--events-file", "events.jsonl");
    EXAMPLES.put("--latency", "30-40ms");
    EXAMPLES.put("--error-rate", "0.1");
    EXAMPLES.put("--too-many-requests-rate", "0.05");
    EXAMPLES.put("--retry-after", "2s");
    EXAMPLES.put("--outage", "10s-20s");
    EXAMPLES.put("--outage-mode", "close");
    EXAMPLES.put("--keystore", "keystore.p12");
    EXAMPLES.put("--keystore-password", "changeit");
  }

  // Flags without a value.
  private static final String TLS = "--tls";

  private static final List<String> HELP_FLAGS = List.of("--help", "-h");
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

  final boolean help;
  final EventBunkerReceiver.Builder builder;

  private CommandLine(boolean help, EventBunkerReceiver.Builder builder) {
    this.help = help;
    this.builder = builder;
  }

  static CommandLine parse(String... args) throws UsageException {
    if (Arrays.stream(args).anyMatch(HELP_FLAGS::contains)) {
      // Help needs no builder; an unused default one spares every reader a null check.
      return new CommandLine(true, EventBunkerReceiver.builder());
    }
    EventBunkerReceiver.Builder builder = EventBunkerReceiver.builder().port(DEFAULT_PORT);
    TlsFlags tls = new TlsFlags();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      int equals = flag.indexOf('=');
      if (TLS.equals(flag)) {
        tls.enabled = true;
        continue;
      }
      if (equals > 0 && TLS.equals(flag.substring(0, equals))) {
        throw new UsageException(TLS + " takes no value; give --keystore for a key store of yours");
      }
      String value;
      if (equals > 0) {
        value = flag.substring(equals + 1);
        flag = flag.substring(0, equals);
      } else {
        value = i + 1 < args.length ? args[++i] : null;
      }
      if (!EXAMPLES.containsKey(flag)) {
        throw new UsageException(
            (flag.startsWith("-") ? "unknown flag " + flag : "unexpected argument \"" + flag + "\"")
                + "; run with --help to list the flags");
      }
      if (value == null) {
        throw new UsageException(flag + " needs a value, e.g. " + flag + " " + EXAMPLES.get(flag));
      }
      if (tls.take(flag, value)) {
        continue;
      }
      try {
        apply(builder, flag, value);
      } catch (IllegalArgumentException e) {
        throw new UsageException(flag + ": " + e.getMessage());
      }
    }
    tls.applyTo(builder);
    return new CommandLine(false, builder);
  }

  /** --tls and its key store, which make sense only together: checked once all are read. */
  private static final class TlsFlags {
    boolean enabled;
    @Nullable String keyStore;
    @Nullable String password;

    boolean take(String flag, String value) {
      switch (flag) {
        case "--keystore":
          keyStore = value;
          return true;
        case "--keystore-password":
          password = value;
          return true;
        default:
          return false;
      }
    }

    void applyTo(EventBunkerReceiver.Builder builder) throws UsageException {
      if (!enabled) {
        if (keyStore != null || password != null) {
          throw new UsageException(
              (keyStore != null ? "--keystore" : "--keystore-password")
                  + " needs --tls, which serves HTTPS");
        }
        return;
      }
      if (keyStore == null && password == null) {
        builder.tls();
      } else if (keyStore == null) {
        throw new UsageException(
            "--keystore-password needs --keystore, e.g. --keystore " + EXAMPLES.get("--keystore"));
      } else if (password == null) {
        throw new UsageException(
            "--keystore needs --keystore-password, e.g. --keystore-password "
                + EXAMPLES.get("--keystore-password"));
      } else {
        try {
          builder.tls(Path.of(keyStore), password);
        } catch (InvalidPathException e) {
          throw new UsageException("--keystore: " + e.getMessage());
        }
      }
    }
  }

  private static void apply(EventBunkerReceiver.Builder builder, String flag, String value)
      throws UsageException {
    switch (flag) {
      case "--port":
        builder.port(integer(flag, value));
        break;
      case "--host":
        builder.host(value);
        break;
      case "--write-key":
        builder.writeKey(value);
        break;
      case "--query-key":
        builder.queryKey(value);
        break;
      case "--delete-key":
        builder.deleteKey(value);
        break;
      case "--max-events":
        builder.maxEvents(integer(flag, value));
        break;
      case "--events-file":
        builder.eventsFile(Path.of(value));
        break;
      case "--latency":
        Duration[] latency = range(flag, value);
        builder.latency(latency[0], latency[latency.length - 1]);
        break;
      case "--error-rate":
        builder.errorRate(fraction(flag, value));
        break;
      case "--too-many-requests-rate":
        builder.tooManyRequestsRate(fraction(flag, value));
        break;
      case "--retry-after":
        builder.retryAfter(duration(flag, value, null));
        break;
      case "--outage":
        Duration[] window = range(flag, value);
        if (window.length != 2) {
          throw new UsageException(
              flag + " needs a start and an end after startup, e.g. " + flag + " 10s-20s");
        }
        builder.outageWindow(window[0], window[1]);
        break;
      case "--outage-mode":
        builder.outageMode(outageMode(flag, value));
        break;
      default:
        throw new IllegalStateException("flag without a handler: " + flag);
    }
  }

  private static int integer(String flag, String value) throws UsageException {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new UsageException(flag + " needs a whole number, got \"" + value + "\"");
    }
  }

  private static double fraction(String flag, String value) throws UsageException {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new UsageException(
          flag + " needs a fraction between 0 and 1, e.g. 0.1, got \"" + value + "\"");
    }
  }

  /** One duration, or two for a range; the unit may be given once, after the second. */
  private static Duration[] range(String flag, String value) throws UsageException {
    String[] parts = value.split("-", -1);
    if (parts.length > 2) {
      throw new UsageException(flag + " takes one duration or a range like 30-40ms, got " + value);
    }
    if (parts.length == 1) {
      return new Duration[] {duration(flag, value, null)};
    }
    Matcher high = DURATION.matcher(parts[1]);
    String sharedUnit = high.matches() ? high.group(2) : null;
    return new Duration[] {duration(flag, parts[0], sharedUnit), duration(flag, parts[1], null)};
  }

  private static Duration duration(String flag, String value, @Nullable String defaultUnit)
      throws UsageException {
    Matcher matcher = DURATION.matcher(value);
    if (!matcher.matches()) {
      throw new UsageException(
          flag + " needs a duration like 35ms, 2s, 1m or 1h, got \"" + value + "\"");
    }
    String unit = matcher.group(2) != null ? matcher.group(2) : defaultUnit;
    if (unit == null) {
      if (!matcher.group(1).matches("0+")) {
        throw new UsageException(
            flag + " needs a unit (ms, s, m or h), e.g. " + value + "ms, got \"" + value + "\"");
      }
      return Duration.ZERO;
    }
    try {
      long amount = Long.parseLong(matcher.group(1));
      switch (unit) {
        case "ms":
          return Duration.ofMillis(amount);
        case "s":
          return Duration.ofSeconds(amount);
        case "m":
          return Duration.ofMinutes(amount);
        default:
          return Duration.ofHours(amount);
      }
    } catch (NumberFormatException | ArithmeticException tooLong) {
      throw new UsageException(flag + " duration is too long: " + value);
    }
  }

  private static OutageMode outageMode(String flag, String value) throws UsageException {
    switch (value) {
      case "503":
        return OutageMode.SERVICE_UNAVAILABLE;
      case "close":
        return OutageMode.CLOSE_CONNECTION;
      default:
        throw new UsageException(flag + " is 503 or close, got \"" + value + "\"");
    }
  }

  /** A mistake on the command line; the message is shown as is, without a stack trace. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
