package io.eventbunker.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;

/**
 * A request body as the receiver got it, for comparing with the bodies the suite expects byte for
 * byte. The statement's time differs from run to run, so its value is checked for the API's format
 * and replaced by {@value #TIMESTAMP}; every other byte is compared as sent.
 *
 * <p>Expected bodies are written with single quotes for JSON's double quotes, which keeps them
 * readable in Java 11 string literals: {@code {'event_name':'e','timestamp':'<timestamp>'}}. No
 * expected value contains a single quote.
 */
public final class SentBody {
  /** What an expected body has in place of the statement's time. */
  public static final String TIMESTAMP = "<timestamp>";

  // The envelope comes first, in this order, in every body: the name, then the time.
  private static final Pattern ENVELOPE =
      Pattern.compile("^\\{\"event_name\":\"(?:[^\"\\\\]|\\\\.)*\",\"timestamp\":\"([^\"]*)\"");
  private static final Pattern API_TIMESTAMP =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}");

  private final String normalized;
  private final LocalDateTime timestamp;

  private SentBody(String normalized, LocalDateTime timestamp) {
    this.normalized = normalized;
    this.timestamp = timestamp;
  }

  /**
   * Reads {@code raw}, failing the test unless it begins with {@code event_name} and a {@code
   * timestamp} in the API's format ({@code 2021-06-26T14:48:00.000}).
   */
  public static SentBody of(String raw) {
    Matcher envelope = ENVELOPE.matcher(raw);
    if (!envelope.find()) {
      return Assertions.fail("the body does not begin with event_name and timestamp: " + raw);
    }
    String time = envelope.group(1);
    if (!API_TIMESTAMP.matcher(time).matches()) {
      return Assertions.fail("the timestamp is not in the API's format: " + raw);
    }
    String normalized =
        raw.substring(0, envelope.start(1)) + TIMESTAMP + raw.substring(envelope.end(1));
    return new SentBody(normalized, LocalDateTime.parse(time));
  }

  /** {@code singleQuoted} with JSON's double quotes in place of its single quotes. */
  public static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  /** Asserts that this body is {@code expectedSingleQuoted}, byte for byte. */
  public void assertIs(String expectedSingleQuoted) {
    assertEquals(json(expectedSingleQuoted), normalized);
  }

  /** The body with its timestamp replaced by {@value #TIMESTAMP}. */
  public String normalized() {
    return normalized;
  }

  /** The statement's time as sent: UTC, without a zone. */
  public LocalDateTime timestamp() {
    return timestamp;
  }

  @Override
  public String toString() {
    return normalized;
  }
}
