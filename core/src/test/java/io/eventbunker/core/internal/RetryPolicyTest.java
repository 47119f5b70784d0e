package io.eventbunker.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private final RetryPolicy policy = new RetryPolicy(5, 100 * MS, 1000 * MS, 10_000 * MS);

  @Test
  void backoffCeilingDoublesFromTheInitialBackoffUpToTheMaximum() {
    assertEquals(100 * MS, policy.backoffNanos(1, () -> 1.0));
    assertEquals(200 * MS, policy.backoffNanos(2, () -> 1.0));
    assertEquals(400 * MS, policy.backoffNanos(3, () -> 1.0));
    assertEquals(800 * MS, policy.backoffNanos(4, () -> 1.0));
    assertEquals(1000 * MS, policy.backoffNanos(5, () -> 1.0));
    assertEquals(1000 * MS, policy.backoffNanos(1_000_000, () -> 1.0), "no overflow");
  }

  @Test
  void backoffIsFullJitterBetweenZeroAndTheCeiling() {
    assertEquals(0, policy.backoffNanos(3, () -> 0.0));
    assertEquals(200 * MS, policy.backoffNanos(3, () -> 0.5));
  }

  @Test
  void retriesAreBoundedByAttempts() {
    assertTrue(policy.allowsRetry(4, 0, 0));
    assertFalse(policy.allowsRetry(5, 0, 0));
  }

  @Test
  void retriesAreBoundedByTimeSinceTheFirstAttempt() {
    assertTrue(policy.allowsRetry(1, 9_000 * MS, 1_000 * MS));
    assertFalse(policy.allowsRetry(1, 9_000 * MS, 1_001 * MS));
  }

  @Test
  void retryAfterIsHonouredUpToTheRetryTimeout() {
    assertEquals(5_000 * MS, policy.capRetryAfter(5_000 * MS));
    assertEquals(10_000 * MS, policy.capRetryAfter(3_600_000 * MS));
    assertEquals(-1, policy.capRetryAfter(-1));
  }
}
