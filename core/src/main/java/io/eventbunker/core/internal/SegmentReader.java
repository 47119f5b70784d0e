package io.eventbunker.core.internal;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * Reads a segment's records in order, and tells how it is damaged when it is.
 *
 * <p>A process killed while writing leaves a <em>torn tail</em>: a last record cut short, or one
 * whose checksum fails because its bytes never all reached the file, or (after a power loss) a run
 * of zeros where the file system had not yet written its blocks. That is expected, and everything
 * before it is good. A bad record with data after it is something else — a disk fault, or another
 * program writing into the directory — and the segment is <em>corrupt</em>: the records before the
 * damage are still good, the rest cannot be trusted.
 *
 * <p>It reads through {@code java.io} streams, which an interrupt of the spool thread cannot close
 * (a {@code FileChannel} it would), so that an interrupt is never taken for a damaged segment.
 */
public final class SegmentReader implements Closeable {
  private static final int BUFFER_BYTES = 64 * 1024;

  private final Path file;
  private final long size;
  private final DataInputStream in;
  private final CRC32C crc = new CRC32C();
  private long position;

  private SegmentReader(Path file, FileInputStream input) throws IOException {
    this.file = file;
    this.size = Files.size(file); // no one writes a segment that is read
    this.in = new DataInputStream(new BufferedInputStream(input, BUFFER_BYTES));
  }

  public static SegmentReader open(Path file) throws IOException {
    FileInputStream input = new FileInputStream(file.toFile());
    try {
      return new SegmentReader(file, input);
    } catch (IOException | RuntimeException e) {
      input.close();
      throw e;
    }
  }

  /** Reads the whole segment once, to count its good records and find any damage. */
  static Scan scan(Path file) throws IOException {
    try (SegmentReader reader = open(file)) {
      int records = 0;
      try {
        while (reader.next() != null) {
          records++;
        }
        return new Scan(records, reader.size, null);
      } catch (Damage damage) {
        return new Scan(records, reader.size, damage);
      }
    }
  }

  /** The next record, or null at the end of the file. */
  public @Nullable Record next() throws IOException, Damage {
    if (position == 0) {
      readFileHeader();
    }
    long start = position;
    long remaining = size - start;
    if (remaining == 0) {
      return null;
    }
    if (remaining < SegmentFormat.RECORD_HEADER_BYTES) {
      throw new Damage(true, start, "the last record's header is cut short");
    }
    int length = in.readInt();
    int checksum = in.readInt();
    position += SegmentFormat.RECORD_HEADER_BYTES;
    if (length < SegmentFormat.PAYLOAD_FIXED_BYTES) {
      throw damaged(start, "a record has the impossible length " + length);
    }
    if (length > size - position) {
      throw new Damage(true, start, "the last record runs past the end of the file");
    }
    byte[] payload = new byte[length];
    in.readFully(payload);
    position += length;
    crc.reset();
    crc.update(payload);
    if ((int) crc.getValue() != checksum) {
      if (position == size) {
        throw new Damage(true, start, "the last record's checksum does not match");
      }
      throw damaged(start, "a record's checksum does not match");
    }
    ByteBuffer fixed = ByteBuffer.wrap(payload);
    long timestampMillis = fixed.getLong();
    int nameLength = fixed.getInt();
    if (nameLength < 0 || nameLength > length - SegmentFormat.PAYLOAD_FIXED_BYTES) {
      throw damaged(start, "a record's name length " + nameLength + " is impossible");
    }
    int jsonStart = SegmentFormat.PAYLOAD_FIXED_BYTES + nameLength;
    return new Record(
        timestampMillis,
        new String(payload, SegmentFormat.PAYLOAD_FIXED_BYTES, nameLength, StandardCharsets.UTF_8),
        Arrays.copyOfRange(payload, jsonStart, length));
  }

  private void readFileHeader() throws IOException, Damage {
    if (size < SegmentFormat.FILE_HEADER_BYTES) {
      throw new Damage(true, 0, "the file ends inside its header");
    }
    byte[] magic = new byte[SegmentFormat.FILE_HEADER_BYTES];
    in.readFully(magic);
    position = SegmentFormat.FILE_HEADER_BYTES;
    if (!Arrays.equals(magic, SegmentFormat.MAGIC)) {
      throw new Damage(
          false, 0, "it does not start like a spool segment of format " + SegmentFormat.VERSION);
    }
  }

  /** Damage followed only by zeros is a torn tail: blocks allocated but never written. */
  private Damage damaged(long start, String what) throws IOException {
    return new Damage(onlyZerosFrom(start), start, what);
  }

  private boolean onlyZerosFrom(long start) throws IOException {
    try (FileInputStream input = new FileInputStream(file.toFile());
        InputStream rest = new BufferedInputStream(input, BUFFER_BYTES)) {
      input.skip(start); // a seek: a file skips all it is asked to
      int b;
      while ((b = rest.read()) >= 0) {
        if (b != 0) {
          return false;
        }
      }
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** One spooled event as read back. */
  public static final class Record {
    public final long timestampMillis;
    public final String name;
    public final byte[] json;

    Record(long timestampMillis, String name, byte[] json) {
      this.timestampMillis = timestampMillis;
      this.name = name;
      this.json = json;
    }
  }

  /** Where and how a segment stops being readable. */
  public static final class Damage extends Exception {
    private static final long serialVersionUID = 1L;

    final boolean tornTail;
    final long offset;

    Damage(boolean tornTail, long offset, String what) {
      super(what, null, false, false);
      this.tornTail = tornTail;
      this.offset = offset;
    }
  }

  /** What reading a whole segment found. */
  static final class Scan {
    final int records;
    final long fileBytes;

    /** Null when every byte of the file belongs to a good record. */
    final @Nullable Damage damage;

    Scan(int records, long fileBytes, @Nullable Damage damage) {
      this.records = records;
      this.fileBytes = fileBytes;
      this.damage = damage;
    }
  }
}
