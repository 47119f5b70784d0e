package io.eventbunker.testkit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A complete HTTP response, built before it is sent so it can be sent later. */
final class Response {
  private static final String JSON = "application/json";

  final int status;
  final String contentType;
  final byte[] body;
  final Map<String, String> headers;

  private Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
    this.headers = headers;
  }

  static Response json(int status, byte[] body) {
    return new Response(status, JSON, body, Map.of());
  }

  static Response error(int status, String error, @Nullable String details) {
    return json(status, Json.error(error, details));
  }

  static Response text(int status, String contentType, String body) {
    return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  static Response bytes(int status, String contentType, byte[] body) {
    return new Response(status, contentType, body, Map.of());
  }

  Response withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Response(status, contentType, body, more);
  }
}
