package io.eventbunker.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.eventbunker.core.EventField;
import io.eventbunker.core.internal.EventReader;
import io.eventbunker.core.internal.RejectedEventException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * Reads logback's events for the core: the template is the event name, fields come from SLF4J
 * key-value pairs, then from {@link EventField} arguments.
 */
final class LogbackEventReader implements EventReader<ILoggingEvent> {

  /** Whether the statement carries the EVENT marker, directly or as a reference of another. */
  static boolean isEvent(ILoggingEvent event) {
    List<Marker> markers = event.getMarkerList();
    if (markers == null) {
      return false;
    }
    for (int i = 0; i < markers.size(); i++) {
      Marker marker = markers.get(i);
      if (EventBunker.EVENT_MARKER_NAME.equals(marker.getName())
          || marker.contains(EventBunker.EVENT_MARKER_NAME)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public @Nullable String eventName(ILoggingEvent event) {
    return event.getMessage();
  }

  @Override
  public long timestampMillis(ILoggingEvent event) {
    return event.getTimeStamp();
  }

  /**
   * A LoggerContext created by hand has no MDC adapter, and logback then throws instead of
   * answering "no MDC": such statements are still events, without MDC values.
   */
  @Override
  public @Nullable String contextValue(ILoggingEvent event, String key) {
    Map<String, String> mdc;
    try {
      mdc = event.getMDCPropertyMap();
    } catch (NullPointerException noMdcAdapter) {
      return null;
    }
    return mdc == null ? null : mdc.get(key);
  }

  @Override
  public void readFields(ILoggingEvent event, FieldSink sink) throws RejectedEventException {
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs != null) {
      for (int i = 0; i < pairs.size(); i++) {
        KeyValuePair pair = pairs.get(i);
        sink.field(pair.key, pair.value);
      }
    }
    Object[] arguments = event.getArgumentArray();
    if (arguments != null) {
      for (Object argument : arguments) {
        if (argument instanceof EventField) {
          EventField field = (EventField) argument;
          sink.field(field.name(), field.value());
        }
      }
    }
  }
}
