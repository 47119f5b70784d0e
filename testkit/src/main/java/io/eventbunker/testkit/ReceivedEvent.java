package io.eventbunker.testkit;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One event the receiver accepted. Field values keep the JSON types: {@code String}, {@code
 * Boolean}, a {@code Number} ({@code Integer}, {@code Long} or {@code BigInteger} for integers,
 * {@code Double} otherwise) or an unmodifiable {@code List} of those.
 */
public final class ReceivedEvent {
  private final String uniqueReqId;
  private final String name;
  private final Instant timestamp;
  private final @Nullable String customerIdentifier;
  private final Map<String, Object> fields;
  private final String rawJson;
  private final Instant receivedAt;

  ReceivedEvent(
      String uniqueReqId,
      String name,
      Instant timestamp,
      @Nullable String customerIdentifier,
      Map<String, Object> fields,
      String rawJson,
      Instant receivedAt) {
    this.uniqueReqId = uniqueReqId;
    this.name = name;
    this.timestamp = timestamp;
    this.customerIdentifier = customerIdentifier;
    this.fields = fields;
    this.rawJson = rawJson;
    this.receivedAt = receivedAt;
  }

  /** The {@code unique_req_id} the receiver answered with. */
  public String uniqueReqId() {
    return uniqueReqId;
  }

  /** The {@code event_name}. */
  public String name() {
    return name;
  }

  /**
   * The {@code timestamp} read as UTC, or {@link #receivedAt()} when the event had none, as the API
   * does.
   */
  public Instant timestamp() {
    return timestamp;
  }

  /** The {@code customer_identifier}, if the event had one. */
  public Optional<String> customerIdentifier() {
    return Optional.ofNullable(customerIdentifier);
  }

  /**
   * Every other field in the order sent: everything except {@code event_name}, {@code timestamp}
   * and {@code customer_identifier}. Unmodifiable.
   */
  public Map<String, Object> fields() {
    return fields;
  }

  /** The request body exactly as received. */
  public String rawJson() {
    return rawJson;
  }

  /** When the receiver recorded the event: the {@code time_recorded} it answered with. */
  public Instant receivedAt() {
    return receivedAt;
  }

  @Override
  public String toString() {
    return "ReceivedEvent{name="
        + name
        + ", timestamp="
        + timestamp
        + (customerIdentifier == null ? "" : ", customerIdentifier=" + customerIdentifier)
        + ", fields="
        + fields
        + ", uniqueReqId="
        + uniqueReqId
        + "}";
  }
}
