package io.eventbunker.contract;

import io.eventbunker.core.EventField;
import org.jspecify.annotations.Nullable;

/**
 * One row of the README's "Field values" table: the fields of an event named {@code values}, and
 * either the fields the body must end with or the reason the event must be rejected for.
 */
public final class FieldValueRow {
  private final String row;
  private final EventField[] fields;
  private final @Nullable String sentFields;
  private final @Nullable String rejection;

  private FieldValueRow(
      String row, EventField[] fields, @Nullable String sentFields, @Nullable String rejection) {
    this.row = row;
    this.fields = fields;
    this.sentFields = sentFields;
    this.rejection = rejection;
  }

  /** A row whose event is sent with {@code sentFields} (single-quoted JSON) after the envelope. */
  static FieldValueRow sent(String row, String sentFields, EventField... fields) {
    return new FieldValueRow(row, fields, sentFields, null);
  }

  /** A row whose event is rejected, with a reason that contains {@code rejection}. */
  static FieldValueRow rejected(String row, String rejection, EventField... fields) {
    return new FieldValueRow(row, fields, null, rejection);
  }

  /** The statement's arguments. */
  public Object[] arguments() {
    return fields.clone();
  }

  /** The whole body expected (single-quoted), or null when the event is to be rejected. */
  public @Nullable String expectedBody() {
    return sentFields == null
        ? null
        : "{'event_name':'values','timestamp':'" + SentBody.TIMESTAMP + "'," + sentFields + "}";
  }

  /** What the reason of the rejection must contain, or null when the event is to be sent. */
  public @Nullable String rejection() {
    return rejection;
  }

  /** The row, as the test's display name. */
  @Override
  public String toString() {
    return row;
  }
}
