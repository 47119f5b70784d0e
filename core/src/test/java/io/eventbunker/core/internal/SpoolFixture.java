package io.eventbunker.core.internal;

import io.eventbunker.core.EventBunkerDefaults;
import io.eventbunker.core.EventBunkerListener;
import io.eventbunker.core.EventResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** A spool driven directly by a test, without a sender: its settings, and what it reports. */
final class SpoolFixture {
  final List<EventResult> results = new CopyOnWriteArrayList<>();
  final Accounting accounting;
  private final String appenderName;
  private final Path directory;
  private final List<String> warnings = new CopyOnWriteArrayList<>();

  SpoolFixture(String appenderName, Path directory) {
    this.appenderName = appenderName;
    this.directory = directory;
    List<EventBunkerListener> listeners =
        List.of(
            new EventBunkerListener() {
              @Override
              public void onResult(EventResult result) {
                results.add(result);
              }
            });
    this.accounting = new Accounting(() -> appenderName, listeners, new Recorded());
  }

  /** The defaults, with the spool in this fixture's directory; change what the test needs. */
  AppenderSettingsBuilder settings() {
    return new AppenderSettingsBuilder(appenderName, TestSyntax.INSTANCE)
        .writeKey("wk_test_5ecret_9f8e7d6c")
        .endpoint("http://127.0.0.1:9/post") // no sender here: never contacted
        .queueCapacity(EventBunkerDefaults.QUEUE_CAPACITY)
        .queueMaxBytes(EventBunkerDefaults.QUEUE_MAX_BYTES)
        .maxEventBytes(EventBunkerDefaults.MAX_EVENT_BYTES)
        .appendTimeoutMillis(EventBunkerDefaults.APPEND_TIMEOUT_MS)
        .maxInFlight(EventBunkerDefaults.MAX_IN_FLIGHT)
        .connectTimeoutMillis(EventBunkerDefaults.CONNECT_TIMEOUT_MS)
        .requestTimeoutMillis(EventBunkerDefaults.REQUEST_TIMEOUT_MS)
        .retryMaxAttempts(EventBunkerDefaults.RETRY_MAX_ATTEMPTS)
        .retryInitialBackoffMillis(EventBunkerDefaults.RETRY_INITIAL_BACKOFF_MS)
        .retryMaxBackoffMillis(EventBunkerDefaults.RETRY_MAX_BACKOFF_MS)
        .retryTimeoutMillis(EventBunkerDefaults.RETRY_TIMEOUT_MS)
        .shutdownTimeoutMillis(EventBunkerDefaults.SHUTDOWN_TIMEOUT_MS)
        .customerIdentifierMdcKey(EventBunkerDefaults.CUSTOMER_IDENTIFIER_MDC_KEY)
        .spoolDirectory(directory.toString())
        .maxSpoolBytes(EventBunkerDefaults.MAX_SPOOL_BYTES)
        .spoolMaxAgeMillis(EventBunkerDefaults.SPOOL_MAX_AGE_MS);
  }

  Spool open(AppenderSettingsBuilder settings) {
    return Objects.requireNonNull(Spool.open(settings.build(), accounting), this::warnings);
  }

  String warnings() {
    return String.join("\n", warnings);
  }

  /** The warnings an adapter would pass on to its framework. */
  private final class Recorded implements Diagnostics {
    @Override
    public void info(String message) {}

    @Override
    public void warn(String message) {
      warnings.add(message);
    }

    @Override
    public void warn(String message, Throwable cause) {
      warnings.add(message + ": " + cause);
    }
  }

  /** An event logged in this run, taking 256 bytes of a queue's byte bound. */
  static TrackedEvent event(int id) {
    return new TrackedEvent(
        "held", System.currentTimeMillis(), null, new String[] {"id"}, new Object[] {id}, 256);
  }

  /** The same, with {@code padBytes} more in its JSON. */
  static TrackedEvent paddedEvent(int id, int padBytes) {
    return new TrackedEvent(
        "held",
        System.currentTimeMillis(),
        null,
        new String[] {"id", "pad"},
        new Object[] {id, "x".repeat(padBytes)},
        256);
  }
}
