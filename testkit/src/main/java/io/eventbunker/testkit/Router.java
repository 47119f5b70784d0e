package io.eventbunker.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** Sends each request to the track endpoint or the inbox by its exact path. */
final class Router implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(EventBunkerReceiver.class.getName());

  private final TrackEndpoint track;
  private final Inbox inbox;

  Router(TrackEndpoint track, Inbox inbox) {
    this.track = track;
    this.inbox = inbox;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      String path = exchange.getRequestURI().getPath();
      if (TrackEndpoint.PATH.equals(path)) {
        track.handle(exchange);
      } else {
        Responder.write(exchange, inbox.respond(exchange.getRequestMethod(), path));
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Request failed inside the receiver", e);
      Responder.write(exchange, Response.error(500, TrackEndpoint.INTERNAL_ERROR, e.toString()));
    }
  }
}
