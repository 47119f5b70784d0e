package io.eventbunker.bench;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.util.Duration;
import io.eventbunker.logback.EventBunkerAppender;
import java.net.URI;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/** The end-to-end contenders: ours, and the two baselines a user would build from logback. */
enum Variant {
  EVENTBUNKER("eventbunker", "EventBunker appender") {
    @Override
    Running start(URI endpoint, boolean saturate) {
      return eventBunker(endpoint, saturate);
    }
  },
  SYNC("sync", "synchronous appender (baseline 1)") {
    @Override
    Running start(URI endpoint, boolean saturate) {
      LoggerContext context = Contexts.newContext();
      SyncHttpAppender sync = syncAppender(context, endpoint);
      return new Running(Contexts.logger(context, sync), sync::delivered, context::stop);
    }
  },
  ASYNC_OVER_SYNC("asyncOverSync", "AsyncAppender over it (baseline 2)") {
    @Override
    Running start(URI endpoint, boolean saturate) {
      LoggerContext context = Contexts.newContext();
      SyncHttpAppender sync = syncAppender(context, endpoint);
      AsyncAppender async = new AsyncAppender(); // logback's defaults, as a user would take them
      if (saturate) {
        // By default it discards INFO statements when 80% full, and logging threads then spin
        // instead of waiting: its CPU per event would count that spinning.
        async.setDiscardingThreshold(0);
      }
      async.setContext(context);
      async.setName("bench-async");
      async.addAppender(sync);
      async.start();
      return new Running(Contexts.logger(context, async), sync::delivered, context::stop);
    }
  };

  final String id;
  final String title;

  Variant(String id, String title) {
    this.id = id;
    this.title = title;
  }

  static Variant byId(String id) {
    for (Variant variant : values()) {
      if (variant.id.equals(id)) {
        return variant;
      }
    }
    throw new IllegalArgumentException(
        "No variant " + id + "; use eventbunker, sync or asyncOverSync");
  }

  /**
   * A fresh context with this variant on a logger; {@code saturate} for a throughput run, where
   * logging threads log as fast as the variant lets them.
   */
  abstract Running start(URI endpoint, boolean saturate);

  private static Running eventBunker(URI endpoint, boolean saturate) {
    LoggerContext context = Contexts.newContext();
    EventBunkerAppender appender = Contexts.appender(context, "bench", endpoint.toString());
    if (saturate) {
      // Logging threads wait for room instead of dropping, like the baselines' logging threads.
      appender.setAppendTimeout(Duration.buildBySeconds(1));
    }
    // Between runs only: what is still queued then does not count.
    appender.setShutdownTimeout(Duration.buildBySeconds(1));
    appender.start();
    return new Running(
        Contexts.logger(context, appender),
        () -> appender.getStats().delivered(),
        () -> {
          appender.stop();
          context.stop();
        });
  }

  private static SyncHttpAppender syncAppender(LoggerContext context, URI endpoint) {
    SyncHttpAppender sync = new SyncHttpAppender(endpoint);
    sync.setContext(context);
    sync.setName("bench-sync");
    sync.start();
    return sync;
  }

  /** A started variant. */
  static final class Running {
    final Logger logger;
    private final LongSupplier delivered;
    private final Runnable stop;

    Running(Logger logger, LongSupplier delivered, Runnable stop) {
      this.logger = logger;
      this.delivered = delivered;
      this.stop = stop;
    }

    /** Events confirmed by a 2xx so far. */
    long delivered() {
      return delivered.getAsLong();
    }

    void stop() {
      stop.run();
    }
  }
}
