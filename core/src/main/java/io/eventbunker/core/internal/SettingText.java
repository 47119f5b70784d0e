package io.eventbunker.core.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads settings that a framework hands over as text (Log4j2's attributes) in the forms logback.xml
 * takes: sizes such as {@code 16MB} or {@code 64 KB}, durations such as {@code 10 seconds} or
 * {@code 500 milliseconds}, a plain number being bytes or milliseconds. So one README table serves
 * every appender. Unset text (null or blank) is the default; anything else that does not read is an
 * {@link InvalidSettingException} naming the setting, the value and the forms it takes.
 */
public final class SettingText {
  /** Logback's FileSize forms: a whole number, then nothing, KB, MB or GB (an "s" allowed). */
  private static final Pattern SIZE =
      Pattern.compile("([0-9]+)\\s*(|kb|mb|gb)s?", Pattern.CASE_INSENSITIVE);

  /** Logback's Duration forms: a number, decimals allowed, then a unit or nothing (millis). */
  private static final Pattern DURATION =
      Pattern.compile(
          "([0-9]*\\.?[0-9]+)\\s*(|milli|millisecond|second|minute|hour|day)s?",
          Pattern.CASE_INSENSITIVE);

  private static final String SIZE_RULE =
      "must be a size such as 16MB, 64KB or 1GB, or a number of bytes";
  private static final String DURATION_RULE =
      "must be a duration such as 500 milliseconds, 10 seconds or 5 minutes, or a number of"
          + " milliseconds";

  private final AppenderSettingsBuilder errors;

  /** Reports errors worded as {@code errors} words them: its appender and its file's syntax. */
  public SettingText(AppenderSettingsBuilder errors) {
    this.errors = errors;
  }

  /** A size in bytes, or {@code defaultBytes} when unset. */
  public long bytes(String setting, @Nullable String text, long defaultBytes) {
    String value = trimmed(text);
    if (value == null) {
      return defaultBytes;
    }
    Matcher m = SIZE.matcher(value);
    if (!m.matches()) {
      throw invalid(setting, value, SIZE_RULE, size(defaultBytes));
    }
    long unit = sizeUnit(m.group(2));
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    } catch (ArithmeticException | NumberFormatException tooLarge) {
      throw invalid(setting, value, "is too large: " + SIZE_RULE, size(defaultBytes));
    }
  }

  /** A duration in milliseconds, or {@code defaultMillis} when unset. */
  public long millis(String setting, @Nullable String text, long defaultMillis) {
    String value = trimmed(text);
    if (value == null) {
      return defaultMillis;
    }
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw invalid(setting, value, DURATION_RULE, duration(defaultMillis));
    }
    try {
      return new BigDecimal(m.group(1))
          .multiply(BigDecimal.valueOf(durationUnit(m.group(2))))
          .setScale(0, RoundingMode.HALF_UP)
          .longValueExact();
    } catch (ArithmeticException tooLarge) {
      throw invalid(setting, value, "is too large: " + DURATION_RULE, duration(defaultMillis));
    }
  }

  /** A whole number, or {@code defaultValue} when unset. */
  public int integer(String setting, @Nullable String text, int defaultValue) {
    String value = trimmed(text);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw invalid(setting, value, "must be a whole number", String.valueOf(defaultValue));
    }
  }

  /** {@code true} or {@code false} in any case, or {@code defaultValue} when unset. */
  public boolean bool(String setting, @Nullable String text, boolean defaultValue) {
    String value = trimmed(text);
    if (value == null) {
      return defaultValue;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (!lower.equals("true") && !lower.equals("false")) {
      // Not Boolean.parseBoolean: "yes" or "on" would silently be false.
      throw invalid(setting, value, "must be true or false", String.valueOf(defaultValue));
    }
    return lower.equals("true");
  }

  /** The text without blanks around it, or null when there is none. */
  private static @Nullable String trimmed(@Nullable String text) {
    if (text == null || text.trim().isEmpty()) {
      return null;
    }
    return text.trim();
  }

  private InvalidSettingException invalid(
      String setting, String value, String rule, String defaultValue) {
    return errors.invalid(setting, value, rule + " (default " + defaultValue + ")");
  }

  private static long sizeUnit(String unit) {
    switch (unit.toLowerCase(Locale.ROOT)) {
      case "kb":
        return 1024L;
      case "mb":
        return 1024L * 1024;
      case "gb":
        return 1024L * 1024 * 1024;
      default:
        return 1;
    }
  }

  private static long durationUnit(String unit) {
    switch (unit.toLowerCase(Locale.ROOT)) {
      case "second":
        return 1000L;
      case "minute":
        return 60_000L;
      case "hour":
        return 3_600_000L;
      case "day":
        return 86_400_000L;
      default:
        return 1; // nothing, milli or millisecond
    }
  }

  /** A default as the user would write it. */
  static String size(long bytes) {
    if (bytes > 0 && bytes % (1024L * 1024) == 0) {
      return bytes / (1024L * 1024) + "MB";
    }
    if (bytes > 0 && bytes % 1024 == 0) {
      return bytes / 1024 + "KB";
    }
    return String.valueOf(bytes);
  }

  static String duration(long millis) {
    if (millis > 0 && millis % 60_000 == 0) {
      return millis / 60_000 + (millis == 60_000 ? " minute" : " minutes");
    }
    if (millis > 0 && millis % 1000 == 0) {
      return millis / 1000 + (millis == 1000 ? " second" : " seconds");
    }
    return millis + " milliseconds";
  }
}
