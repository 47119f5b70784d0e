package io.eventbunker.contract;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the appender prints to {@code System.err}, which it reads at each print: swapped in by
 * {@link #start}, given back by {@link #close}. What is printed still reaches the real console too.
 */
final class ConsoleCapture implements AutoCloseable {
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final PrintStream original = System.err;

  static ConsoleCapture start() {
    ConsoleCapture capture = new ConsoleCapture();
    System.setErr(
        new PrintStream(new Tee(capture.captured, capture.original), true, StandardCharsets.UTF_8));
    return capture;
  }

  /** The lines printed since {@link #start} that begin with {@code prefix}. */
  List<String> lines(String prefix) {
    String text;
    synchronized (captured) {
      text = captured.toString(StandardCharsets.UTF_8);
    }
    return Arrays.stream(text.split("\\R"))
        .filter(line -> line.startsWith(prefix))
        .collect(Collectors.toList());
  }

  @Override
  public void close() {
    System.setErr(original);
  }

  /** Writes to the capture and to the real console. */
  private static final class Tee extends OutputStream {
    private final ByteArrayOutputStream capture;
    private final OutputStream console;

    Tee(ByteArrayOutputStream capture, OutputStream console) {
      this.capture = capture;
      this.console = console;
    }

    @Override
    public void write(int b) {
      synchronized (capture) {
        capture.write(b);
      }
      try {
        console.write(b);
      } catch (java.io.IOException e) {
        // The real console is a courtesy; the capture is what the test reads.
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      synchronized (capture) {
        capture.write(bytes, offset, length);
      }
      try {
        console.write(bytes, offset, length);
      } catch (java.io.IOException e) {
        // As above.
      }
    }
  }
}
