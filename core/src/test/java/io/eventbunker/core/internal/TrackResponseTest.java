package io.eventbunker.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TrackResponseTest {
  @Test
  void receiptIsReadFromTheDocumentedBody() {
    TrackResponse receipt =
        TrackResponse.receipt(
            "{\"unique_req_id\": \"0af5d5608900000c7d813a3000000001\", \"extra\": [1, {\"a\": 2}],"
                + " \"time_recorded\": 1624910874832}");

    assertEquals("0af5d5608900000c7d813a3000000001", receipt.uniqueRequestId);
    assertEquals(1624910874832L, receipt.timeRecorded);
  }

  @Test
  void unreadableReceiptIsEmpty() {
    assertNull(TrackResponse.receipt("<html>ok</html>").uniqueRequestId);
  }

  @Test
  void retryAfterInSeconds() {
    assertEquals(TimeUnit.SECONDS.toNanos(7), TrackResponse.retryAfterNanos(" 7 ", 0));
  }

  @Test
  void retryAfterAsAnHttpDate() {
    ZonedDateTime now = ZonedDateTime.of(2026, 11, 26, 12, 0, 0, 0, ZoneOffset.UTC);
    String in30Seconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(30));

    assertEquals(
        TimeUnit.SECONDS.toNanos(30),
        TrackResponse.retryAfterNanos(in30Seconds, now.toInstant().toEpochMilli()));
  }

  @Test
  void missingOrUnreadableRetryAfterIsNegative() {
    assertEquals(-1, TrackResponse.retryAfterNanos(null, 0));
    assertEquals(-1, TrackResponse.retryAfterNanos("soon", 0));
  }

  @Test
  void errorMessagesAreShortenedOnOneLine() {
    assertEquals("(empty body)", TrackResponse.errorMessage(""));
    assertEquals("a b", TrackResponse.errorMessage(" a\n  b "));
    assertEquals(301, TrackResponse.errorMessage("x".repeat(1000)).length());
  }
}
