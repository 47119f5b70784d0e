package io.eventbunker.core.internal;

import io.eventbunker.core.EventBunkerDefaults;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads the settings given as text — the endpoint, the write key, the proxy, the spool directory,
 * the MDC keys — into what the appender uses, or says what is wrong with them. A setting's value is
 * never shown when it may hold a secret: the write key, or user info in the endpoint.
 */
final class SettingValues {
  /** Makes the error for a setting: its name, the value to show, and the rule it breaks. */
  interface Invalid {
    InvalidSettingException of(String setting, Object shownValue, String rule);
  }

  private final Invalid invalid;

  SettingValues(Invalid invalid) {
    this.invalid = invalid;
  }

  URI endpoint(@Nullable String value) {
    String hint = "must be an absolute http or https URL such as " + EventBunkerDefaults.ENDPOINT;
    if (value == null || value.trim().isEmpty()) {
      throw invalid.of("endpoint", "(empty)", hint);
    }
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw invalid.of("endpoint", "not a URL", hint + " (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
      throw invalid.of("endpoint", printable(uri), hint);
    }
    return uri;
  }

  /** The endpoint without user info, which may hold a password: for every message. */
  static String printable(URI endpoint) {
    if (endpoint.getRawUserInfo() == null) {
      return endpoint.toString();
    }
    return endpoint.getScheme()
        + "://"
        + endpoint.getHost()
        + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort())
        + (endpoint.getRawPath() == null ? "" : endpoint.getRawPath());
  }

  /**
   * The key as sent, without the blanks around it (a pasted key often ends with a newline). What an
   * HTTP header cannot carry — a byte order mark, a zero-width space, a space inside — is refused
   * here with its position, never its value, rather than failing every request later.
   */
  String writeKey(String value) {
    String key = value.trim();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw invalid.of(
            "writeKey",
            "(not shown)",
            "has "
                + describe(c)
                + " at character "
                + (i + 1)
                + " of "
                + key.length()
                + "; a write key is visible ASCII only. Copy it again from the EventBunker web UI,"
                + " without the characters around it");
      }
    }
    return key;
  }

  private static String describe(char c) {
    if (c == '\uFEFF') {
      return "a byte order mark (U+FEFF), as a file saved by some editors begins with";
    }
    if (c == ' ' || c == '\t') {
      return "a blank";
    }
    return String.format(
        Locale.ROOT, "the character U+%04X, which an HTTP header cannot carry", (int) c);
  }

  /** {@code host:port}, or nothing; resolved only when a request is made (start() does no I/O). */
  @Nullable InetSocketAddress proxy(@Nullable String value) {
    if (value == null || !AppenderSettings.isPresent(value)) {
      return null;
    }
    String text = value.trim();
    String rule = "must be host:port, such as proxy.example.com:3128 (no scheme, no user info)";
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || text.contains("/") || text.contains("@")) {
      throw invalid.of("proxy", text.contains("@") ? "(not shown: it has user info)" : text, rule);
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw invalid.of("proxy", text, rule);
    }
    if (port < 1 || port > 65_535 || host.isEmpty()) {
      throw invalid.of("proxy", text, rule);
    }
    return InetSocketAddress.createUnresolved(host, port);
  }

  /** Unset, blank or an undefined variable: no spool (the appender warns about the last). */
  @Nullable Path spoolDirectory(@Nullable String value) {
    if (value == null || !AppenderSettings.isPresent(value)) {
      return null;
    }
    try {
      return Paths.get(value.trim()).toAbsolutePath();
    } catch (InvalidPathException e) {
      throw invalid.of(
          "spoolDirectory",
          value,
          "is not a valid path here ("
              + e.getReason()
              + "); name a directory this process may create and write");
    }
  }

  static List<String> mdcKeys(@Nullable String value) {
    List<String> keys = new ArrayList<>();
    if (value != null) {
      for (String key : value.split(",", -1)) {
        String trimmed = key.trim();
        if (!trimmed.isEmpty() && !keys.contains(trimmed)) {
          keys.add(trimmed);
        }
      }
    }
    return Collections.unmodifiableList(keys);
  }
}
