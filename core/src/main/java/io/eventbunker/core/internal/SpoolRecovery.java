package io.eventbunker.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Takes over what earlier runs left in the spool directory, before anything else is written: counts
 * each segment's good records for replay, and reports damage. A torn tail is expected (the process
 * stopped mid-write); damage with data after it marks the segment for quarantine once its readable
 * records are settled.
 */
final class SpoolRecovery {
  private final SegmentStore store;
  private final Accounting accounting;
  private final String prefix;

  SpoolRecovery(SegmentStore store, Accounting accounting, String prefix) {
    this.store = store;
    this.accounting = accounting;
    this.prefix = prefix;
  }

  /**
   * Adds the earlier runs' segments to the store; none once {@code stopping}, since a stop must not
   * wait for a large spool to be scanned.
   *
   * @return the events found, which this run now answers for
   */
  long recover(BooleanSupplier stopping) {
    Path directory = store.directory();
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
      return 0;
    }
    long found = 0;
    for (Path file : files) {
      String name = file.getFileName().toString();
      store.sequenceSeen(SegmentFormat.sequenceOf(name));
      if (!SegmentFormat.isQuarantined(name) && !stopping.getAsBoolean()) {
        found += inherit(file);
      }
    }
    store.segmentSettled(); // empty or unreadable ones can go at once
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
    }
    return found;
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
    // These events were accepted by the process that spooled them; this one answers for them now.
    // Counted before the store shows them spooled, so that no snapshot has more spooled than open.
    accounting.acceptedFromSpool(scan.records);
    Segment segment = store.inherited(file, scan.fileBytes, scan.records);
    if (scan.damage != null) {
      reportDamage(segment, scan, scan.damage);
    }
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
                  + SegmentStore.quarantined(segment).getFileName()
                  + " and kept; the "
                  + lostBytes
                  + " bytes from the damage on cannot be read and are not sent. Damage in the"
                  + " middle of a segment means a disk fault, or another program writing into"
                  + " spoolDirectory: inspect the file, then delete it.");
    }
  }
}
