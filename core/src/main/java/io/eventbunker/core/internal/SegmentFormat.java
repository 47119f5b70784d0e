package io.eventbunker.core.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The spool's file format. A segment is a file named {@code segment-<sequence>.spool}:
 *
 * <pre>
 * segment = magic "EBSPOOL" version:u8 record*
 * record  = length:i32 checksum:i32 payload[length]    (big-endian)
 * payload = timestampMillis:i64 nameLength:i32 name:utf8[nameLength] json:rest-of-payload
 * </pre>
 *
 * The length lets a reader find where a record ends, and the checksum (CRC-32C, over the payload)
 * tells a complete record from one cut short or damaged. The timestamp is the statement's own time,
 * for {@code spoolMaxAge}; the name is kept apart from the JSON so that outcomes can name the event
 * without parsing it.
 */
public final class SegmentFormat {
  static final byte VERSION = 1;
  static final byte[] MAGIC = {'E', 'B', 'S', 'P', 'O', 'O', 'L', VERSION};
  public static final int FILE_HEADER_BYTES = MAGIC.length;
  public static final int RECORD_HEADER_BYTES = 8;
  static final int PAYLOAD_FIXED_BYTES = 12;

  static final String PREFIX = "segment-";
  public static final String SUFFIX = ".spool";
  public static final String QUARANTINE_SUFFIX = ".corrupt";

  private static final int SEQUENCE_DIGITS = 19;

  private SegmentFormat() {}

  /** Zero-padded, so that a directory listing sorts segments oldest first for people too. */
  static String fileName(long sequence) {
    return PREFIX + String.format("%0" + SEQUENCE_DIGITS + "d", sequence) + SUFFIX;
  }

  /**
   * The sequence number of a segment's file name, quarantined ones included (so that new segments
   * never reuse their names); -1 for any other file.
   */
  static long sequenceOf(String fileName) {
    String name =
        fileName.endsWith(QUARANTINE_SUFFIX)
            ? fileName.substring(0, fileName.length() - QUARANTINE_SUFFIX.length())
            : fileName;
    if (!name.startsWith(PREFIX)
        || !name.endsWith(SUFFIX)
        || name.length() != PREFIX.length() + SEQUENCE_DIGITS + SUFFIX.length()) {
      return -1;
    }
    String digits = name.substring(PREFIX.length(), PREFIX.length() + SEQUENCE_DIGITS);
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(digits);
  }

  static boolean isQuarantined(String fileName) {
    return fileName.endsWith(QUARANTINE_SUFFIX);
  }

  /** Bytes one record takes in a segment. */
  static int recordBytes(byte[] name, byte[] json) {
    return RECORD_HEADER_BYTES + PAYLOAD_FIXED_BYTES + name.length + json.length;
  }

  /** Appends one record to {@code out}, using (and resetting) {@code crc}. */
  static void writeRecord(
      ByteArrayOutputStream out, CRC32C crc, long timestampMillis, byte[] name, byte[] json) {
    byte[] fixed =
        ByteBuffer.allocate(PAYLOAD_FIXED_BYTES)
            .putLong(timestampMillis)
            .putInt(name.length)
            .array();
    crc.reset();
    crc.update(fixed);
    crc.update(name);
    crc.update(json);
    byte[] header =
        ByteBuffer.allocate(RECORD_HEADER_BYTES)
            .putInt(PAYLOAD_FIXED_BYTES + name.length + json.length)
            .putInt((int) crc.getValue())
            .array();
    out.write(header, 0, header.length);
    out.write(fixed, 0, fixed.length);
    out.write(name, 0, name.length);
    out.write(json, 0, json.length);
  }
}
