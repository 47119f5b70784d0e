package io.eventbunker.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WriteKeyGateTest {
  private final WriteKeyGate gate = new WriteKeyGate(4);

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
    assertTrue(gate.onRefused(gate.generation(), 0));

    assertTrue(gate.isPaused(WriteKeyGate.PAUSE_NANOS - 1));
    assertFalse(gate.isPaused(WriteKeyGate.PAUSE_NANOS));
    assertEquals(1, gate.window());
    assertFalse(gate.isAccepted());
  }

  @Test
  void answersToRequestsSentBeforeARefusalChangeNothing() {
    long before = gate.generation();
    assertTrue(gate.onRefused(before, 0));
    assertFalse(gate.onRefused(before, 10), "the rest of the window's 401s are no news");

    gate.onAccepted(before); // a late 2xx, sent before the 401
    assertTrue(gate.isPaused(10), "a stale 2xx does not end the pause");
    assertFalse(gate.isAccepted());
  }
}
