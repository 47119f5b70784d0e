package io.eventbunker.core.internal;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * Writes what the spool is handed: encodes a batch from the hand-off, appends it to the active
 * segment and forces it to disk once (group commit); starts a new segment when the active one is
 * full, and seals it when replay needs its records. The spool thread's own.
 *
 * <p>Segments are written with {@code java.io} streams, not {@code FileChannel}s: an interrupt
 * closes a channel in the middle of a write, and whoever interrupts the spool thread (a pool
 * shutting down, an application's own clean-up) must not cost it its file or a batch.
 */
final class SpoolWriter {
  /**
   * Segments roll at this size, or an eighth of maxSpoolBytes if smaller: replayed space is freed
   * segment by segment, so a segment must be small against the bound.
   */
  private static final long MAX_SEGMENT_BYTES = 8L * 1024 * 1024;

  /** A batch between two forces to disk: large enough to amortise the force, bounded in memory. */
  static final int MAX_BATCH_EVENTS = 4096;

  private static final int MAX_BATCH_BYTES = 1024 * 1024;

  private final Accounting accounting;
  private final String prefix;
  private final SegmentStore store;
  private final EventQueue handoff;
  private final Predicate<TrackedEvent> giveBack;
  private final Runnable replayReady;
  private final long segmentBytes;
  private final EventEncoder encoder;
  private final CRC32C crc = new CRC32C();
  private final ByteArrayOutputStream batchBytes = new ByteArrayOutputStream();
  private final List<TrackedEvent> batch = new ArrayList<>();
  private @Nullable Segment active;

  /**
   * @param giveBack for an event that cannot be written: true when the spool still answers for it
   *     (a replayed one), false when it was taken back and its outcome is to be recorded here
   * @param replayReady run when records were written, which replay can read back
   */
  SpoolWriter(
      AppenderSettings settings,
      String prefix,
      Accounting accounting,
      SegmentStore store,
      EventQueue handoff,
      Predicate<TrackedEvent> giveBack,
      Runnable replayReady) {
    this.accounting = accounting;
    this.prefix = prefix;
    this.store = store;
    this.handoff = handoff;
    this.giveBack = giveBack;
    this.replayReady = replayReady;
    this.segmentBytes = Math.max(1, Math.min(MAX_SEGMENT_BYTES, settings.maxSpoolBytes() / 8));
    this.encoder = new EventEncoder(settings.maxEventBytes());
  }

  /** Appends what was handed over as one batch, forced to disk once; false if there was none. */
  boolean writeBatch() {
    TrackedEvent event = handoff.poll();
    if (event == null) {
      return false;
    }
    if (active != null && active.bytes >= segmentBytes) {
      sealActive();
    }
    long room = store.room(active == null);
    batch.clear();
    batchBytes.reset();
    do {
      if (event.json() == null) {
        String unsendable = encoder.encode(event);
        if (unsendable != null) {
          event.takeBackFromSpool();
          accounting.rejected(event, unsendable, 0);
          continue;
        }
      }
      byte[] name = event.name().getBytes(StandardCharsets.UTF_8);
      byte[] json = Objects.requireNonNull(event.json()); // encoded above if it was not yet
      if (batchBytes.size() + SegmentFormat.recordBytes(name, json) > room) {
        if (!giveBack.test(event)) {
          accounting.dropped(event, store.fullMessage());
        }
        continue;
      }
      SegmentFormat.writeRecord(batchBytes, crc, event.timestampMillis(), name, json);
      batch.add(event);
    } while (batch.size() < MAX_BATCH_EVENTS
        && batchBytes.size() < MAX_BATCH_BYTES
        && (event = handoff.poll()) != null);
    if (!batch.isEmpty()) {
      append();
    }
    return true;
  }

  private void append() {
    Segment segment;
    try {
      segment = active == null ? createSegment() : active;
      active = segment;
      FileOutputStream out = Objects.requireNonNull(segment.out); // open while active
      batchBytes.writeTo(out);
      out.getFD().sync();
    } catch (IOException e) {
      writeFailed(e);
      return;
    }
    store.appended(segment, batch.size(), batchBytes.size());
    for (TrackedEvent written : batch) {
      if (written.origin() != null) {
        written.origin().acknowledge(); // its new copy is on disk
      }
    }
    String retried = accounting.lastRetryReason();
    accounting
        .status()
        .warnThrottled(
            "spooled",
            () ->
                prefix
                    + "spooled "
                    + batch.size()
                    + " event(s) to "
                    + store.directory()
                    + ": EventBunker did not take them in time"
                    + (retried == null ? "" : " (last retried error: " + retried + ")")
                    + ". They are sent when it takes events again, or at the next start.");
    replayReady.run();
  }

  /**
   * The batch is not durable: its events fail (replayed ones are the spool's still). The segment
   * may end in part of it, so it takes no more records: its good ones are replayed as usual, and
   * the next start reads the rest as a torn tail.
   */
  private void writeFailed(IOException e) {
    String reason =
        "the event could not be written to spoolDirectory "
            + store.directory()
            + ": "
            + e
            + ". Check the disk's free space and this process's permissions";
    if (active != null) {
      sealActive();
    }
    for (TrackedEvent event : batch) {
      if (!giveBack.test(event)) {
        accounting.failed(event, reason, 0);
      }
    }
  }

  private Segment createSegment() throws IOException {
    Path file = store.nextFile();
    Files.createFile(file, PrivateFiles.file(file));
    FileOutputStream out = null;
    try {
      out = new FileOutputStream(file.toFile());
      out.write(SegmentFormat.MAGIC);
    } catch (IOException | RuntimeException e) {
      if (out != null) {
        out.close();
      }
      Files.deleteIfExists(file);
      throw e;
    }
    forceDirectory();
    Segment segment = store.created(file);
    segment.out = out;
    return segment;
  }

  /**
   * Makes a new file's directory entry durable, so that a power loss cannot lose a whole segment.
   * Best effort: some platforms (Windows) cannot open a directory, and do not need this.
   */
  private void forceDirectory() {
    try (FileChannel dir = FileChannel.open(store.directory(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | RuntimeException e) {
      // Without it a power loss may lose the newest segment; a process crash still loses nothing.
    }
  }

  /**
   * Replay has caught up with this run's spooling: the active segment, if it holds records, is
   * sealed so that they can be read back. False when there is nothing to seal.
   */
  boolean sealForReplay() {
    if (active == null || active.records == 0) {
      return false;
    }
    sealActive();
    return true;
  }

  /** At the thread's end: every record counted is on disk already; the file is released. */
  void close() {
    if (active != null) {
      sealActive();
    }
  }

  /** No more records go to the active segment; from now on it may be read back. */
  private void sealActive() {
    Segment segment = Objects.requireNonNull(active);
    active = null;
    segment.sealed = true;
    FileOutputStream out = Objects.requireNonNull(segment.out); // sealed once only
    segment.out = null;
    try {
      out.close();
      store.resized(segment, Files.size(segment.file));
    } catch (IOException e) {
      // Every record counted in it was forced before; closing can only lose what was not.
    }
    if (segment.records == 0) {
      store.segmentSettled(); // its only batch failed: nothing in it to keep
    }
  }
}
