package io.eventbunker.core;

import org.jspecify.annotations.Nullable;

/**
 * A named value attached to an event as a log statement argument. Created with {@code
 * EventBunker.field(name, value)} of the appender in use, or {@link #of}.
 */
public final class EventField {
  private final @Nullable String name;
  private final @Nullable Object value;

  private EventField(@Nullable String name, @Nullable Object value) {
    this.name = name;
    this.value = value;
  }

  /**
   * A field of the event, passed as an argument of the log statement; each appender's {@code
   * EventBunker.field} calls this. Never throws: a field the API cannot carry makes the event
   * rejected, with the reason reported.
   */
  public static EventField of(@Nullable String name, @Nullable Object value) {
    return new EventField(name, value);
  }

  /** The field's name, as sent; may be null, which gets the event rejected. */
  public @Nullable String name() {
    return name;
  }

  /** The field's value as given; converted when the statement is logged. */
  public @Nullable Object value() {
    return value;
  }

  /** Readable in other appenders' output, for statements whose template formats arguments. */
  @Override
  public String toString() {
    return name + "=" + value;
  }
}
