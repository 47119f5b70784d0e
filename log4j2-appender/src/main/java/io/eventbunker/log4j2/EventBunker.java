package io.eventbunker.log4j2;

import io.eventbunker.core.EventField;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.MarkerManager;
import org.jspecify.annotations.Nullable;

/**
 * What application code needs to log EventBunker events through Log4j2: the {@link #EVENT} marker
 * and the {@link #field(String, Object)} helper.
 *
 * <pre>{@code
 * import static io.eventbunker.log4j2.EventBunker.EVENT;
 * import static io.eventbunker.log4j2.EventBunker.field;
 *
 * log.info(EVENT, "order_placed", field("amount", 42.5), field("items", List.of("cat", "dog")));
 * }</pre>
 *
 * <p>Code that logs through SLF4J uses {@code MarkerFactory.getMarker("EVENT")}: the marker is
 * matched by name.
 */
public final class EventBunker {

  /** The marker's name. Statements are matched by name, so code need not depend on this class. */
  public static final String EVENT_MARKER_NAME = "EVENT";

  /** Marks a log statement as an EventBunker event; its message template is the event name. */
  public static final Marker EVENT = MarkerManager.getMarker(EVENT_MARKER_NAME);

  private EventBunker() {}

  /**
   * A field of the event, passed as an argument of the log statement. Never throws: a field the API
   * cannot carry makes the event rejected, with the reason reported.
   */
  public static EventField field(@Nullable String name, @Nullable Object value) {
    return EventField.of(name, value);
  }
}
