package io.eventbunker.contract;

import io.eventbunker.core.EventField;
import io.eventbunker.testkit.EventBunkerReceiver;
import io.eventbunker.testkit.EventBunkerReceiverExtension;
import java.math.BigInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * What every contract class shares: the receiver (one per test class, reset before each test), the
 * appender under test (one per test, closed after it), and the SLF4J API the statements go through.
 */
public abstract class ContractBase {
  /** The marker as code that does not depend on any of our appenders gets it: matched by name. */
  protected static final Marker EVENT = MarkerFactory.getMarker("EVENT");

  /** Statements go through SLF4J, as in an application; each driver attaches to the root logger. */
  protected static final Logger log = LoggerFactory.getLogger("eventbunker.contract.shop");

  /**
   * A value the appender sends but the API refuses with a 400: its JSON parser, like the
   * receiver's, takes numbers of up to 1000 digits.
   */
  protected static final BigInteger REFUSED_BY_THE_API = BigInteger.TEN.pow(1000);

  @RegisterExtension
  static final EventBunkerReceiverExtension EVENTBUNKER =
      new EventBunkerReceiverExtension(
          EventBunkerReceiver.builder().writeKey(AppenderUnderTest.WRITE_KEY));

  /** The appender of this test, not yet started. */
  protected final AppenderUnderTest appender;

  protected ContractBase(AdapterDriver driver) {
    this.appender = new AppenderUnderTest(driver, EVENTBUNKER::receiver);
  }

  /** The receiver the appender sends to. */
  protected static EventBunkerReceiver receiver() {
    return EVENTBUNKER.receiver();
  }

  /** What every adapter's {@code EventBunker.field} returns. */
  protected static EventField field(@Nullable String name, @Nullable Object value) {
    return EventField.of(name, value);
  }

  @AfterEach
  final void closeAppender() {
    appender.close();
  }
}
