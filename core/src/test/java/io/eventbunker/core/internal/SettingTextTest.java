package io.eventbunker.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SettingTextTest {
  private final SettingText text =
      new SettingText(new AppenderSettingsBuilder("EVENTBUNKER", TestSyntax.INSTANCE));

  @Test
  void sizesTakeLogbacksForms() {
    assertEquals(16L * 1024 * 1024, text.bytes("queueMaxBytes", "16MB", 1));
    assertEquals(64L * 1024, text.bytes("queueMaxBytes", " 64 kb ", 1));
    assertEquals(2L * 1024 * 1024 * 1024, text.bytes("queueMaxBytes", "2GB", 1));
    assertEquals(3L * 1024, text.bytes("queueMaxBytes", "3KBs", 1));
    assertEquals(500, text.bytes("queueMaxBytes", "500", 1), "a plain number is bytes");
  }

  @Test
  void durationsTakeLogbacksForms() {
    assertEquals(10_000, text.millis("shutdownTimeout", "10 seconds", 1));
    assertEquals(500, text.millis("shutdownTimeout", "500 milliseconds", 1));
    assertEquals(250, text.millis("shutdownTimeout", "250 millis", 1));
    assertEquals(60_000, text.millis("shutdownTimeout", "1 minute", 1));
    assertEquals(2 * 3_600_000, text.millis("shutdownTimeout", "2 Hours", 1));
    assertEquals(86_400_000, text.millis("shutdownTimeout", "1 day", 1));
    assertEquals(1500, text.millis("shutdownTimeout", "1.5 seconds", 1));
    assertEquals(750, text.millis("shutdownTimeout", "750", 1), "a plain number is milliseconds");
  }

  @Test
  void unsetIsTheDefault() {
    assertEquals(7, text.bytes("queueMaxBytes", null, 7));
    assertEquals(7, text.millis("shutdownTimeout", "  ", 7));
    assertEquals(7, text.integer("queueCapacity", "", 7));
    assertTrue(text.bool("consoleWarnings", null, true));
  }

  @Test
  void integersAndBooleans() {
    assertEquals(42, text.integer("queueCapacity", " 42 ", 1));
    assertEquals(-1, text.integer("queueCapacity", "-1", 1), "the range is the builder's to check");
    assertFalse(text.bool("consoleWarnings", "FALSE", true));
    assertTrue(text.bool("consoleWarnings", "true", false));
  }

  @Test
  void anUnreadableSizeNamesTheSettingTheValueAndTheForms() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () -> text.bytes("queueMaxBytes", "16 megs", 16L * 1024 * 1024));

    assertEquals(
        "EventBunker appender 'EVENTBUNKER' was not started: queueMaxBytes() is 16 megs but must be"
            + " a size such as 16MB, 64KB or 1GB, or a number of bytes (default 16MB). Fix"
            + " queueMaxBytes() in the test, or the matching eventbunker.* property.",
        e.getMessage());
    assertFalse(e.isMissingWriteKey());
  }

  @Test
  void anUnreadableDurationNamesTheSettingTheValueAndTheForms() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () -> text.millis("shutdownTimeout", "${sys:undefined}", 15_000));

    assertTrue(
        e.getMessage()
            .contains(
                "shutdownTimeout() is ${sys:undefined} but must be a duration such as 500"
                    + " milliseconds, 10 seconds or 5 minutes, or a number of milliseconds"
                    + " (default 15 seconds)"),
        e.getMessage());
  }

  @Test
  void negativeAndOverflowingValuesAreErrorsNotWrapArounds() {
    assertThrows(InvalidSettingException.class, () -> text.bytes("maxSpoolBytes", "-1", 1));
    InvalidSettingException tooLarge =
        assertThrows(
            InvalidSettingException.class,
            () -> text.bytes("maxSpoolBytes", "99999999999999GB", 1));
    assertTrue(tooLarge.getMessage().contains("is too large"), tooLarge.getMessage());
    assertThrows(
        InvalidSettingException.class,
        () -> text.millis("retryTimeout", "999999999999999999 days", 1));
    assertThrows(
        InvalidSettingException.class, () -> text.integer("queueCapacity", "99999999999", 1));
  }

  @Test
  void wordsThatAreNotNumbersOrBooleansAreErrors() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class, () -> text.bool("consoleWarnings", "yes", true));
    assertTrue(
        e.getMessage()
            .contains("consoleWarnings() is yes but must be true or false (default true)"),
        e.getMessage());
    InvalidSettingException n =
        assertThrows(
            InvalidSettingException.class, () -> text.integer("queueCapacity", "10k", 10_000));
    assertTrue(
        n.getMessage()
            .contains("queueCapacity() is 10k but must be a whole number (default 10000)"),
        n.getMessage());
  }
}
