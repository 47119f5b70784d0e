package io.eventbunker.log4j2;

import io.eventbunker.core.EventField;
import io.eventbunker.core.internal.EventReader;
import io.eventbunker.core.internal.RejectedEventException;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.message.FlowMessage;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ObjectArrayMessage;
import org.apache.logging.log4j.message.ObjectMessage;
import org.apache.logging.log4j.util.IndexedReadOnlyStringMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads Log4j2's events for the core: the message template is the event name; fields come from a
 * {@link MapMessage}'s entries, then from {@link EventField} arguments. Reads only what Log4j2
 * holds already: nothing is formatted, and no user object's {@code toString()} is called.
 */
final class Log4j2EventReader implements EventReader<LogEvent> {

  /** A MapMessage has no template: this entry, when it is a string, names the event instead. */
  static final String MAP_MESSAGE_NAME_KEY = "message";

  /**
   * Whether the statement carries the EVENT marker, by name or as a parent: what SLF4J's markers
   * become through log4j-slf4j2-impl too. Allocates nothing: every statement pays for it.
   */
  static boolean isEvent(LogEvent event) {
    Marker marker = event.getMarker();
    return marker != null
        && (EventBunker.EVENT_MARKER_NAME.equals(marker.getName())
            || marker.isInstanceOf(EventBunker.EVENT_MARKER_NAME));
  }

  /**
   * {@code getFormat()} is deprecated since Log4j 2.24 for its uneven meaning across message types,
   * but it is the only way to a statement's template: the types whose getFormat() is not one are
   * ruled out here.
   */
  @Override
  @SuppressWarnings("deprecation")
  public @Nullable String eventName(LogEvent event) {
    Message message = event.getMessage();
    if (message == null
        // Their getFormat() is the formatted object: its toString(), never a template.
        || message instanceof ObjectMessage
        || message instanceof ObjectArrayMessage
        // Their getFormat() wraps the getFormat() of what they carry, objects included.
        || message instanceof FlowMessage) {
      return null;
    }
    String format = message.getFormat();
    if (message instanceof MapMessage && (format == null || format.isEmpty())) {
      return mapMessageName((MapMessage<?, ?>) message);
    }
    return format;
  }

  private static @Nullable String mapMessageName(MapMessage<?, ?> message) {
    Object name = message.getIndexedReadOnlyStringMap().getValue(MAP_MESSAGE_NAME_KEY);
    return name instanceof String ? (String) name : null;
  }

  @Override
  public long timestampMillis(LogEvent event) {
    return event.getTimeMillis();
  }

  /** A ThreadContext entry; only strings, as ThreadContext holds (never another object's text). */
  @Override
  public @Nullable String contextValue(LogEvent event, String key) {
    Object value = event.getContextData().getValue(key);
    return value instanceof String ? (String) value : null;
  }

  @Override
  public void readFields(LogEvent event, FieldSink sink) throws RejectedEventException {
    Message message = event.getMessage();
    if (message instanceof MapMessage) {
      // Its parameters are its values again: the entries are all it has.
      readEntries((MapMessage<?, ?>) message, sink);
      return;
    }
    if (message == null) {
      return;
    }
    Object[] parameters = message.getParameters();
    if (parameters != null) {
      for (Object parameter : parameters) {
        if (parameter instanceof EventField) {
          EventField field = (EventField) parameter;
          sink.field(field.name(), field.value());
        }
      }
    }
  }

  @SuppressWarnings("deprecation") // getFormat(): see eventName
  private static void readEntries(MapMessage<?, ?> message, FieldSink sink)
      throws RejectedEventException {
    String format = message.getFormat();
    boolean named = format == null || format.isEmpty();
    IndexedReadOnlyStringMap entries = message.getIndexedReadOnlyStringMap();
    for (int i = 0; i < entries.size(); i++) {
      String key = entries.getKeyAt(i);
      if (named && MAP_MESSAGE_NAME_KEY.equals(key)) {
        continue; // it is the event's name already
      }
      Object value = entries.getValueAt(i);
      sink.field(key, value);
    }
  }
}
