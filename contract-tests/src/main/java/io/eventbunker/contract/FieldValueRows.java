package io.eventbunker.contract;

import static io.eventbunker.contract.FieldValueRow.rejected;
import static io.eventbunker.contract.FieldValueRow.sent;

import io.eventbunker.core.EventField;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.CharBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** The README's "Field values" table, row by row, in its order. */
public final class FieldValueRows {
  private static final Instant INSTANT = Instant.parse("2024-05-01T10:15:30.123Z");

  private FieldValueRows() {}

  /** Fresh values on every call: some rows hold mutable ones. */
  @SuppressWarnings("JavaUtilDate") // users log Dates and Calendars: the table says how they go
  public static Stream<FieldValueRow> rows() {
    Calendar inTokyo = new GregorianCalendar(TimeZone.getTimeZone("Asia/Tokyo"));
    inTokyo.setTimeInMillis(INSTANT.toEpochMilli());
    return Stream.of(
        sent(
            "String, Character, CharSequence, UUID, URI: string",
            "'s':'text','c':'x','cs':'built','id':'123e4567-e89b-12d3-a456-426614174000',"
                + "'uri':'https://eventbunker.io/p?q=1'",
            field("s", "text"),
            field("c", 'x'),
            field("cs", CharBuffer.wrap("built")),
            field("id", UUID.fromString("123e4567-e89b-12d3-a456-426614174000")),
            field("uri", URI.create("https://eventbunker.io/p?q=1"))),
        sent(
            "strings as they are, JSON-escaped",
            "'text':'tab\\t quote\\\" \u00e9 \\u0001 \\uD800'",
            field("text", "tab\t quote\" \u00e9 \u0001 \uD800")),
        sent(
            "Integer, Long, Short, Byte, BigInteger, AtomicInteger, AtomicLong: integer",
            "'i':42,'l':9007199254740993,'sh':7,'b':-8,'bi':123456789012345678901234567890,"
                + "'ai':3,'al':4",
            field("i", 42),
            field("l", 9_007_199_254_740_993L),
            field("sh", (short) 7),
            field("b", (byte) -8),
            field("bi", new BigInteger("123456789012345678901234567890")),
            field("ai", new AtomicInteger(3)),
            field("al", new AtomicLong(4))),
        sent(
            "Double, Float (finite): number",
            "'d':42.5,'f':0.25,'whole':3.0",
            field("d", 42.5),
            field("f", 0.25f),
            field("whole", 3.0)),
        sent(
            "BigDecimal: number, written plainly",
            "'plain':1000,'cents':19.90",
            field("plain", new BigDecimal("1E+3")),
            field("cents", new BigDecimal("19.90"))),
        sent(
            "Boolean, AtomicBoolean: boolean",
            "'yes':true,'no':false",
            field("yes", true),
            field("no", new AtomicBoolean(false))),
        sent("Enum: its name()", "'plan':'PRO'", field("plan", Plan.PRO)),
        sent(
            "Instant, Date, Calendar, OffsetDateTime, ZonedDateTime: the API's format, UTC",
            "'instant':'2024-05-01T10:15:30.123','date':'2024-05-01T10:15:30.123',"
                + "'calendar':'2024-05-01T10:15:30.123','offset':'2024-05-01T10:15:30.123',"
                + "'zoned':'2024-05-01T10:15:30.123'",
            field("instant", INSTANT),
            field("date", Date.from(INSTANT)),
            field("calendar", inTokyo),
            field("offset", INSTANT.atOffset(ZoneOffset.ofHours(2))),
            field("zoned", INSTANT.atZone(ZoneId.of("America/New_York")))),
        sent(
            "LocalDate, LocalDateTime, LocalTime, other java.time values, Duration, Period: ISO-8601",
            "'day':'2024-05-01','local':'2024-05-01T10:15:30','time':'10:15','month':'2024-05',"
                + "'took':'PT1.5S','trial':'P3D'",
            field("day", LocalDate.of(2024, 5, 1)),
            field("local", LocalDateTime.of(2024, 5, 1, 10, 15, 30)),
            field("time", LocalTime.of(10, 15)),
            field("month", YearMonth.of(2024, 5)),
            field("took", Duration.ofMillis(1500)),
            field("trial", Period.ofDays(3))),
        sent(
            "arrays (also primitive) and Collections: array, null elements left out",
            "'ints':[1,2],'chars':['h','i'],'names':['a','b'],'list':['cat','dog'],'set':[3,1],"
                + "'mixed':['x',2.5,false],'times':['2024-05-01T10:15:30.123'],'empty':[]",
            field("ints", new int[] {1, 2}),
            field("chars", new char[] {'h', 'i'}),
            field("names", new String[] {"a", null, "b"}),
            field("list", List.of("cat", "dog")),
            field("set", new LinkedHashSet<>(List.of(3, 1))),
            field("mixed", Arrays.asList("x", null, 2.5, false)),
            field("times", List.of(INSTANT)),
            field("empty", List.of())),
        sent("null: the field is left out", "'kept':1", field("missing", null), field("kept", 1)),
        rejected(
            "NaN: rejected",
            "field 'ratio' is NaN, which JSON cannot carry",
            field("ratio", Double.NaN)),
        rejected(
            "+Infinity: rejected",
            "field 'ratio' is Infinity, which JSON cannot carry",
            field("ratio", Double.POSITIVE_INFINITY)),
        rejected(
            "-Infinity: rejected",
            "field 'ratio' is -Infinity, which JSON cannot carry",
            field("ratio", Float.NEGATIVE_INFINITY)),
        rejected(
            "Map: rejected, with the field and type named",
            "field 'address' has type java.util.HashMap; EventBunker events are flat",
            field("address", new HashMap<>(Map.of("city", "Oslo")))),
        rejected(
            "arrays of arrays: rejected, with the field named",
            "field 'matrix' is an array of arrays or maps",
            field("matrix", new int[][] {{1, 2}})),
        rejected(
            "any other object: rejected, with the field and type named, toString() never called",
            "field 'user' has type " + Unconvertible.class.getName() + "; pass a string",
            field("user", new Unconvertible())),
        rejected(
            "a field named event_name: rejected",
            "field 'event_name' is reserved",
            field("event_name", "other")),
        rejected(
            "a field named timestamp: rejected",
            "field 'timestamp' is reserved",
            field("timestamp", INSTANT)),
        rejected("a field with no name: rejected", "a field has no name", field(null, 1)),
        rejected("a field with an empty name: rejected", "a field has no name", field("", 1)),
        rejected(
            "an event larger than maxEventBytes: rejected",
            "the event is larger than maxEventBytes (65536 bytes)",
            field("text", "x".repeat(70_000))));
  }

  private static EventField field(@Nullable String name, @Nullable Object value) {
    return EventField.of(name, value);
  }

  /** Its toString() must never be called: it may be slow, throw, or loop, on a logging thread. */
  static final class Unconvertible {
    @Override
    public String toString() {
      throw new AssertionError("the appender called toString() of a field value");
    }
  }

  /** An enum whose toString() is not its name, to prove which of the two is sent. */
  enum Plan {
    PRO {
      @Override
      public String toString() {
        return "Professional";
      }
    }
  }
}
