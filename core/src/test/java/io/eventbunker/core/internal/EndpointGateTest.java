package io.eventbunker.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EndpointGateTest {
  private final EndpointGate gate = new EndpointGate(4);

  @Test
  void oneRequestUntilTheKeyIsAcceptedThenOneMorePerSuccess() {
    assertEquals(1, gate.window());
    gate.onAccepted(gate.generation());
    assertEquals(2, gate.window());
    for (int i = 0; i < 10; i++) {
      gate.onAccepted(gate.generation());
    }
    assertEquals(4, gate.window(), "never beyond maxInFlight");
  }

  @Test
  void aRefusalPausesThenChecksTheKeyWithOneRequestAgain() {
    gate.onAccepted(gate.generation());
    gate.onAccepted(gate.generation());
    assertTrue(gate.onKeyRefused(gate.generation(), 0));

    assertTrue(gate.isKeyRefused(EndpointGate.PAUSE_NANOS - 1));
    assertFalse(gate.isKeyRefused(EndpointGate.PAUSE_NANOS));
    assertEquals(1, gate.window());
    assertFalse(gate.isAccepted());
  }

  @Test
  void answersToRequestsSentBeforeARefusalChangeNothing() {
    long before = gate.generation();
    assertTrue(gate.onKeyRefused(before, 0));
    assertFalse(gate.onKeyRefused(before, 10), "the rest of the window's 401s are no news");

    gate.onAccepted(before); // a late 2xx, sent before the 401
    assertTrue(gate.isKeyRefused(10), "a stale 2xx does not end the pause");
    assertFalse(gate.isAccepted());
  }

  @Test
  void anAnswerNotTheApisHoldsEverythingThenChecksWithOneRequest() {
    gate.onAccepted(gate.generation());
    long sent = gate.generation();
    assertTrue(gate.onNotTheApi(sent, 0));
    assertFalse(gate.onNotTheApi(sent, 5), "the rest of the window's answers are no news");

    assertEquals(EndpointGate.PAUSE_NANOS - 10, gate.heldForNanos(10));
    assertFalse(gate.isKeyRefused(10), "held, not refused: nothing is rejected meanwhile");
    gate.onAccepted(sent); // a late 2xx, sent before the pause
    assertTrue(gate.heldForNanos(10) > 0, "a stale 2xx does not end the pause");

    assertEquals(0, gate.heldForNanos(EndpointGate.PAUSE_NANOS));
    assertEquals(1, gate.window(), "one request checks the endpoint again");
    gate.onAccepted(gate.generation());
    assertEquals(2, gate.window());
  }
}
