package io.eventbunker.core.internal;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What an answer means, from its status, content type and (bounded) body alone. Between the
 * application and the API sit proxies, edges and mistyped URLs; their answers are not the API's
 * verdict on an event, and must never reject it (nor remove it from the spool).
 */
final class ResponseClassifier {

  /** The kinds of answer, each handled in one way by the sender. */
  enum Verdict {
    /** 2xx from the API: the event is stored. */
    DELIVERED,
    /** The API refused this event (400, 413 or 422 with its error body): sending it again fails. */
    REJECTED,
    /** Worth another attempt: 408, 429, 5xx. */
    RETRY,
    /** 401: the write key is wrong, or a query or delete key. */
    KEY_REFUSED,
    /** Something other than the API answered, or the endpoint is wrong: pause, keep the events. */
    NOT_THE_API
  }

  /** Messages of the API's documented errors, for the bodies that are not JSON. */
  private static final String[] API_ERROR_MESSAGES = {
    "JSON validation failed", "x-eventbunker-write-key"
  };

  private ResponseClassifier() {}

  static Verdict classify(int status, @Nullable String contentType, String body) {
    if (status == 408 || status == 429 || status >= 500) {
      return Verdict.RETRY; // an edge's HTML error page too: outages end
    }
    if (isHtml(contentType, body)) {
      return Verdict.NOT_THE_API; // a captive portal, a proxy's or a firewall's page
    }
    if (status >= 200 && status < 300) {
      return Verdict.DELIVERED;
    }
    if (status == 401) {
      return Verdict.KEY_REFUSED;
    }
    if ((status == 400 || status == 413 || status == 422) && isApiError(body)) {
      return Verdict.REJECTED;
    }
    return Verdict.NOT_THE_API; // 1xx, 3xx, 403, 404, 405, 407, 421, a bare 4xx
  }

  /** Why something other than the API would answer this, and what to do: for the one message. */
  static String likelyCause(int status, @Nullable String location) {
    if (status >= 300 && status < 400) {
      return "a redirect"
          + (location == null ? "" : " to " + location)
          + ": the endpoint is outdated or uses http where https is needed. The appender never"
          + " follows redirects, which would carry the write key to another host; set endpoint to"
          + " the final URL";
    }
    switch (status) {
      case 403:
        return "forbidden, most likely by a firewall, WAF or proxy between this host and"
            + " EventBunker: allow requests to the endpoint's host there";
      case 404:
        return "no such URL: the endpoint's path is wrong (the track API's is /post)";
      case 405:
        return "method not allowed: the endpoint is not the track API's /post";
      case 407:
        return "a proxy requires authentication, which the appender does not support: use a"
            + " proxy that lets it through (the proxy setting, or https.proxyHost)";
      case 421:
        return "misdirected request: a proxy or TLS terminator does not serve this host";
      default:
        return "an answer that is not the EventBunker API's (HTTP "
            + status
            + "), from a proxy or gateway in between, or a wrong endpoint";
    }
  }

  static boolean isHtml(@Nullable String contentType, String body) {
    if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html")) {
      return true;
    }
    String start = body.stripLeading();
    return start.regionMatches(true, 0, "<!doctype html", 0, 14)
        || start.regionMatches(true, 0, "<html", 0, 5);
  }

  /** The API's errors are JSON objects, or (on its own page) its documented texts. */
  private static boolean isApiError(String body) {
    String text = body.strip();
    if (text.startsWith("{") && text.endsWith("}")) {
      return true;
    }
    for (String message : API_ERROR_MESSAGES) {
      if (text.contains(message)) {
        return true;
      }
    }
    return false;
  }
}
