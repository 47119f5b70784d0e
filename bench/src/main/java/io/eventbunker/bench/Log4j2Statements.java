package io.eventbunker.bench;

import static io.eventbunker.bench.Statements.AMOUNT;
import static io.eventbunker.bench.Statements.AMOUNT_VALUE;
import static io.eventbunker.bench.Statements.CUSTOMER;
import static io.eventbunker.bench.Statements.ORDER_ID;
import static io.eventbunker.bench.Statements.PLAIN_MESSAGE;
import static io.eventbunker.bench.Statements.PLAN;
import static io.eventbunker.bench.Statements.PLAN_VALUE;
import static io.eventbunker.bench.Statements.TRIAL;
import static io.eventbunker.bench.Statements.TRIAL_VALUE;
import static io.eventbunker.log4j2.EventBunker.EVENT;
import static io.eventbunker.log4j2.EventBunker.field;

import org.apache.logging.log4j.Logger;

/**
 * {@link Statements}' statements through the Log4j2 API: the same event name, fields and values, so
 * that the Log4j2 rows compare with the Logback ones. A class of its own because the two APIs'
 * {@code EVENT} and {@code field} share their names.
 */
final class Log4j2Statements {
  private Log4j2Statements() {}

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
