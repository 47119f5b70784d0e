package io.eventbunker.log4j2;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

/** Records every StatusLogger message while registered: what Log4j2 users see of the appender. */
final class StatusRecorder implements StatusListener {
  private final List<StatusData> data = new CopyOnWriteArrayList<>();
  private final Level level;

  private StatusRecorder(Level level) {
    this.level = level;
  }

  /** Records every message, down to TRACE. */
  static StatusRecorder register() {
    return register(Level.TRACE);
  }

  /** Records the messages at {@code level} or more severe. */
  static StatusRecorder register(Level level) {
    StatusRecorder recorder = new StatusRecorder(level);
    StatusLogger.getLogger().registerListener(recorder);
    return recorder;
  }

  @Override
  public void log(StatusData status) {
    if (status.getLevel().isMoreSpecificThan(level)) {
      data.add(status);
    }
  }

  @Override
  public Level getStatusLevel() {
    return level;
  }

  /** Level, message and throwable (with its message) of each, as a user would read them. */
  List<String> messages() {
    return data.stream()
        .map(
            s ->
                s.getLevel()
                    + " "
                    + s.getMessage().getFormattedMessage()
                    + (s.getThrowable() == null ? "" : " " + s.getThrowable()))
        .collect(Collectors.toList());
  }

  /** The messages of the warnings and errors, as their text. */
  List<String> warningsAndErrors() {
    return data.stream()
        .filter(s -> s.getLevel().isMoreSpecificThan(Level.WARN))
        .map(s -> s.getMessage().getFormattedMessage())
        .collect(Collectors.toList());
  }

  /** Those of the EventBunker appender, by level. */
  List<String> eventBunker(Level level) {
    return data.stream()
        .filter(s -> s.getLevel() == level)
        .map(s -> s.getMessage().getFormattedMessage())
        .filter(m -> m.startsWith("EventBunker appender"))
        .collect(Collectors.toList());
  }

  List<StatusData> all() {
    return data;
  }

  /** Stops recording; what was recorded stays readable. */
  void unregister() {
    StatusLogger.getLogger().removeListener(this);
  }

  /** What StatusLogger calls when the listener is removed: nothing to release. */
  @Override
  public void close() {}
}
