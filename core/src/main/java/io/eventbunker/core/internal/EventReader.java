package io.eventbunker.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * Reads one logging framework's event for {@link EventCapture}, on the logging thread while the
 * statement is being logged. Implementations read the event as it is and copy nothing: the capture
 * converts and keeps only what it sends.
 *
 * @param <E> the framework's event type
 */
public interface EventReader<E> {

  /** The message template, which becomes the event name; null or blank gets the event rejected. */
  @Nullable String eventName(E event);

  /** The statement's time, in milliseconds since the epoch. */
  long timestampMillis(E event);

  /** The value of the statement's context entry (MDC, ThreadContext) named {@code key}, or null. */
  @Nullable String contextValue(E event, String key);

  /**
   * Passes the statement's own fields to {@code sink}, in increasing precedence: a later field
   * overrides an earlier one with the same name.
   */
  void readFields(E event, FieldSink sink) throws RejectedEventException;

  /** Takes the fields an {@link EventReader} finds. */
  interface FieldSink {

    /** One field; a null value leaves it out, an unsupported one gets the event rejected. */
    void field(@Nullable String name, @Nullable Object value) throws RejectedEventException;
  }
}
