package io.eventbunker.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The live inbox: {@code GET /} and its assets, {@code GET /inbox/fragment} (the page's changing
 * part, polled by the page) and {@code GET /api/events}. Events are untrusted input: every piece is
 * HTML-escaped here on the server, and the page's CSP allows no inline script.
 */
final class Inbox {
  private static final int PAGE_EVENT_LIMIT = 200;
  private static final String FRAGMENT_PATH = "/inbox/fragment";
  private static final String API_PATH = "/api/events";

  private static final String HTML = "text/html; charset=utf-8";
  private static final String CONTENT_PLACEHOLDER = "{{inbox}}";
  private static final String TEMPLATE =
      new String(resource("inbox/inbox.html"), StandardCharsets.UTF_8);
  private static final byte[] CSS = resource("inbox/inbox.css");
  private static final byte[] SCRIPT = resource("inbox/inbox.js");
  private static final Map<String, String> SECURITY_HEADERS =
      Map.of(
          "Content-Security-Policy",
          "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'",
          "X-Content-Type-Options",
          "nosniff",
          "Cache-Control",
          "no-store");

  private final EventStore store;
  private final StatusCounters counters;

  Inbox(EventStore store, StatusCounters counters) {
    this.store = store;
    this.counters = counters;
  }

  Response respond(String method, String path) {
    Response response;
    switch (path) {
      case "/":
        response = Response.text(200, HTML, TEMPLATE.replace(CONTENT_PLACEHOLDER, fragment()));
        break;
      case FRAGMENT_PATH:
        response = Response.text(200, HTML, fragment());
        break;
      case "/inbox.css":
        response = Response.bytes(200, "text/css; charset=utf-8", CSS);
        break;
      case "/inbox.js":
        response = Response.bytes(200, "text/javascript; charset=utf-8", SCRIPT);
        break;
      case API_PATH:
        response = Response.json(200, Json.inbox(store.newestFirst(Integer.MAX_VALUE), counts()));
        break;
      default:
        return Response.error(
            404, "Not Found", "the track API is POST " + TrackEndpoint.PATH + ", the inbox GET /");
    }
    if (!"GET".equals(method)) {
      return Response.error(405, "Method Not Allowed", "use GET").withHeader("Allow", "GET");
    }
    for (Map.Entry<String, String> header : SECURITY_HEADERS.entrySet()) {
      response = response.withHeader(header.getKey(), header.getValue());
    }
    return response;
  }

  private StatusCounters.Counts counts() {
    return counters.snapshot(store.evicted());
  }

  private String fragment() {
    List<ReceivedEvent> events = store.newestFirst(PAGE_EVENT_LIMIT);
    StatusCounters.Counts counts = counts();
    StringBuilder html = new StringBuilder(4096);
    html.append("<div class=\"counts\">");
    count(html, "accepted", "200 accepted", counts.accepted);
    count(html, "bad-request", "400 bad request", counts.badRequest);
    count(html, "unauthorized", "401 unauthorized", counts.unauthorized);
    count(html, "faults", "injected faults", counts.injectedFaults);
    count(html, "evicted", "evicted", counts.evicted);
    html.append("</div>");
    if (events.isEmpty()) {
      html.append("<p class=\"empty\">No events yet: send one with <code>POST ")
          .append(TrackEndpoint.PATH)
          .append("</code>.</p>");
      return html.toString();
    }
    if (events.size() == PAGE_EVENT_LIMIT) {
      html.append("<p class=\"note\">Showing the newest ")
          .append(PAGE_EVENT_LIMIT)
          .append(" events; all of them are in <a href=\"api/events\">/api/events</a>.</p>");
    }
    html.append("<ol class=\"events\">");
    for (ReceivedEvent event : events) {
      event(html, event);
    }
    return html.append("</ol>").toString();
  }

  private static void count(StringBuilder html, String kind, String label, long value) {
    html.append("<div class=\"count ")
        .append(kind)
        .append("\"><span class=\"value\">")
        .append(value)
        .append("</span><span class=\"label\">")
        .append(label)
        .append("</span></div>");
  }

  private static void event(StringBuilder html, ReceivedEvent event) {
    html.append("<li class=\"event\"><div class=\"head\"><span class=\"name\">")
        .append(escape(event.name()))
        .append("</span>");
    event
        .customerIdentifier()
        .ifPresent(
            customer ->
                html.append("<span class=\"customer\">customer ")
                    .append(escape(customer))
                    .append("</span>"));
    html.append("<time>")
        .append(EventParser.formatTimestamp(event.timestamp()))
        .append("</time></div><div class=\"meta\">")
        .append(event.uniqueReqId())
        .append(" · received ")
        .append(event.receivedAt())
        .append("</div>");
    if (!event.fields().isEmpty()) {
      html.append("<table class=\"fields\">");
      for (Map.Entry<String, Object> field : event.fields().entrySet()) {
        html.append("<tr><th>")
            .append(escape(field.getKey()))
            .append("</th><td>")
            .append(escape(Json.value(field.getValue())))
            .append("</td></tr>");
      }
      html.append("</table>");
    }
    html.append("</li>");
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&':
          escaped.append("&amp;");
          break;
        case '<':
          escaped.append("&lt;");
          break;
        case '>':
          escaped.append("&gt;");
          break;
        case '"':
          escaped.append("&quot;");
          break;
        case '\'':
          escaped.append("&#39;");
          break;
        default:
          escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static byte[] resource(String name) {
    try (InputStream in = Inbox.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " in the test kit jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
