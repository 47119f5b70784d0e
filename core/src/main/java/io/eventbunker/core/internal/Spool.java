package io.eventbunker.core.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The durable spool: events the pipeline cannot deliver in time (queue overflow, retries run out,
 * shutdown) are appended to segment files in {@code spoolDirectory} instead of being dropped or
 * failed, and replayed oldest first when the endpoint takes events again, in this run or the next.
 *
 * <p>One thread, {@code eventbunker-spool-<appender>}, owns every file: it takes over what earlier
 * runs left ({@link SpoolRecovery}), writes what it is handed, so logging threads never touch the
 * disk ({@link SpoolWriter}), reads records ahead for the sender ({@link ReplayReader}), and
 * deletes segments whose every record is settled ({@link SegmentStore}). Other threads only hand
 * events over, take replayed ones and acknowledge them, all in memory.
 *
 * <p>An event leaves the spool only once settled: delivered, rejected by the API, or too old. A
 * replayed event that runs out of retries again is written anew and its old record acknowledged;
 * when it cannot be written, it is replayed again from memory, its old record kept until then. A
 * segment goes when all its records are settled, so a process that dies halfway through one replays
 * it whole next time: at least once, with duplicates possible.
 */
final class Spool {
  private static final long IDLE_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** How long {@link #stop} waits for the thread to write and force what it was handed. */
  static final long STOP_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final Accounting accounting;
  private final Path directory;
  private final SpoolLock lock;
  private final String prefix;
  private final EventQueue handoff;
  private final SegmentStore store;
  private final SpoolRecovery recovery;
  private final SpoolWriter writer;
  private final ReplayReader reader;
  private final Thread thread;

  private volatile Runnable replayReady = () -> {};
  private volatile boolean idle;
  private volatile boolean stopping;
  private volatile boolean closed;

  private Spool(AppenderSettings settings, Accounting accounting, Path directory, SpoolLock lock) {
    this.accounting = accounting;
    this.directory = directory;
    this.lock = lock;
    this.prefix = prefix(settings);
    // It takes the queue's overflow, so at least as large; and at least a batch, so that a burst
    // is absorbed while the previous batch is forced to disk, however small the queue. Its bytes
    // are bounded like the queue's.
    this.handoff =
        new EventQueue(
            Math.max(settings.queueCapacity(), SpoolWriter.MAX_BATCH_EVENTS),
            settings.queueMaxBytes());
    Runnable wakeSender = () -> replayReady.run(); // set only by start()
    this.store = new SegmentStore(this, directory, settings.maxSpoolBytes(), accounting, prefix);
    this.recovery = new SpoolRecovery(store, accounting, prefix);
    this.writer =
        new SpoolWriter(settings, prefix, accounting, store, handoff, this::giveBack, wakeSender);
    this.reader = new ReplayReader(settings, accounting, store, writer, wakeSender);
    this.thread = new Thread(this::run, "eventbunker-spool-" + settings.appenderName());
    this.thread.setDaemon(true);
  }

  private static String prefix(AppenderSettings settings) {
    return "EventBunker appender '" + settings.appenderName() + "' ";
  }

  /**
   * Takes the spool directory, or returns null (after saying why) when there is none to use: not
   * configured, not writable, or held by another appender or process. Runs no thread yet.
   */
  static @Nullable Spool open(AppenderSettings settings, Accounting accounting) {
    Path directory = settings.spoolDirectory();
    if (directory == null) {
      return null;
    }
    String prefix = prefix(settings);
    String withoutSpool =
        " This appender runs without a spool: events it cannot deliver in time are dropped or"
            + " failed, as when no spoolDirectory is set.";
    try {
      PrivateFiles.createDirectory(directory);
      SpoolLock lock = SpoolLock.acquire(directory, owner(settings));
      warnIfOpenToOthers(directory, prefix, accounting);
      return new Spool(settings, accounting, directory, lock);
    } catch (SpoolLock.Held held) {
      // A warning, not an error: Spring Boot refuses to start on error statuses.
      accounting
          .status()
          .warn(
              prefix
                  + "cannot use spoolDirectory "
                  + directory
                  + ": it is in use by "
                  + held.getMessage()
                  + ". A spool directory belongs to one appender in one process at a time: give"
                  + " each appender, and each process, a spoolDirectory of its own."
                  + withoutSpool);
    } catch (IOException | RuntimeException e) {
      accounting
          .status()
          .warn(
              prefix
                  + "cannot use spoolDirectory "
                  + directory
                  + ": "
                  + e
                  + ". Make sure this process can create and write that directory."
                  + withoutSpool);
    }
    return null;
  }

  private static String owner(AppenderSettings settings) {
    return "process "
        + ProcessHandle.current().pid()
        + " (appender '"
        + settings.appenderName()
        + "', since "
        + Instant.now()
        + ")";
  }

  /** A directory the user made is theirs to set; the spool's own files are private either way. */
  private static void warnIfOpenToOthers(Path directory, String prefix, Accounting accounting) {
    String permissions = PrivateFiles.openToOthers(directory);
    if (permissions != null) {
      accounting
          .status()
          .warn(
              prefix
                  + "spoolDirectory "
                  + directory
                  + " is open to other users ("
                  + permissions
                  + "). Spooled events may carry personal data: make it private, for example"
                  + " with chmod 700, or let the appender create it, which it does with 700.");
    }
  }

  /** Starts the thread; {@code replayReady} wakes the sender when records were read back. */
  void start(Runnable replayReady) {
    this.replayReady = replayReady;
    thread.start();
  }

  Path directory() {
    return directory;
  }

  long spooled() {
    return store.spooled();
  }

  long spooledBytes() {
    return store.bytes();
  }

  /**
   * Hands over an event the pipeline cannot deliver in time, without blocking. A replayed event is
   * written anew (or, if that cannot be done, replayed again with its old record).
   *
   * @return false when there is no room: the caller still holds the event and settles it
   */
  boolean offer(TrackedEvent event) {
    return handOver(event, 0);
  }

  /**
   * At shutdown: hands over an event left undelivered, waiting until {@code deadlineNanos} for
   * room. A replayed event stays where it is on disk, unacknowledged, for the next start.
   *
   * @return false when it could not be handed over: the caller settles it
   */
  boolean strand(TrackedEvent event, long deadlineNanos) {
    if (event.origin() != null) {
      event.handToSpool();
      return true;
    }
    return handOver(event, Math.max(0, deadlineNanos - System.nanoTime()));
  }

  private boolean handOver(TrackedEvent event, long timeoutNanos) {
    if (!event.handToSpool()) {
      return true; // already settled or spooled by another thread: nothing left to do
    }
    if (!handoff.offer(event, timeoutNanos)) {
      return giveBack(event);
    }
    if (closed && handoff.remove(event)) {
      return giveBack(event); // the thread has finished and will not take it
    }
    if (idle) {
      LockSupport.unpark(thread);
    }
    return true;
  }

  /**
   * For an event handed over but not written. True when the spool still answers for it: a replayed
   * one is replayed again, since its record would otherwise be neither sent nor freed until the
   * next start. Any other goes back to its caller.
   */
  private boolean giveBack(TrackedEvent event) {
    if (event.origin() != null) {
      reader.replayAgain(event);
      return true;
    }
    event.takeBackFromSpool();
    return false;
  }

  /** Whether replayed events are ready to be sent now. */
  boolean hasReplay() {
    return reader.hasReplay();
  }

  /**
   * The next replayed event, oldest first, or null. Called by the sender when it has nothing else
   * to send; asks the thread to read more once half of what was read ahead is taken.
   */
  TrackedEvent nextReplayed() {
    TrackedEvent event = reader.next();
    if (reader.askForMore()) {
      LockSupport.unpark(thread);
    }
    return event;
  }

  /** Called from {@link Segment} as replayed records are settled. */
  void recordsSettled(int count, boolean segmentDone) {
    store.settled(count, segmentDone);
    if (segmentDone && idle) {
      LockSupport.unpark(thread);
    }
  }

  /**
   * Lets the thread write and force everything it was handed, within {@link #STOP_NANOS}; then
   * fails what it could not take. Replayed records not yet settled stay on disk.
   */
  void stop() {
    stopping = true;
    LockSupport.unpark(thread);
    Threads.joinUninterruptibly(thread, STOP_NANOS); // even when the caller is interrupted
    closed = true;
    TrackedEvent event;
    while ((event = handoff.poll()) != null) {
      if (!giveBack(event)) {
        accounting.failed(
            event,
            "the event could not be written to spoolDirectory "
                + directory
                + " before stop() ended: the disk was too slow, or the spool thread failed"
                + " (see earlier warnings)",
            0);
      }
    }
  }

  private void run() {
    try {
      if (recovery.recover(() -> stopping) > 0) {
        replayReady.run();
      }
      while (true) {
        // Interrupts are not a stop signal (stopping is): one left set would make parkNanos return
        // at once, spinning, and the directory's force fail.
        Thread.interrupted();
        boolean worked = writer.writeBatch();
        store.removeSettled();
        if (stopping) {
          if (!worked && handoff.isEmpty()) {
            return;
          }
          continue;
        }
        worked |= reader.readAhead();
        if (!worked) {
          idle = true;
          if (handoff.isEmpty() && !stopping && !store.hasSettledSegment() && !reader.isWanted()) {
            LockSupport.parkNanos(this, IDLE_PARK_NANOS);
          }
          idle = false;
        }
      }
    } catch (RuntimeException | Error e) {
      accounting.status().warn(prefix + "spool thread failed: " + e);
    } finally {
      shutdown();
    }
  }

  /**
   * On the thread's way out, at stop or when it failed: every record counted is on disk; release
   * the files and the lock, and take no more events (their senders settle them).
   */
  private void shutdown() {
    closed = true;
    writer.close();
    store.closeReaders();
    try {
      lock.close();
    } catch (IOException e) {
      accounting
          .status()
          .warn(prefix + "could not release the lock on spoolDirectory " + directory + ": " + e);
    }
  }
}
