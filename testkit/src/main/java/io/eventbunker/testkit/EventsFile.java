package io.eventbunker.testkit;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends each accepted event as one JSON line, flushed at once so the file can be tailed. */
final class EventsFile implements Closeable {
  private final BufferedWriter writer;

  private EventsFile(BufferedWriter writer) {
    this.writer = writer;
  }

  static EventsFile open(Path path) throws IOException {
    return new EventsFile(
        Files.newBufferedWriter(
            path,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND,
            StandardOpenOption.WRITE));
  }

  void append(ReceivedEvent event) throws IOException {
    String line = Json.eventLine(event);
    synchronized (this) {
      writer.write(line);
      writer.write('\n');
      writer.flush();
    }
  }

  @Override
  public synchronized void close() throws IOException {
    writer.close();
  }
}
