package io.eventbunker.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff =
      new Backoff(new RetryPolicy(10, 100, 10_000, 1_000_000), () -> 1.0);

  private long failRound(long now) {
    return backoff.onFailure(backoff.generation(), -1, false, now);
  }

  @Test
  void aLoneFailureAmongSuccessesSlowsNobodyElse() {
    assertEquals(0, failRound(0));
    backoff.onSuccess();
    assertEquals(0, failRound(0));

    assertFalse(backoff.isFailing());
    assertEquals(0, backoff.closedForNanos(0));
  }

  @Test
  void roundsOfFailuresInARowMeanAnOutage() {
    failRound(0);
    failRound(0);
    assertFalse(backoff.isFailing());

    assertEquals(100, failRound(0), "the third round closes the gate");
    assertTrue(backoff.isFailing());
    assertEquals(200, failRound(100), "and each further round doubles it");
  }

  @Test
  void concurrentFailuresOfOneGenerationCountAsOneRound() {
    long generation = backoff.generation();
    for (int i = 0; i < 64; i++) {
      backoff.onFailure(generation, -1, false, 0);
    }

    assertFalse(backoff.isFailing(), "64 requests failing together are one round");
  }

  @Test
  void anEndpointThatCannotBeConnectedToIsDownAtOnce() {
    assertEquals(100, backoff.onFailure(backoff.generation(), -1, true, 0));

    assertTrue(backoff.isFailing());
  }

  @Test
  void successEndsTheOutage() {
    backoff.onFailure(backoff.generation(), -1, true, 0);
    backoff.onSuccess();

    assertFalse(backoff.isFailing());
    assertEquals(100, backoff.onFailure(backoff.generation(), -1, true, 1000), "it starts over");
  }

  @Test
  void retryAfterIsTheGatesMinimumInAnOutageOnly() {
    assertEquals(0, backoff.onFailure(backoff.generation(), 5_000, false, 0), "a lone 429");
    backoff.onFailure(backoff.generation(), 5_000, false, 0);

    assertEquals(5_000, backoff.onFailure(backoff.generation(), 5_000, false, 0));
  }
}
