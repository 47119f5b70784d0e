package io.eventbunker.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads JSON into maps and lists for assertions; tests need no databind for that. */
final class TestJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private TestJson() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String json) {
    try (JsonParser parser = FACTORY.createParser(json)) {
      Object value = read(parser, parser.nextToken());
      if (parser.nextToken() != null) {
        throw new AssertionError("more than one JSON value in: " + json);
      }
      return (Map<String, Object>) value;
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }

  private static Object read(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        Map<String, Object> members = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          members.put(name, read(parser, parser.nextToken()));
        }
        return members;
      case START_ARRAY:
        List<Object> elements = new ArrayList<>();
        for (JsonToken next = parser.nextToken();
            next != JsonToken.END_ARRAY;
            next = parser.nextToken()) {
          elements.add(read(parser, next));
        }
        return elements;
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return parser.getNumberValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDecimalValue();
      case VALUE_TRUE:
        return true;
      case VALUE_FALSE:
        return false;
      default:
        return null;
    }
  }
}
