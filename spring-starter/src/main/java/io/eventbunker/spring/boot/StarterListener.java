package io.eventbunker.spring.boot;

import io.eventbunker.core.EventBunkerListener;
import io.eventbunker.core.EventResult;
import io.eventbunker.core.Outcome;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one listener the starter adds to each appender it manages. Counts outcomes and retries for as
 * long as the JVM runs, so health and metrics stay monotonic when logging is re-initialised and the
 * appender replaced, and passes every callback on to the listeners registered with it (metrics).
 */
final class StarterListener implements EventBunkerListener {
  private final Map<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);
  private final LongAdder retries = new LongAdder();
  private final List<EventBunkerListener> delegates = new CopyOnWriteArrayList<>();

  StarterListener() {
    for (Outcome outcome : Outcome.values()) {
      outcomes.put(outcome, new LongAdder());
    }
  }

  @Override
  public void onResult(EventResult result) {
    adder(result.outcome()).increment();
    for (EventBunkerListener delegate : delegates) {
      delegate.onResult(result);
    }
  }

  @Override
  public void onRetry(String eventName, String reason) {
    retries.increment();
    for (EventBunkerListener delegate : delegates) {
      delegate.onRetry(eventName, reason);
    }
  }

  @Override
  public void onResponse(int statusCode, long roundTripNanos) {
    for (EventBunkerListener delegate : delegates) {
      delegate.onResponse(statusCode, roundTripNanos);
    }
  }

  /** Events that ended with {@code outcome} since the JVM started. */
  long count(Outcome outcome) {
    return adder(outcome).sum();
  }

  @SuppressWarnings("NullAway") // the constructor puts an adder for every Outcome
  private LongAdder adder(Outcome outcome) {
    return outcomes.get(outcome);
  }

  long retries() {
    return retries.sum();
  }

  void add(EventBunkerListener delegate) {
    delegates.add(delegate);
  }

  void remove(EventBunkerListener delegate) {
    delegates.remove(delegate);
  }
}
