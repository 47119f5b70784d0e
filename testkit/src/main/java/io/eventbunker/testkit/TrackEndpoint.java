package io.eventbunker.testkit;

import com.sun.net.httpserver.HttpExchange;
import io.eventbunker.testkit.EventBunkerReceiver.OutageMode;
import io.eventbunker.testkit.EventParser.InvalidEventException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** {@code POST /post}: the track API as the reference page describes it, plus injected faults. */
final class TrackEndpoint {
  static final String PATH = "/post";
  private static final String WRITE_KEY_HEADER = "x-eventbunker-write-key";
  private static final String INVALID_KEY = "Invalid x-eventbunker-write-key";
  private static final String NOT_A_WRITE_KEY =
      "Please use a write key for write requests. Invalid x-eventbunker-write-key";
  static final String VALIDATION_FAILED = "Body JSON validation failed.";
  static final String INTERNAL_ERROR = "Error: internal error";

  private static final System.Logger LOG = System.getLogger(EventBunkerReceiver.class.getName());

  private final ReceiverConfig config;
  private final FaultInjector faults;
  private final EventStore store;
  private final StatusCounters counters;
  private final @Nullable EventsFile eventsFile;
  private final Responder responder;
  // A random half per receiver and a counter half: ids never repeat within one receiver.
  private final String idPrefix = hex(ThreadLocalRandom.current().nextLong());
  private final AtomicLong idSequence = new AtomicLong();

  TrackEndpoint(
      ReceiverConfig config,
      FaultInjector faults,
      EventStore store,
      StatusCounters counters,
      @Nullable EventsFile eventsFile,
      Responder responder) {
    this.config = config;
    this.faults = faults;
    this.store = store;
    this.counters = counters;
    this.eventsFile = eventsFile;
    this.responder = responder;
  }

  void handle(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      Responder.write(
          exchange,
          Response.error(405, "Method Not Allowed", "the track API accepts POST only")
              .withHeader("Allow", "POST"));
      return;
    }
    OutageMode outage = faults.currentOutage();
    if (outage != null) {
      counters.recordInjectedFault();
      if (outage == OutageMode.CLOSE_CONNECTION) {
        // Closing before any response bytes makes the client see a dropped connection.
        exchange.close();
      } else {
        Responder.write(exchange, Response.error(503, "Service Unavailable", "injected outage"));
      }
      return;
    }
    FaultSettings settings = faults.settings();
    Response response;
    if (settings.drawTooManyRequests()) {
      counters.recordInjectedFault();
      response =
          Response.error(429, "Too Many Requests", "injected by the receiver's 429 rate")
              .withHeader("Retry-After", Long.toString(settings.retryAfter.toSeconds()));
    } else if (settings.drawError()) {
      counters.recordInjectedFault();
      response = Response.error(500, INTERNAL_ERROR, "injected by the receiver's error rate");
    } else {
      response = track(exchange);
    }
    responder.send(exchange, response, settings.latencyNanos());
  }

  private Response track(HttpExchange exchange) throws IOException {
    String key = exchange.getRequestHeaders().getFirst(WRITE_KEY_HEADER);
    if (key == null || !config.writeKeys.contains(key)) {
      boolean otherRole =
          key != null && (config.queryKeys.contains(key) || config.deleteKeys.contains(key));
      String error = otherRole ? NOT_A_WRITE_KEY : INVALID_KEY;
      counters.recordUnauthorized(error);
      return Response.error(401, error, null);
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
    ReceivedEvent event;
    try {
      event = EventParser.parse(body, idPrefix + hex(idSequence.incrementAndGet()), now);
    } catch (InvalidEventException e) {
      counters.recordBadRequest(e.getMessage());
      return Response.error(400, VALIDATION_FAILED, e.getMessage());
    }
    if (eventsFile != null) {
      try {
        eventsFile.append(event);
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "Could not append to the events file", e);
        return Response.error(
            500, INTERNAL_ERROR, "could not append to the events file: " + e.getMessage());
      }
    }
    store.add(event);
    counters.recordAccepted();
    return Response.json(200, Json.accepted(event.uniqueReqId(), now.toEpochMilli()));
  }

  private static String hex(long value) {
    String digits = Long.toHexString(value);
    return "0".repeat(16 - digits.length()) + digits;
  }
}
