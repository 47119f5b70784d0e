package io.eventbunker.spring.boot;

import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The health of the managed appenders, in terms both Spring Boot 3 and 4 health indicators turn
 * into their own {@code Health}: up while delivering; down when the write key was refused or no
 * appender runs. Never shows the write key.
 */
final class HealthReport {
  static final String MISDIRECTED =
      "something other than the EventBunker API answered (a wrong eventbunker.endpoint, a proxy or"
          + " a firewall), or TLS failed: events wait; the last error says what answered";

  static final String WRITE_KEY_REFUSED =
      "EventBunker refused the write key (HTTP 401): set a write key (not a query or delete key)"
          + " from the EventBunker web UI in eventbunker.write-key";

  private final boolean up;
  private final Map<String, Object> details;

  private HealthReport(boolean up, Map<String, Object> details) {
    this.up = up;
    this.details = details;
  }

  static HealthReport of(ManagedAppenders managed) {
    List<ManagedAppender> appenders = managed.appenders();
    StarterListener counts = managed.listener();
    Map<String, Object> details = new LinkedHashMap<>();
    int queueSize = 0;
    int queueCapacity = 0;
    int inFlight = 0;
    boolean spoolEnabled = false;
    long spooled = 0;
    long spooledBytes = 0;
    int running = 0;
    boolean keyRefused = false;
    boolean misdirected = false;
    String lastError = null;
    for (ManagedAppender appender : appenders) {
      EventBunkerStats stats = appender.stats();
      queueSize += stats.queueSize();
      queueCapacity += stats.queueCapacity();
      inFlight += stats.inFlight();
      spoolEnabled |= stats.spoolEnabled();
      spooled += stats.spooled();
      spooledBytes += stats.spooledBytes();
      running += appender.isStarted() ? 1 : 0;
      keyRefused |= stats.writeKeyRejected();
      misdirected |= stats.endpointMisdirected();
      lastError = stats.lastError() == null ? lastError : stats.lastError();
    }
    boolean up = running > 0 && !keyRefused && !misdirected;
    if (keyRefused) {
      details.put("reason", WRITE_KEY_REFUSED);
    } else if (misdirected) {
      details.put("reason", MISDIRECTED);
    } else if (running == 0) {
      details.put("reason", "the EventBunker appender is not running: see the warning at startup");
    }
    details.put("queueSize", queueSize);
    details.put("queueCapacity", queueCapacity);
    details.put("inFlight", inFlight);
    if (spoolEnabled) {
      // Events waiting on disk are safe, not a fault: they do not make the health DOWN.
      details.put("spooled", spooled);
      details.put("spooledBytes", spooledBytes);
    }
    for (Outcome outcome : Outcome.values()) {
      details.put(outcome.tag(), counts.count(outcome));
    }
    details.put("retries", counts.retries());
    if (lastError != null) {
      details.put("lastError", lastError);
    }
    return new HealthReport(up, details);
  }

  boolean up() {
    return up;
  }

  Map<String, Object> details() {
    return details;
  }
}
