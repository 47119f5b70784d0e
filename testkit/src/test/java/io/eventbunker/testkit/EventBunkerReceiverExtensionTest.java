package io.eventbunker.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The extension used as users would, plus sample test classes run through the JUnit engine to check
 * what only shows across tests: resets, sharing and closing.
 */
class EventBunkerReceiverExtensionTest {
  @RegisterExtension
  static final EventBunkerReceiverExtension eventBunker =
      new EventBunkerReceiverExtension(EventBunkerReceiver.builder().writeKey("extension-key"));

  @Test
  void injectedReceiverRecordsWhatTheCodeUnderTestSends(EventBunkerReceiver receiver)
      throws Exception {
    Http.post(
        receiver.endpoint(), "extension-key", "{\"event_name\": \"signup\", \"plan\": \"pro\"}");

    assertEquals("pro", receiver.awaitEvent("signup", Duration.ofSeconds(5)).fields().get("plan"));
  }

  @Test
  void injectedReceiverIsTheExtensionsReceiver(EventBunkerReceiver receiver) {
    assertSame(eventBunker.receiver(), receiver);
  }

  @Test
  void extensionUsesTheBuilderSettings(EventBunkerReceiver receiver) throws Exception {
    assertEquals(
        200, Http.post(receiver.endpoint(), "extension-key", Http.event("a")).statusCode());
    assertEquals(
        401,
        Http.post(receiver.endpoint(), EventBunkerReceiver.DEFAULT_WRITE_KEY, Http.event("a"))
            .statusCode());
  }

  @Test
  void receiverIsResetBetweenTests() {
    Events tests = run(ResetBetweenTests.class);

    tests.assertStatistics(stats -> stats.started(2).succeeded(2));
  }

  @Test
  void staticExtensionSharesOneReceiverAcrossTheClassAndClosesIt() throws Exception {
    run(SharedReceiver.class).assertStatistics(stats -> stats.succeeded(2));

    assertEquals(3, SharedReceiver.seen.size());
    assertSame(SharedReceiver.seen.get(0), SharedReceiver.seen.get(1));
    assertSame(SharedReceiver.seen.get(0), SharedReceiver.seen.get(2));
    assertClosed(SharedReceiver.seen.get(0));
  }

  @Test
  void instanceFieldExtensionGivesEachTestItsOwnReceiver() throws Exception {
    run(ReceiverPerTest.class).assertStatistics(stats -> stats.succeeded(2));

    assertEquals(2, ReceiverPerTest.seen.size());
    assertNotSame(ReceiverPerTest.seen.get(0), ReceiverPerTest.seen.get(1));
    assertClosed(ReceiverPerTest.seen.get(0));
    assertClosed(ReceiverPerTest.seen.get(1));
  }

  @Test
  void extendWithRunsADefaultReceiver() throws Exception {
    run(DefaultReceiver.class).assertStatistics(stats -> stats.succeeded(1));

    assertClosed(DefaultReceiver.seen.get(0));
  }

  @Test
  void receiverIsUnavailableOutsideTests() {
    EventBunkerReceiverExtension unused = new EventBunkerReceiverExtension();

    assertThrows(IllegalStateException.class, unused::receiver);
  }

  private static Events run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(testClass))
        .execute()
        .testEvents();
  }

  private static void assertClosed(EventBunkerReceiver receiver) {
    URI endpoint = receiver.endpoint();
    assertThrows(ConnectException.class, () -> Http.post(endpoint, "any", Http.event("late")));
  }

  // Samples, run only through EngineTestKit above: Surefire skips nested classes.

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class ResetBetweenTests {
    @RegisterExtension
    static final EventBunkerReceiverExtension eventBunker = new EventBunkerReceiverExtension();

    @Test
    @Order(1)
    void sendsAnEventAndInjectsAFault(EventBunkerReceiver receiver) throws Exception {
      Http.post(receiver.endpoint(), EventBunkerReceiver.DEFAULT_WRITE_KEY, Http.event("leftover"));
      receiver.setErrorRate(1);
      assertEquals(1, receiver.events().size());
    }

    @Test
    @Order(2)
    void startsClean(EventBunkerReceiver receiver) throws Exception {
      assertEquals(List.of(), receiver.events());
      assertEquals(0, receiver.acceptedCount());
      assertEquals(
          200,
          Http.post(receiver.endpoint(), EventBunkerReceiver.DEFAULT_WRITE_KEY, Http.event("a"))
              .statusCode());
    }
  }

  static class SharedReceiver {
    static final List<EventBunkerReceiver> seen = new CopyOnWriteArrayList<>();

    @RegisterExtension
    static final EventBunkerReceiverExtension eventBunker = new EventBunkerReceiverExtension();

    @BeforeAll
    static void receiverIsRunningBeforeAll(EventBunkerReceiver receiver) {
      seen.add(receiver);
    }

    @Test
    void first(EventBunkerReceiver receiver) {
      seen.add(receiver);
    }

    @Nested
    class InNestedClass {
      @Test
      void second(EventBunkerReceiver receiver) {
        seen.add(receiver);
      }
    }
  }

  static class ReceiverPerTest {
    static final List<EventBunkerReceiver> seen = new CopyOnWriteArrayList<>();

    @RegisterExtension
    final EventBunkerReceiverExtension eventBunker = new EventBunkerReceiverExtension();

    @Test
    void first(EventBunkerReceiver receiver) {
      seen.add(receiver);
    }

    @Test
    void second(EventBunkerReceiver receiver) {
      seen.add(receiver);
    }
  }

  @ExtendWith(EventBunkerReceiverExtension.class)
  static class DefaultReceiver {
    static final List<EventBunkerReceiver> seen = new CopyOnWriteArrayList<>();

    @Test
    void acceptsTheDefaultWriteKey(EventBunkerReceiver receiver) throws Exception {
      seen.add(receiver);
      assertEquals(
          200,
          Http.post(receiver.endpoint(), EventBunkerReceiver.DEFAULT_WRITE_KEY, Http.event("a"))
              .statusCode());
    }
  }
}
