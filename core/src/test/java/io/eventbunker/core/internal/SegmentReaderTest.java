package io.eventbunker.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The segment format read back whole, cut short, and damaged. */
class SegmentReaderTest {
  @TempDir Path dir;

  /** Writes records {@code e0..e(n-1)} and returns the offset where each record starts. */
  private long[] writeSegment(Path file, int count) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(SegmentFormat.MAGIC);
    long[] offsets = new long[count];
    CRC32C crc = new CRC32C();
    for (int i = 0; i < count; i++) {
      offsets[i] = out.size();
      SegmentFormat.writeRecord(
          out,
          crc,
          1_000L + i,
          ("e" + i).getBytes(StandardCharsets.UTF_8),
          ("{\"event_name\":\"e" + i + "\"}").getBytes(StandardCharsets.UTF_8));
    }
    Files.write(file, out.toByteArray());
    return offsets;
  }

  private static List<String> names(Path file) throws Exception {
    List<String> names = new ArrayList<>();
    try (SegmentReader reader = SegmentReader.open(file)) {
      SegmentReader.Record record;
      while ((record = reader.next()) != null) {
        names.add(record.name);
      }
    }
    return names;
  }

  private static void truncate(Path file, long size) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, (int) size));
  }

  private static void flipByte(Path file, long offset) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) offset] ^= 0x5A;
    Files.write(file, bytes);
  }

  @Test
  void recordsReadBackInOrderWithTheirTimestampNameAndJson() throws Exception {
    Path file = dir.resolve(SegmentFormat.fileName(1));
    writeSegment(file, 3);

    try (SegmentReader reader = SegmentReader.open(file)) {
      SegmentReader.Record first = reader.next();
      assertEquals(1_000L, first.timestampMillis);
      assertEquals("e0", first.name);
      assertEquals("{\"event_name\":\"e0\"}", new String(first.json, StandardCharsets.UTF_8));
    }
    assertEquals(List.of("e0", "e1", "e2"), names(file));
    SegmentReader.Scan scan = SegmentReader.scan(file);
    assertEquals(3, scan.records);
    assertNull(scan.damage);
  }

  @Test
  void aLastRecordCutShortIsATornTailAndTheRecordsBeforeItAreKept() throws Exception {
    Path file = dir.resolve(SegmentFormat.fileName(1));
    long[] offsets = writeSegment(file, 5);
    truncate(file, offsets[4] + 15);

    SegmentReader.Scan scan = SegmentReader.scan(file);
    assertEquals(4, scan.records);
    assertTrue(scan.damage.tornTail, scan.damage.getMessage());
    assertEquals(offsets[4], scan.damage.offset);
  }

  @Test
  void aRecordHeaderCutShortIsATornTail() throws Exception {
    Path file = dir.resolve(SegmentFormat.fileName(1));
    long[] offsets = writeSegment(file, 3);
    truncate(file, offsets[2] + 3);

    SegmentReader.Scan scan = SegmentReader.scan(file);
    assertEquals(2, scan.records);
    assertTrue(scan.damage.tornTail);
  }

  @Test
  void aBadChecksumOnTheLastRecordIsATornTail() throws Exception {
    Path file = dir.resolve(SegmentFormat.fileName(1));
    long[] offsets = writeSegment(file, 3);
    flipByte(file, Files.size(file) - 2);

    SegmentReader.Scan scan = SegmentReader.scan(file);
    assertEquals(2, scan.records);
    assertTrue(scan.damage.tornTail);
    assertEquals(offsets[2], scan.damage.offset);
  }

  @Test
  void zerosWhereRecordsShouldBeAreATornTail() throws Exception {
    Path file = dir.resolve(SegmentFormat.fileName(1));
    writeSegment(file, 2);
    long goodBytes = Files.size(file);
    Files.write(file, new byte[4096], java.nio.file.StandardOpenOption.APPEND);

    SegmentReader.Scan scan = SegmentReader.scan(file);
    assertEquals(2, scan.records);
    assertTrue(scan.damage.tornTail);
    assertEquals(goodBytes, scan.damage.offset);
  }

  @Test
  void aBadRecordWithDataAfterItMakesTheSegmentCorrupt() throws Exception {
    Path file = dir.resolve(SegmentFormat.fileName(1));
    long[] offsets = writeSegment(file, 6);
    flipByte(file, offsets[3] + 20);

    SegmentReader.Scan scan = SegmentReader.scan(file);
    assertEquals(3, scan.records);
    assertFalse(scan.damage.tornTail);
    assertEquals(offsets[3], scan.damage.offset);
    assertTrue(scan.damage.getMessage().contains("checksum"), scan.damage.getMessage());
  }

  @Test
  void aDamagedLengthWithDataAfterItMakesTheSegmentCorrupt() throws Exception {
    Path file = dir.resolve(SegmentFormat.fileName(1));
    long[] offsets = writeSegment(file, 10);
    flipByte(file, offsets[1]); // the length's top byte: now far larger than the file

    SegmentReader.Scan scan = SegmentReader.scan(file);
    assertEquals(1, scan.records);
    // A length past the end reads as a cut-short last record: the format cannot tell them apart.
    assertTrue(scan.damage.tornTail);
    flipByte(file, offsets[1]);
    flipByte(file, offsets[1] + 3); // the length's low byte: still inside the file
    SegmentReader.Scan rescan = SegmentReader.scan(file);
    assertEquals(1, rescan.records);
    assertFalse(rescan.damage.tornTail, rescan.damage.getMessage());
  }

  @Test
  void aFileOfAnotherFormatIsCorruptFromItsFirstByte() throws Exception {
    Path file = dir.resolve(SegmentFormat.fileName(1));
    writeSegment(file, 2);
    flipByte(file, 7); // the version byte

    SegmentReader.Scan scan = SegmentReader.scan(file);
    assertEquals(0, scan.records);
    assertFalse(scan.damage.tornTail);
    assertEquals(0, scan.damage.offset);
  }

  @Test
  void aFileCutInsideItsHeaderIsATornTail() throws Exception {
    Path file = dir.resolve(SegmentFormat.fileName(1));
    Files.write(file, Arrays.copyOf(SegmentFormat.MAGIC, 3));

    SegmentReader.Scan scan = SegmentReader.scan(file);
    assertEquals(0, scan.records);
    assertTrue(scan.damage.tornTail);
  }

  @Test
  void readingPastDamageThrowsInsteadOfReturningGarbage() throws Exception {
    Path file = dir.resolve(SegmentFormat.fileName(1));
    long[] offsets = writeSegment(file, 3);
    flipByte(file, offsets[1] + 20);

    try (SegmentReader reader = SegmentReader.open(file)) {
      assertEquals("e0", reader.next().name);
      assertThrows(SegmentReader.Damage.class, reader::next);
    }
  }

  @Test
  void fileNamesSortOldestFirstAndOnlySegmentsHaveSequences() {
    assertEquals("segment-0000000000000000042.spool", SegmentFormat.fileName(42));
    assertEquals(42, SegmentFormat.sequenceOf("segment-0000000000000000042.spool"));
    assertEquals(42, SegmentFormat.sequenceOf("segment-0000000000000000042.spool.corrupt"));
    assertEquals(-1, SegmentFormat.sequenceOf("spool.lock"));
    assertEquals(-1, SegmentFormat.sequenceOf("segment-00000000000000000x2.spool"));
    assertTrue(SegmentFormat.fileName(9).compareTo(SegmentFormat.fileName(10)) < 0);
  }
}
