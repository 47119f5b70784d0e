package io.eventbunker.spring.boot;

import io.eventbunker.core.EventBunkerListener;
import io.eventbunker.core.Outcome;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.springframework.beans.factory.DisposableBean;

/**
 * The appenders' meters. Counters read the starter's own counts, which outlive any one appender;
 * the send timer records each HTTP round trip from the moment a registry is bound.
 */
final class EventBunkerMetrics implements MeterBinder, DisposableBean {
  static final String EVENTS = "eventbunker.events";
  static final String RETRIES = "eventbunker.retries";
  static final String QUEUE_SIZE = "eventbunker.queue.size";
  static final String QUEUE_CAPACITY = "eventbunker.queue.capacity";
  static final String SEND = "eventbunker.send";

  private final ManagedAppenders appenders;
  private final List<EventBunkerListener> timers = new CopyOnWriteArrayList<>();

  EventBunkerMetrics(ManagedAppenders appenders) {
    this.appenders = appenders;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    StarterListener counts = appenders.listener();
    for (Outcome outcome : Outcome.values()) {
      FunctionCounter.builder(EVENTS, counts, c -> c.count(outcome))
          .description("EVENT statements by final outcome")
          .tag("outcome", outcome.tag())
          .register(registry);
    }
    FunctionCounter.builder(RETRIES, counts, StarterListener::retries)
        .description("Attempts that failed transiently and were scheduled again")
        .register(registry);
    gauge(registry, QUEUE_SIZE, "Events waiting in the queue", a -> a.stats().queueSize());
    gauge(
        registry, QUEUE_CAPACITY, "Events the queue holds at most", a -> a.stats().queueCapacity());
    EventBunkerListener timer = new SendTimer(registry);
    timers.add(timer);
    counts.add(timer);
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      String description,
      ToIntFunction<ManagedAppender> value) {
    Gauge.builder(name, appenders, m -> sum(m.appenders(), value))
        .description(description)
        .strongReference(true)
        .register(registry);
  }

  private static double sum(List<ManagedAppender> appenders, ToIntFunction<ManagedAppender> value) {
    return appenders.stream().mapToInt(value).sum();
  }

  /** Stops feeding the timers of a closed context's registries. */
  @Override
  public void destroy() {
    timers.forEach(appenders.listener()::remove);
    timers.clear();
  }

  private static final class SendTimer implements EventBunkerListener {
    private final Timer[] byStatusClass = new Timer[6];

    SendTimer(MeterRegistry registry) {
      for (int i = 0; i < byStatusClass.length; i++) {
        byStatusClass[i] =
            Timer.builder(SEND)
                .description("HTTP round trips to EventBunker, by status class")
                .tag("status", i == 0 ? "none" : i + "xx")
                .register(registry);
      }
    }

    @Override
    public void onResponse(int statusCode, long roundTripNanos) {
      int statusClass = statusCode / 100;
      Timer timer = byStatusClass[statusClass > 0 && statusClass < 6 ? statusClass : 0];
      timer.record(roundTripNanos, TimeUnit.NANOSECONDS);
    }
  }
}
