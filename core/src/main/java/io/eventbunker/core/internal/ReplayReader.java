package io.eventbunker.core.internal;

import java.io.IOException;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Hands spooled events to the sender, oldest first: the spool thread reads records ahead into a
 * small buffer when the sender asks, and the sender takes them from it in memory. A replayed event
 * that comes back unwritten goes again from memory. Events older than {@code spoolMaxAge} fail
 * instead of being sent.
 */
final class ReplayReader {
  /** Records read ahead for replay at most, however large maxInFlight. */
  private static final int MAX_READ_AHEAD = 256;

  private final Accounting accounting;
  private final SegmentStore store;
  private final SpoolWriter writer;
  private final Runnable replayReady;
  private final long maxAgeMillis;
  private final int readAhead;
  private final ArrayBlockingQueue<TrackedEvent> replay;

  /**
   * Replayed events the spool could not write anew: their records stay where they are, and they go
   * again before the next record is read. They were handed out already, and nothing more is read
   * while they wait, so they are few.
   */
  private final Queue<TrackedEvent> again = new ConcurrentLinkedQueue<>();

  private volatile boolean wanted;

  /** {@code replayReady} is run when events are ready, to wake the sender. */
  ReplayReader(
      AppenderSettings settings,
      Accounting accounting,
      SegmentStore store,
      SpoolWriter writer,
      Runnable replayReady) {
    this.accounting = accounting;
    this.store = store;
    this.writer = writer;
    this.replayReady = replayReady;
    this.maxAgeMillis = settings.spoolMaxAgeMillis();
    // Enough to keep maxInFlight requests busy while the next records are read.
    this.readAhead = Math.min(MAX_READ_AHEAD, 2 * settings.maxInFlight());
    this.replay = new ArrayBlockingQueue<>(readAhead);
  }

  boolean hasReplay() {
    return !again.isEmpty() || !replay.isEmpty();
  }

  /** The next event to replay, or null; on the sender's thread. */
  TrackedEvent next() {
    TrackedEvent event;
    while ((event = again.poll()) != null) {
      if (!failedAsTooOld(event, System.currentTimeMillis())) {
        return event;
      }
    }
    return replay.poll();
  }

  /**
   * True once half of what was read ahead is taken and more is on disk: then the spool thread is to
   * read more. On the sender's thread.
   */
  boolean askForMore() {
    if (!wanted && replay.size() <= readAhead / 2 && store.unread() > 0) {
      wanted = true;
      return true;
    }
    return false;
  }

  /** Whether the spool thread has reading to do. */
  boolean isWanted() {
    return wanted && store.unread() > 0;
  }

  /**
   * A replayed event the spool could not write anew (no room in its hand-off or on disk, or the
   * write failed): it is replayed again, as a fresh event for the same record, so that the record
   * is settled in this run rather than held until the next. The event handed in stays the spool's
   * and is never settled itself.
   */
  void replayAgain(TrackedEvent event) {
    again.add(
        TrackedEvent.replayed(
            event.name(),
            event.timestampMillis(),
            Objects.requireNonNull(event.json()), // a replayed event has its JSON
            Objects.requireNonNull(event.origin())));
    replayReady.run();
  }

  /** Reads records ahead for the sender, oldest first, when it asked for them; on the thread. */
  boolean readAhead() {
    if (!wanted) {
      return false;
    }
    wanted = false;
    int added = 0;
    long now = System.currentTimeMillis();
    while (replay.remainingCapacity() > 0) {
      Segment segment = store.firstUnread();
      if (segment == null) {
        if (writer.sealForReplay()) {
          continue;
        }
        break;
      }
      SegmentReader.Record record = read(segment);
      if (record == null) {
        continue;
      }
      TrackedEvent event =
          TrackedEvent.replayed(record.name, record.timestampMillis, record.json, segment);
      if (!failedAsTooOld(event, now)) {
        replay.add(event);
        added++;
      }
    }
    if (added > 0) {
      replayReady.run();
    }
    return added > 0;
  }

  /** The segment's next record, or null when it cannot be read (its rest is then given up). */
  private SegmentReader.@Nullable Record read(Segment segment) {
    try {
      if (segment.reader == null) {
        segment.reader = SegmentReader.open(segment.file);
      }
      SegmentReader.Record record = segment.reader.next();
      if (record == null) {
        throw new IOException("the file is shorter than when it was written or scanned");
      }
      store.recordRead(segment);
      if (segment.read == segment.records) {
        segment.closeReader();
      }
      return record;
    } catch (IOException | SegmentReader.Damage e) {
      int lost = segment.records - segment.read;
      String reason =
          "its spool segment "
              + segment.file
              + " could not be read any more ("
              + e.getMessage()
              + "): something changed or removed it while this process owned spoolDirectory";
      segment.damage = String.valueOf(e.getMessage());
      segment.closeReader();
      store.abandoned(segment, lost);
      accounting.lostFromSpool(lost, reason);
      return null;
    }
  }

  private boolean failedAsTooOld(TrackedEvent event, long nowMillis) {
    long age = nowMillis - event.timestampMillis();
    if (maxAgeMillis <= 0 || age <= maxAgeMillis) {
      return false;
    }
    accounting.failed(
        event,
        "the spooled event is "
            + TimeUnit.MILLISECONDS.toSeconds(age)
            + " s old, older than spoolMaxAge ("
            + maxAgeMillis
            + " ms), and was not sent. Raise spoolMaxAge, or set it to 0, to send spooled events"
            + " however old",
        0);
    return true;
  }
}
