package io.eventbunker.logback;

import org.jspecify.annotations.Nullable;

/**
 * A named value attached to an event as a log statement argument. Created with {@link
 * EventBunker#field(String, Object)}.
 */
public final class EventField {
  private final @Nullable String name;
  private final @Nullable Object value;

  EventField(@Nullable String name, @Nullable Object value) {
    this.name = name;
    this.value = value;
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
