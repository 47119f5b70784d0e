package io.eventbunker.testkit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs an {@link EventBunkerReceiver} for JUnit 5 tests and injects it into test and lifecycle
 * method parameters of type {@code EventBunkerReceiver}. The receiver is {@link
 * EventBunkerReceiver#reset() reset} before each test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EventBunkerReceiverExtension eventBunker =
 *     new EventBunkerReceiverExtension(EventBunkerReceiver.builder().writeKey("k"));
 *
 * @Test
 * void signupIsTracked(EventBunkerReceiver receiver) throws Exception {
 *   new SignupService(receiver.endpoint(), "k").signUp("ada");
 *   assertEquals("ada", receiver.awaitEvent("signup", Duration.ofSeconds(5)).fields().get("user"));
 * }
 * }</pre>
 *
 * <p>Registered on a static field or with {@code @ExtendWith}, one receiver serves the whole test
 * class; on an instance field, each test gets its own. Tests sharing a receiver should not run
 * concurrently: they would see each other's events.
 */
public final class EventBunkerReceiverExtension
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        ParameterResolver {
  private final ReceiverConfig config;
  private @Nullable EventBunkerReceiver receiver;
  // The context that started the receiver stops it, so one started for the class outlives tests.
  private @Nullable String ownerContextId;

  /**
   * A receiver with the defaults: any free port, write key {@value
   * EventBunkerReceiver#DEFAULT_WRITE_KEY}.
   */
  public EventBunkerReceiverExtension() {
    this(EventBunkerReceiver.builder());
  }

  /** A receiver configured by {@code builder}; its settings are copied now. */
  public EventBunkerReceiverExtension(EventBunkerReceiver.Builder builder) {
    this.config = builder.config();
  }

  /**
   * The running receiver.
   *
   * @throws IllegalStateException outside a test of the class that registered this extension
   */
  public synchronized EventBunkerReceiver receiver() {
    if (receiver == null) {
      throw new IllegalStateException(
          "The receiver runs only during tests: use it from a test or lifecycle method,"
              + " or register the extension on a static field to use it in @BeforeAll");
    }
    return receiver;
  }

  @Override
  public synchronized void beforeAll(ExtensionContext context) {
    startIfStopped(context);
  }

  @Override
  public synchronized void beforeEach(ExtensionContext context) {
    if (receiver != null) {
      receiver.reset();
    } else {
      startIfStopped(context);
    }
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) {
    stopIfStartedBy(context);
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    stopIfStartedBy(context);
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == EventBunkerReceiver.class;
  }

  @Override
  public synchronized Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return startIfStopped(extensionContext);
  }

  /** Starts a receiver owned by {@code context} unless one runs; returns the running one. */
  private EventBunkerReceiver startIfStopped(ExtensionContext context) {
    EventBunkerReceiver running = receiver;
    if (running == null) {
      running = new EventBunkerReceiver(config).start();
      receiver = running;
      ownerContextId = context.getUniqueId();
    }
    return running;
  }

  private void stopIfStartedBy(ExtensionContext context) {
    if (receiver != null && context.getUniqueId().equals(ownerContextId)) {
      receiver.close();
      receiver = null;
      ownerContextId = null;
    }
  }
}
