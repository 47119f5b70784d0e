package io.eventbunker.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The spool's segments and what they add up to: records not yet settled, records not yet read back,
 * bytes on disk against {@code maxSpoolBytes}; and the removal of a segment once every record in it
 * is settled (deleted, or kept under another name when it is damaged).
 *
 * <p>The list of segments is the spool thread's own. The totals are read by any thread: for the
 * stats, and by the sender when it asks for more replay.
 */
final class SegmentStore {
  private final Spool owner;
  private final Path directory;
  private final long maxBytes;
  private final Accounting accounting;
  private final String prefix;
  private final List<Segment> segments = new ArrayList<>();
  private long nextSequence = 1;

  /** Records on disk not yet settled, this run's and those found from earlier runs. */
  private final AtomicLong spooled = new AtomicLong();

  /** Records on disk not yet read back for replay. */
  private final AtomicLong unread = new AtomicLong();

  /** Bytes of all segment files, quarantined ones excepted. */
  private final AtomicLong bytes = new AtomicLong();

  /** Set when some segment may be removable, so that the thread looks only then. */
  private volatile boolean segmentSettled;

  /** {@code owner}: the spool whose {@link Spool#recordsSettled} segments call. */
  SegmentStore(Spool owner, Path directory, long maxBytes, Accounting accounting, String prefix) {
    this.owner = owner;
    this.directory = directory;
    this.maxBytes = maxBytes;
    this.accounting = accounting;
    this.prefix = prefix;
  }

  Path directory() {
    return directory;
  }

  long spooled() {
    return spooled.get();
  }

  long bytes() {
    return bytes.get();
  }

  long unread() {
    return unread.get();
  }

  /** New segments are numbered after every one in the directory, so that none reuses a name. */
  void sequenceSeen(long sequence) {
    nextSequence = Math.max(nextSequence, sequence + 1);
  }

  /** The file for the next new segment; a failed creation costs only a number. */
  Path nextFile() {
    return directory.resolve(SegmentFormat.fileName(nextSequence++));
  }

  /** A new segment file, holding only its header so far, to be appended to. */
  Segment created(Path file) {
    Segment segment = new Segment(file, owner);
    segment.bytes = SegmentFormat.FILE_HEADER_BYTES;
    bytes.addAndGet(segment.bytes);
    segments.add(segment);
    return segment;
  }

  /** A segment an earlier run left, whose {@code records} are now this one's to replay. */
  Segment inherited(Path file, long fileBytes, int records) {
    Segment segment = new Segment(file, owner);
    segment.bytes = fileBytes;
    segment.records = records;
    segment.sealed = true;
    segments.add(segment);
    bytes.addAndGet(fileBytes);
    counted(records);
    return segment;
  }

  /** Records appended to {@code segment} and forced to disk. */
  @SuppressWarnings("NonAtomicVolatileUpdate") // only the spool thread writes records
  void appended(Segment segment, int records, long byteCount) {
    segment.bytes += byteCount;
    bytes.addAndGet(byteCount);
    segment.records += records;
    counted(records);
  }

  private void counted(int records) {
    spooled.addAndGet(records);
    unread.addAndGet(records);
  }

  /** The file's size once its writer is closed: it counts a partly written, failed batch too. */
  void resized(Segment segment, long size) {
    bytes.addAndGet(size - segment.bytes);
    segment.bytes = size;
  }

  /** Bytes that still fit under maxSpoolBytes, less a header if a new segment must be started. */
  long room(boolean newSegment) {
    return maxBytes - bytes.get() - (newSegment ? SegmentFormat.FILE_HEADER_BYTES : 0);
  }

  String fullMessage() {
    return "the spool is full (maxSpoolBytes "
        + maxBytes
        + " bytes in "
        + directory
        + "): EventBunker has been unreachable for long. The newest events are dropped until"
        + " replay frees space; raise maxSpoolBytes to keep more";
  }

  /** The oldest sealed segment with records not yet read back, or null. */
  @Nullable Segment firstUnread() {
    for (Segment segment : segments) {
      if (segment.sealed && segment.read < segment.records) {
        return segment;
      }
    }
    return null;
  }

  @SuppressWarnings("NonAtomicVolatileUpdate") // only the spool thread writes read
  void recordRead(Segment segment) {
    segment.read++;
    unread.decrementAndGet();
  }

  /** {@code count} records of {@code segment} cannot be read any more: given up, not replayed. */
  void abandoned(Segment segment, int count) {
    unread.addAndGet(-count);
    segment.abandon(count);
  }

  /** Through {@link Spool#recordsSettled}, from whichever thread settled the records. */
  void settled(int count, boolean segmentDone) {
    spooled.addAndGet(-count);
    if (segmentDone) {
      segmentSettled = true;
    }
  }

  /** A segment may be removable without any record being settled: an empty one. */
  void segmentSettled() {
    segmentSettled = true;
  }

  boolean hasSettledSegment() {
    return segmentSettled;
  }

  /** Deletes (or quarantines) segments whose every record is settled. */
  void removeSettled() {
    if (!segmentSettled) {
      return;
    }
    segmentSettled = false;
    for (Iterator<Segment> it = segments.iterator(); it.hasNext(); ) {
      Segment segment = it.next();
      if (segment.isSettled()) {
        it.remove();
        remove(segment);
      }
    }
  }

  private void remove(Segment segment) {
    segment.closeReader();
    bytes.addAndGet(-segment.bytes);
    try {
      if (segment.damage == null) {
        Files.deleteIfExists(segment.file);
      } else {
        Files.move(segment.file, quarantined(segment));
      }
    } catch (IOException e) {
      accounting
          .status()
          .warnThrottled(
              "spool-cleanup",
              () ->
                  prefix
                      + "cannot remove spool segment "
                      + segment.file
                      + ": "
                      + e
                      + ". Its events are settled; remove the file by hand, or its events are sent"
                      + " again at the next start.");
    }
  }

  /** Where a damaged segment is kept once its readable records are settled. */
  static Path quarantined(Segment segment) {
    return segment.file.resolveSibling(
        segment.file.getFileName() + SegmentFormat.QUARANTINE_SUFFIX);
  }

  /** At the thread's end: no segment keeps a file open. */
  void closeReaders() {
    for (Segment segment : segments) {
      segment.closeReader();
    }
  }
}
