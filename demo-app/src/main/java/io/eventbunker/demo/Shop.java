package io.eventbunker.demo;

import static io.eventbunker.logback.EventBunker.EVENT;
import static io.eventbunker.logback.EventBunker.field;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;

/**
 * The shop's business actions. Each tracks one event, showing one way of attaching fields: the
 * customer through MDC, fields through key-value pairs or {@code field(…)} arguments.
 */
@Service
class Shop {
  private static final Logger log = LoggerFactory.getLogger(Shop.class);
  private static final String CUSTOMER = "customer_identifier";

  /** Registers a customer; the event carries the new id as its {@code customer_identifier}. */
  String signUp(String email, String plan, String referrer) {
    String customerId = "cust-" + UUID.randomUUID().toString().substring(0, 8);
    try (MDC.MDCCloseable customer = MDC.putCloseable(CUSTOMER, customerId)) {
      log.info(
          EVENT,
          "signup_completed",
          field("plan", plan),
          field("email_domain", email.substring(email.indexOf('@') + 1)),
          field("referrer", referrer));
    }
    return customerId;
  }

  void upgrade(String customerId, String plan, int seats) {
    try (MDC.MDCCloseable customer = MDC.putCloseable(CUSTOMER, customerId)) {
      log.atInfo()
          .addMarker(EVENT)
          .addKeyValue("plan", plan)
          .addKeyValue("seats", seats)
          .log("plan_upgraded");
    }
  }

  String placeOrder(String customerId, BigDecimal amount, List<String> items, boolean gift) {
    String orderId = "ord-" + UUID.randomUUID().toString().substring(0, 8);
    try (MDC.MDCCloseable customer = MDC.putCloseable(CUSTOMER, customerId)) {
      log.info(
          EVENT,
          "order_placed",
          field("order_id", orderId),
          field("amount", amount),
          field("items", items),
          field("item_count", items.size()),
          field("gift", gift));
    }
    return orderId;
  }
}
