package io.eventbunker.core.internal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One segment file of the spool, and how far its records have got: written, read back for replay,
 * settled. Only the spool thread changes it, except for acknowledgements, which come from whichever
 * thread settles a replayed event.
 */
final class Segment {
  final Path file;
  private final Spool spool;
  private final AtomicInteger acknowledged = new AtomicInteger();

  /** While this is the segment being appended to. */
  @Nullable FileOutputStream out;

  /** While its records are being read back. */
  @Nullable SegmentReader reader;

  long bytes;

  /** Why the file is to be quarantined once its readable records are settled; null if sound. */
  @Nullable String damage;

  volatile int records;
  volatile int read;
  volatile boolean sealed;

  Segment(Path file, Spool spool) {
    this.file = file;
    this.spool = spool;
  }

  /** The record of a replayed event is no longer needed: delivered, rejected, or rewritten. */
  void acknowledge() {
    settle(1);
  }

  /** {@code count} records that cannot be read any more are given up. */
  @SuppressWarnings("NonAtomicVolatileUpdate") // only the spool thread writes read
  void abandon(int count) {
    read += count;
    settle(count);
  }

  private void settle(int count) {
    int settled = acknowledged.addAndGet(count);
    spool.recordsSettled(count, sealed && settled == records);
  }

  void closeReader() {
    if (reader != null) {
      try {
        reader.close();
      } catch (IOException e) {
        // A reader holds nothing to flush: a failed close loses nothing.
      }
      reader = null;
    }
  }

  /** Every record written to it has been read back and settled: the file can go. */
  boolean isSettled() {
    return sealed && read == records && acknowledged.get() == records;
  }
}
