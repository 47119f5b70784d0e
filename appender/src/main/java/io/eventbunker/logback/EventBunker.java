package io.eventbunker.logback;

import io.eventbunker.core.EventField;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * What application code needs to log EventBunker events: the {@link #EVENT} marker and the {@link
 * #field(String, Object)} helper.
 *
 * <pre>{@code
 * import static io.eventbunker.logback.EventBunker.EVENT;
 * import static io.eventbunker.logback.EventBunker.field;
 *
 * log.info(EVENT, "order_placed", field("amount", 42.5), field("items", List.of("cat", "dog")));
 * }</pre>
 */
public final class EventBunker {

  /** The marker's name. Statements are matched by name, so code need not depend on this class. */
  public static final String EVENT_MARKER_NAME = "EVENT";

  /** Marks a log statement as an EventBunker event; its message template is the event name. */
  public static final Marker EVENT = MarkerFactory.getMarker(EVENT_MARKER_NAME);

  private EventBunker() {}

  /**
   * A field of the event, passed as an argument of the log statement. Never throws: a field the API
   * cannot carry makes the event rejected, with the reason reported.
   */
  public static EventField field(@Nullable String name, @Nullable Object value) {
    return EventField.of(name, value);
  }
}
