package io.eventbunker.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff =
      new Backoff(new RetryPolicy(10, 100, 10_000, 1_000_000), () -> 1.0);

  @Test
  void oneFailureClosesTheGateForEveryone() {
    assertEquals(0, backoff.closedForNanos(0));
    backoff.onFailure(backoff.generation(), -1, 0);

    assertEquals(100, backoff.closedForNanos(0));
    assertEquals(0, backoff.closedForNanos(100));
    assertTrue(backoff.isFailing());
  }

  @Test
  void concurrentFailuresOfOneGenerationCountAsOneStep() {
    long generation = backoff.generation();
    for (int i = 0; i < 64; i++) {
      backoff.onFailure(generation, -1, 0);
    }

    assertEquals(100, backoff.closedForNanos(0), "64 requests failing together are one step");
    backoff.onFailure(backoff.generation(), -1, 100);
    assertEquals(200, backoff.closedForNanos(100), "the next probe's failure doubles it");
  }

  @Test
  void successReopensFullConcurrency() {
    backoff.onFailure(backoff.generation(), -1, 0);
    backoff.onSuccess();

    assertFalse(backoff.isFailing());
    backoff.onFailure(backoff.generation(), -1, 1000);
    assertEquals(100, backoff.closedForNanos(1000), "the backoff starts over");
  }

  @Test
  void retryAfterReplacesTheComputedDelayEvenFromAnOlderGeneration() {
    long generation = backoff.generation();
    backoff.onFailure(generation, -1, 0);
    backoff.onFailure(generation, 5_000, 0);

    assertEquals(5_000, backoff.closedForNanos(0));
  }
}
