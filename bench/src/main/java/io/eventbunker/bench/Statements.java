package io.eventbunker.bench;

import static io.eventbunker.logback.EventBunker.EVENT;
import static io.eventbunker.logback.EventBunker.field;

import org.slf4j.Logger;

/**
 * The statements every variant logs, written once so that no variant logs a cheaper one. Their
 * field names and constant values are shared with {@link Log4j2Statements}, so the Logback and
 * Log4j2 rows log the same event.
 */
final class Statements {
  static final String EVENT_NAME = "order_placed";
  static final String CUSTOMER = "customer_identifier";
  static final String ORDER_ID = "order_id";
  static final String PLAN = "plan";
  static final String PLAN_VALUE = "pro";
  static final String AMOUNT = "amount";
  static final double AMOUNT_VALUE = 42.5;
  static final String TRIAL = "trial";
  static final boolean TRIAL_VALUE = false;
  static final String PLAIN_MESSAGE = "order {} placed by {}";

  private Statements() {}

  /** An EVENT statement with five fields of the common types. */
  static void event(Logger log, String name, String customer, long orderId) {
    log.info(
        EVENT,
        name,
        field(CUSTOMER, customer),
        field(ORDER_ID, orderId),
        field(PLAN, PLAN_VALUE),
        field(AMOUNT, AMOUNT_VALUE),
        field(TRIAL, TRIAL_VALUE));
  }

  /** An ordinary statement: no marker, two arguments. */
  static void plain(Logger log, String customer, long orderId) {
    log.info(PLAIN_MESSAGE, orderId, customer);
  }
}
