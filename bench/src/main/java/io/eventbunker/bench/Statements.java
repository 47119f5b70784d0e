package io.eventbunker.bench;

import static io.eventbunker.logback.EventBunker.EVENT;
import static io.eventbunker.logback.EventBunker.field;

import org.slf4j.Logger;

/** The statements every variant logs, written once so that no variant logs a cheaper one. */
final class Statements {
  static final String EVENT_NAME = "order_placed";

  private Statements() {}

  /** An EVENT statement with five fields of the common types. */
  static void event(Logger log, String name, String customer, long orderId) {
    log.info(
        EVENT,
        name,
        field("customer_identifier", customer),
        field("order_id", orderId),
        field("plan", "pro"),
        field("amount", 42.5),
        field("trial", false));
  }

  /** An ordinary statement: no marker, two arguments. */
  static void plain(Logger log, String customer, long orderId) {
    log.info("order {} placed by {}", orderId, customer);
  }
}
