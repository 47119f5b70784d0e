package io.eventbunker.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * How a statement becomes an event: the README's "Log events" section, each case held to the exact
 * bytes the receiver gets.
 */
public abstract class EventMappingContract extends ContractBase {

  protected EventMappingContract(AdapterDriver driver) {
    super(driver);
  }

  @Test
  void theEventIsNamedByTheTemplateNotTheFormattedMessage() {
    appender.start();
    log.info(EVENT, "user {} signed up", "bob");

    appender.assertSent("{'event_name':'user {} signed up','timestamp':'<timestamp>'}");
  }

  @Test
  void theTimestampIsTheStatementsTimeInUtcWhateverTheJvmsZone() {
    assertFalse(
        TimeZone.getDefault().getRawOffset() == 0,
        "run the suite in a zone away from UTC (surefire's -Duser.timezone) to prove this");
    appender.start();
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    log.info(EVENT, "signup_completed");
    Instant after = Instant.now();

    SentBody body = appender.onlyBody();
    body.assertIs("{'event_name':'signup_completed','timestamp':'<timestamp>'}");
    Instant sent = body.timestamp().toInstant(ZoneOffset.UTC);
    assertTrue(
        !sent.isBefore(before) && !sent.isAfter(after),
        "sent " + sent + ", logged between " + before + " and " + after);
  }

  @Test
  void theCustomerIdentifierComesFromTheContextAtTheStatement() {
    appender.start();
    appender.driver().putContext("customer_identifier", "cust-42");
    log.info(EVENT, "signup_completed");
    appender.driver().clearContext();
    log.info(EVENT, "browsed");

    appender.assertSent(
        "{'event_name':'signup_completed','timestamp':'<timestamp>','customer_identifier':'cust-42'}",
        "{'event_name':'browsed','timestamp':'<timestamp>'}");
  }

  @Test
  void aCustomerIdentifierFieldWinsOverTheContext() {
    appender.start();
    appender.driver().putContext("customer_identifier", "from-context");
    log.info(EVENT, "signup_completed", field("customer_identifier", "from-field"));

    appender.assertSent(
        "{'event_name':'signup_completed','timestamp':'<timestamp>',"
            + "'customer_identifier':'from-field'}");
  }

  @Test
  void customerIdentifierMdcKeyNamesTheContextEntry() {
    appender.start(Map.of("customerIdentifierMdcKey", "userId"));
    appender.driver().putContext("userId", "u-7");
    appender.driver().putContext("customer_identifier", "not-this-one");
    log.info(EVENT, "signup_completed");

    appender.assertSent(
        "{'event_name':'signup_completed','timestamp':'<timestamp>','customer_identifier':'u-7'}");
  }

  @Test
  void contextEntriesListedInMdcKeysBecomeStringFieldsInThatOrder() {
    appender.start(Map.of("mdcKeys", "tenant, region"));
    appender.driver().putContext("region", "eu");
    appender.driver().putContext("tenant", "acme");
    appender.driver().putContext("secret", "not-listed");
    log.info(EVENT, "signup_completed");

    appender.assertSent(
        "{'event_name':'signup_completed','timestamp':'<timestamp>','tenant':'acme','region':'eu'}");
  }

  /**
   * Logback passes SLF4J key-value pairs with their types. log4j-slf4j2-impl turns them into string
   * ThreadContext entries, so an adapter behind it sends only those listed in mdcKeys, as strings:
   * the README's documented difference.
   */
  @Test
  void keyValuePairsBecomeFields() {
    appender.start(Map.of("mdcKeys", "seats"));
    log.atInfo().addMarker(EVENT).addKeyValue("plan", "pro").addKeyValue("seats", 5).log("upgrade");

    if (appender.driver().keyValuesKeepTheirTypes()) {
      appender.assertSent(
          "{'event_name':'upgrade','timestamp':'<timestamp>','plan':'pro','seats':5}");
    } else {
      appender.assertSent("{'event_name':'upgrade','timestamp':'<timestamp>','seats':'5'}");
    }
  }

  @Test
  void fieldArgumentsBecomeTypedFields() {
    appender.start();
    log.info(
        EVENT,
        "order_placed",
        field("amount", 42.5),
        field("items", List.of("cat", "dog")),
        field("gift", true));

    appender.assertSent(
        "{'event_name':'order_placed','timestamp':'<timestamp>',"
            + "'amount':42.5,'items':['cat','dog'],'gift':true}");
  }

  /**
   * Context, then key-value pairs, then field() arguments: each wins over the one before, and the
   * field is sent where its winner came. String key-values read the same through either binding.
   */
  @Test
  void keyValuesWinOverTheContextAndFieldsWinOverBoth() {
    appender.start(Map.of("mdcKeys", "a,b,c"));
    appender.driver().putContext("a", "context");
    appender.driver().putContext("b", "context");
    appender.driver().putContext("c", "context");
    log.atInfo()
        .addMarker(EVENT)
        .addKeyValue("b", "key-value")
        .addKeyValue("c", "key-value")
        .addArgument(field("c", "field"))
        .log("precedence");

    appender.assertSent(
        "{'event_name':'precedence','timestamp':'<timestamp>',"
            + "'a':'context','b':'key-value','c':'field'}");
  }

  @Test
  void ofTwoFieldsWithOneNameTheLaterWins() {
    appender.start();
    log.info(EVENT, "plan_changed", field("plan", "free"), field("seats", 1), field("plan", "pro"));

    appender.assertSent(
        "{'event_name':'plan_changed','timestamp':'<timestamp>','seats':1,'plan':'pro'}");
  }

  @Test
  void theMarkerIsMatchedByNameAndAsAReference() {
    appender.start();
    Marker byName = MarkerFactory.getDetachedMarker("EVENT");
    Marker referencing = MarkerFactory.getDetachedMarker("CHECKOUT_AUDIT");
    referencing.add(EVENT);
    log.info(byName, "by_name");
    log.info(referencing, "by_reference");

    appender.assertSent(
        "{'event_name':'by_name','timestamp':'<timestamp>'}",
        "{'event_name':'by_reference','timestamp':'<timestamp>'}");
  }

  @Test
  void statementsWithoutTheMarkerAreIgnored() {
    appender.start();
    log.info("signup_completed");
    log.info(MarkerFactory.getMarker("UNRELATED_AUDIT"), "audit_only");
    log.warn("something_else", field("plan", "pro"));
    log.info(EVENT, "the_only_event");

    assertEquals(1, appender.stats().accepted(), appender.stats().toString());
    appender.assertSent("{'event_name':'the_only_event','timestamp':'<timestamp>'}");
  }

  @Test
  void aThrowableAttachedToTheStatementIsNotSent() {
    appender.start();
    log.info(
        EVENT, "payment_failed", field("amount", 3), new IllegalStateException("card declined"));

    appender.assertSent("{'event_name':'payment_failed','timestamp':'<timestamp>','amount':3}");
  }
}
