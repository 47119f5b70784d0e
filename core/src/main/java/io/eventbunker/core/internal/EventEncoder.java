package io.eventbunker.core.internal;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Turns an event into the request body it is sent as, once, and enforces {@code maxEventBytes} on
 * the real JSON size. Not thread-safe: each thread that encodes (the sender, the spool writer) owns
 * one.
 */
final class EventEncoder {
  private final EventJson json = new EventJson();
  private final int maxEventBytes;

  EventEncoder(int maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
  }

  /**
   * Stores the event's JSON body in the event.
   *
   * @return null when done, otherwise why the event cannot be sent (the caller rejects it)
   */
  @Nullable String encode(TrackedEvent event) {
    byte[] body;
    try {
      body = json.write(event);
    } catch (IOException | RuntimeException e) {
      return "cannot be written as JSON: " + e.getMessage();
    }
    if (body.length > maxEventBytes) {
      return "the event is "
          + body.length
          + " bytes as JSON, more than maxEventBytes ("
          + maxEventBytes
          + "); send less data, or raise maxEventBytes";
    }
    event.json(body);
    return null;
  }
}
