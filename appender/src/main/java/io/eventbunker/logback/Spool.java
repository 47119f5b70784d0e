package io.eventbunker.logback;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The durable spool: events the pipeline cannot deliver in time (queue overflow, retries run out,
 * shutdown) are appended to segment files in {@code spoolDirectory} instead of being dropped or
 * failed, and replayed oldest first when the endpoint takes events again, in this run or the next.
 *
 * <p>One thread, {@code eventbunker-spool-<appender>}, owns every file: it encodes and appends what
 * it is handed (so logging threads never touch the disk), forces each batch to disk once (group
 * commit), seals the segment being written when replay catches up with it, reads records ahead for
 * the sender, and deletes segments whose every record is settled. Other threads only hand events
 * over, take replayed ones and acknowledge them, all in memory.
 *
 * <p>Segments are written and read with {@code java.io} streams, not {@code FileChannel}s: an
 * interrupt closes a channel in the middle of a write, and whoever interrupts this thread (a pool
 * shutting down, an application's own clean-up) must not cost it its file or a batch.
 *
 * <p>An event leaves the spool only once settled: delivered, rejected by the API, or too old. A
 * replayed event that runs out of retries again is written anew and its old record acknowledged. A
 * segment goes when all its records are settled, so a process that dies halfway through one replays
 * it whole next time: at least once, with duplicates possible.
 */
final class Spool {
  private static final long IDLE_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** How long {@link #stop} waits for the thread to write and force what it was handed. */
  static final long STOP_NANOS = TimeUnit.SECONDS.toNanos(2);

  /**
   * Segments roll at this size, or an eighth of maxSpoolBytes if smaller: replayed space is freed
   * segment by segment, so a segment must be small against the bound.
   */
  private static final long MAX_SEGMENT_BYTES = 8L * 1024 * 1024;

  /** A batch between two forces to disk: large enough to amortise the force, bounded in memory. */
  private static final int MAX_BATCH_EVENTS = 4096;

  private static final int MAX_BATCH_BYTES = 1024 * 1024;

  /** Records read ahead for replay at most, however large maxInFlight. */
  private static final int MAX_READ_AHEAD = 256;

  private final AppenderSettings settings;
  private final Accounting accounting;
  private final Path directory;
  private final SpoolLock lock;
  private final String prefix;
  private final long segmentBytes;
  private final EventQueue handoff;
  private final ArrayBlockingQueue<TrackedEvent> replay;
  private final int readAhead;
  private final Thread thread;

  // The spool thread's own.
  private final EventEncoder encoder;
  private final CRC32C crc = new CRC32C();
  private final ByteArrayOutputStream batchBytes = new ByteArrayOutputStream();
  private final List<TrackedEvent> batch = new ArrayList<>();
  private final List<Segment> segments = new ArrayList<>();
  private @Nullable Segment active;
  private long nextSequence = 1;

  /** Records on disk not yet settled, this run's and those found from earlier runs. */
  private final AtomicLong spooled = new AtomicLong();

  /** Records on disk not yet read back for replay. */
  private final AtomicLong unread = new AtomicLong();

  /** Bytes of all segment files, quarantined ones excepted. */
  private final AtomicLong spooledBytes = new AtomicLong();

  private volatile Runnable replayReady = () -> {};
  private volatile boolean idle;
  private volatile boolean replayWanted;
  private volatile boolean segmentSettled;
  private volatile boolean stopping;
  private volatile boolean closed;

  private Spool(AppenderSettings settings, Accounting accounting, Path directory, SpoolLock lock) {
    this.settings = settings;
    this.accounting = accounting;
    this.directory = directory;
    this.lock = lock;
    this.prefix = "EventBunker appender '" + settings.appenderName() + "' ";
    this.segmentBytes = Math.max(1, Math.min(MAX_SEGMENT_BYTES, settings.maxSpoolBytes() / 8));
    // It takes the queue's overflow, so at least as large; and at least a batch, so that a burst
    // is absorbed while the previous batch is forced to disk, however small the queue. Its bytes
    // are bounded like the queue's.
    this.handoff =
        new EventQueue(
            Math.max(settings.queueCapacity(), MAX_BATCH_EVENTS), settings.queueMaxBytes());
    // Enough to keep maxInFlight requests busy while the next records are read.
    this.readAhead = Math.min(MAX_READ_AHEAD, 2 * settings.maxInFlight());
    this.replay = new ArrayBlockingQueue<>(readAhead);
    this.encoder = new EventEncoder(settings.maxEventBytes());
    this.thread = new Thread(this::run, "eventbunker-spool-" + settings.appenderName());
    this.thread.setDaemon(true);
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
    String prefix = "EventBunker appender '" + settings.appenderName() + "' ";
    String withoutSpool =
        " This appender runs without a spool: events it cannot deliver in time are dropped or"
            + " failed, as when no spoolDirectory is set.";
    try {
      Files.createDirectories(directory);
      SpoolLock lock = SpoolLock.acquire(directory, owner(settings));
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

  /** Starts the thread; {@code replayReady} wakes the sender when records were read back. */
  void start(Runnable replayReady) {
    this.replayReady = replayReady;
    thread.start();
  }

  Path directory() {
    return directory;
  }

  long spooled() {
    return spooled.get();
  }

  long spooledBytes() {
    return spooledBytes.get();
  }

  /**
   * Hands over an event the pipeline cannot deliver in time, without blocking. A replayed event is
   * written anew (or, if there is no room, keeps its old record, replayed at the next start).
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

  /** True when the spool still answers for the event: a replayed one keeps its record on disk. */
  private static boolean giveBack(TrackedEvent event) {
    if (event.origin() != null) {
      return true;
    }
    event.takeBackFromSpool();
    return false;
  }

  /** Whether replayed events are ready to be sent now. */
  boolean hasReplay() {
    return !replay.isEmpty();
  }

  /**
   * The next replayed event, oldest first, or null. Called by the sender when it has nothing else
   * to send; asks the thread to read more once half of what was read ahead is taken.
   */
  TrackedEvent nextReplayed() {
    TrackedEvent event = replay.poll();
    if (!replayWanted && replay.size() <= readAhead / 2 && unread.get() > 0) {
      replayWanted = true;
      LockSupport.unpark(thread);
    }
    return event;
  }

  /** Called from {@link Segment} as replayed records are settled. */
  void recordsSettled(int count, boolean segmentDone) {
    spooled.addAndGet(-count);
    if (segmentDone) {
      segmentSettled = true;
      if (idle) {
        LockSupport.unpark(thread);
      }
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
      recover();
      while (true) {
        // Interrupts are not a stop signal (stopping is): one left set would make parkNanos return
        // at once, spinning, and forceDirectory fail.
        Thread.interrupted();
        boolean worked = writeBatch();
        removeSettledSegments();
        if (stopping) {
          if (!worked && handoff.isEmpty()) {
            return;
          }
          continue;
        }
        worked |= readAhead();
        if (!worked) {
          idle = true;
          if (handoff.isEmpty() && !stopping && !segmentSettled && !readAheadWanted()) {
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

  private boolean readAheadWanted() {
    return replayWanted && unread.get() > 0;
  }

  /** Counts the segments earlier runs left, and finds their damage, before anything else. */
  private void recover() {
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files =
          listing
              .filter(f -> SegmentFormat.sequenceOf(f.getFileName().toString()) >= 0)
              .sorted(
                  Comparator.comparingLong(
                      f -> SegmentFormat.sequenceOf(f.getFileName().toString())))
              .collect(Collectors.toList());
    } catch (IOException | RuntimeException e) {
      accounting
          .status()
          .warn(
              prefix
                  + "cannot list spoolDirectory "
                  + directory
                  + ": "
                  + e
                  + ". Events spooled by earlier runs, if any, are not sent in this one.");
      return;
    }
    long found = 0;
    for (Path file : files) {
      String name = file.getFileName().toString();
      long sequence = SegmentFormat.sequenceOf(name);
      nextSequence = Math.max(nextSequence, sequence + 1);
      if (!SegmentFormat.isQuarantined(name) && !stopping) {
        found += inherit(file);
      }
    }
    segmentSettled = true; // empty or unreadable ones can go at once
    if (found > 0) {
      accounting
          .status()
          .info(
              prefix
                  + "found "
                  + found
                  + " events spooled by an earlier run in "
                  + directory
                  + ": they are sent, oldest first, as EventBunker takes them.");
      replayReady.run();
    }
  }

  private int inherit(Path file) {
    SegmentReader.Scan scan;
    try {
      scan = SegmentReader.scan(file);
    } catch (IOException e) {
      accounting
          .status()
          .warn(
              prefix
                  + "cannot read spool segment "
                  + file
                  + ": "
                  + e
                  + ". It is left in place and its events are not sent in this run.");
      return 0;
    }
    Segment segment = new Segment(file, this);
    segment.records = scan.records;
    segment.bytes = scan.fileBytes;
    segment.sealed = true;
    if (scan.damage != null) {
      reportDamage(segment, scan, scan.damage);
    }
    segments.add(segment);
    spooledBytes.addAndGet(scan.fileBytes);
    // These events were accepted by the process that spooled them; this one answers for them now.
    accounting.acceptedFromSpool(scan.records);
    spooled.addAndGet(scan.records);
    unread.addAndGet(scan.records);
    return scan.records;
  }

  private void reportDamage(Segment segment, SegmentReader.Scan scan, SegmentReader.Damage damage) {
    long lostBytes = scan.fileBytes - damage.offset;
    if (damage.tornTail) {
      accounting
          .status()
          .warn(
              prefix
                  + "skipped the torn tail of spool segment "
                  + segment.file
                  + ": "
                  + damage.getMessage()
                  + " (the last "
                  + lostBytes
                  + " bytes, from byte "
                  + damage.offset
                  + "). The process or machine stopped while writing them; the "
                  + scan.records
                  + " events before them are sent.");
    } else {
      segment.damage = damage.getMessage() + " at byte " + damage.offset;
      accounting
          .status()
          .warn(
              prefix
                  + "found spool segment "
                  + segment.file
                  + " corrupt: "
                  + segment.damage
                  + ". Its "
                  + scan.records
                  + " events before that are sent, then the file is renamed to "
                  + quarantined(segment).getFileName()
                  + " and kept; the "
                  + lostBytes
                  + " bytes from the damage on cannot be read and are not sent. Damage in the"
                  + " middle of a segment means a disk fault, or another program writing into"
                  + " spoolDirectory: inspect the file, then delete it.");
    }
  }

  private static Path quarantined(Segment segment) {
    return segment.file.resolveSibling(
        segment.file.getFileName() + SegmentFormat.QUARANTINE_SUFFIX);
  }

  /** Appends what was handed over as one batch, forced to disk once. */
  private boolean writeBatch() {
    TrackedEvent event = handoff.poll();
    if (event == null) {
      return false;
    }
    if (active != null && active.bytes >= segmentBytes) {
      seal(active);
    }
    long room =
        settings.maxSpoolBytes()
            - spooledBytes.get()
            - (active == null ? SegmentFormat.FILE_HEADER_BYTES : 0);
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
        if (!giveBack(event)) {
          accounting.dropped(event, fullMessage());
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

  @SuppressWarnings("NonAtomicVolatileUpdate") // only the spool thread writes records
  private void append() {
    try {
      if (active == null) {
        active = createSegment();
      }
      FileOutputStream out = Objects.requireNonNull(active.out); // open while active
      batchBytes.writeTo(out);
      out.getFD().sync();
    } catch (IOException e) {
      writeFailed(e);
      return;
    }
    active.bytes += batchBytes.size();
    spooledBytes.addAndGet(batchBytes.size());
    active.records += batch.size();
    spooled.addAndGet(batch.size());
    unread.addAndGet(batch.size());
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
                    + directory
                    + ": EventBunker did not take them in time"
                    + (retried == null ? "" : " (last retried error: " + retried + ")")
                    + ". They are sent when it takes events again, or at the next start.");
    replayReady.run();
  }

  /**
   * The batch is not durable: its events fail (replayed ones keep their old record). The segment
   * may end in part of it, so it takes no more records: its good ones are replayed as usual, and
   * the next start reads the rest as a torn tail.
   */
  private void writeFailed(IOException e) {
    String reason =
        "the event could not be written to spoolDirectory "
            + directory
            + ": "
            + e
            + ". Check the disk's free space and this process's permissions";
    if (active != null) {
      seal(active);
    }
    for (TrackedEvent event : batch) {
      if (!giveBack(event)) {
        accounting.failed(event, reason, 0);
      }
    }
  }

  private Segment createSegment() throws IOException {
    long sequence = nextSequence++;
    Path file = Files.createFile(directory.resolve(SegmentFormat.fileName(sequence)));
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
    Segment segment = new Segment(file, this);
    segment.out = out;
    segment.bytes = SegmentFormat.FILE_HEADER_BYTES;
    spooledBytes.addAndGet(segment.bytes);
    segments.add(segment);
    return segment;
  }

  /**
   * Makes a new file's directory entry durable, so that a power loss cannot lose a whole segment.
   * Best effort: some platforms (Windows) cannot open a directory, and do not need this.
   */
  private void forceDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | RuntimeException e) {
      // Without it a power loss may lose the newest segment; a process crash still loses nothing.
    }
  }

  /** No more records go to the active segment; from now on it may be read back. */
  private void seal(Segment segment) {
    if (segment == active) {
      active = null;
    }
    segment.sealed = true;
    FileOutputStream out = Objects.requireNonNull(segment.out); // sealed once only
    segment.out = null;
    try {
      out.close();
      long size = Files.size(segment.file); // counts a partly written, failed batch too
      spooledBytes.addAndGet(size - segment.bytes);
      segment.bytes = size;
    } catch (IOException e) {
      // Every record counted in it was forced before; closing can only lose what was not.
    }
    if (segment.records == 0) {
      segmentSettled = true; // its only batch failed: nothing in it to keep
    }
  }

  /** Reads records ahead for the sender, oldest first, when it asked for them. */
  private boolean readAhead() {
    if (!replayWanted) {
      return false;
    }
    replayWanted = false;
    int added = 0;
    long maxAge = settings.spoolMaxAgeMillis();
    long now = System.currentTimeMillis();
    while (replay.remainingCapacity() > 0) {
      Segment segment = firstUnread();
      if (segment == null) {
        if (active != null && active.records > 0) {
          seal(active); // replay has caught up with this run's spooling
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
      if (maxAge > 0 && now - record.timestampMillis > maxAge) {
        accounting.failed(event, tooOldMessage(now - record.timestampMillis), 0);
        continue;
      }
      replay.add(event);
      added++;
    }
    if (added > 0) {
      replayReady.run();
    }
    return added > 0;
  }

  private @Nullable Segment firstUnread() {
    for (Segment segment : segments) {
      if (segment.sealed && segment.read < segment.records) {
        return segment;
      }
    }
    return null;
  }

  /** The segment's next record, or null when it cannot be read (its rest is then given up). */
  @SuppressWarnings("NonAtomicVolatileUpdate") // only the spool thread writes read
  private SegmentReader.@Nullable Record read(Segment segment) {
    try {
      if (segment.reader == null) {
        segment.reader = SegmentReader.open(segment.file);
      }
      SegmentReader.Record record = segment.reader.next();
      if (record == null) {
        throw new IOException("the file is shorter than when it was written or scanned");
      }
      segment.read++;
      unread.decrementAndGet();
      if (segment.read == segment.records) {
        closeReader(segment);
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
      closeReader(segment);
      unread.addAndGet(-lost);
      segment.abandon(lost);
      accounting.lostFromSpool(lost, reason);
      return null;
    }
  }

  private void closeReader(Segment segment) {
    if (segment.reader != null) {
      try {
        segment.reader.close();
      } catch (IOException e) {
        // A reader holds nothing to flush: a failed close loses nothing.
      }
      segment.reader = null;
    }
  }

  /** Deletes (or quarantines) segments whose every record is settled. */
  private void removeSettledSegments() {
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
    closeReader(segment);
    spooledBytes.addAndGet(-segment.bytes);
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

  /**
   * On the thread's way out, at stop or when it failed: every record counted is on disk; release
   * the files and the lock, and take no more events (their senders settle them).
   */
  private void shutdown() {
    closed = true;
    if (active != null) {
      seal(active);
    }
    for (Segment segment : segments) {
      closeReader(segment);
    }
    try {
      lock.close();
    } catch (IOException e) {
      accounting
          .status()
          .warn(prefix + "could not release the lock on spoolDirectory " + directory + ": " + e);
    }
  }

  private String fullMessage() {
    return "the spool is full (maxSpoolBytes "
        + settings.maxSpoolBytes()
        + " bytes in "
        + directory
        + "): EventBunker has been unreachable for long. The newest events are dropped until"
        + " replay frees space; raise maxSpoolBytes to keep more";
  }

  private String tooOldMessage(long ageMillis) {
    return "the spooled event is "
        + TimeUnit.MILLISECONDS.toSeconds(ageMillis)
        + " s old, older than spoolMaxAge ("
        + settings.spoolMaxAgeMillis()
        + " ms), and was not sent. Raise spoolMaxAge, or set it to 0, to send spooled events"
        + " however old";
  }
}
