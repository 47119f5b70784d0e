package io.eventbunker.core.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Makes a spool directory one appender's in one process: an OS file lock on {@code spool.lock}
 * keeps other processes out (and is released by the OS if this one dies), and a registry keeps out
 * other appenders of this JVM. Who holds the directory is written to {@code spool.owner}, for the
 * message the others get.
 *
 * <p>POSIX releases all of a process's locks on a file when <em>any</em> of its descriptors for
 * that file is closed. So this JVM never opens {@code spool.lock} except to lock it: the registry
 * is checked first, and the holder's description lives in a file of its own.
 */
final class SpoolLock implements Closeable {
  static final String LOCK_FILE = "spool.lock";
  static final String OWNER_FILE = "spool.owner";

  /**
   * Lock files held in this JVM, by the real path of their directory (so that two spellings of one
   * directory are one key), with their holders' descriptions.
   */
  private static final Map<Path, String> HELD_IN_THIS_JVM = new ConcurrentHashMap<>();

  /**
   * Channels that found the lock held by another copy of this class (another class loader in this
   * JVM). Closing one would release that copy's lock, so they stay open.
   */
  private static final List<FileChannel> NEVER_CLOSED = new CopyOnWriteArrayList<>();

  private final Path lockFile;
  private final FileChannel channel;
  private final FileLock lock;

  private SpoolLock(Path lockFile, FileChannel channel, FileLock lock) {
    this.lockFile = lockFile;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the directory for {@code owner} (a description such as "pid 42, appender 'x'").
   *
   * @throws Held when another appender or process has it; the message names the holder
   */
  static SpoolLock acquire(Path directory, String owner) throws IOException, Held {
    Path key = directory.toRealPath().resolve(LOCK_FILE);
    String holder = HELD_IN_THIS_JVM.putIfAbsent(key, owner);
    if (holder != null) {
      throw new Held(holder + " in this JVM");
    }
    try {
      FileChannel channel =
          FileChannel.open(
              key,
              EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
              PrivateFiles.file(key));
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        NEVER_CLOSED.add(channel);
        throw new Held(describeHolder(directory) + ", loaded by another class loader of this JVM");
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      if (lock == null) {
        channel.close();
        throw new Held(describeHolder(directory));
      }
      try {
        writeOwner(directory.resolve(OWNER_FILE), owner);
      } catch (IOException | RuntimeException e) {
        // Closing the channel releases the lock: a failed start must not keep the directory.
        channel.close();
        throw e;
      }
      return new SpoolLock(key, channel, lock);
    } catch (IOException | Held | RuntimeException e) {
      HELD_IN_THIS_JVM.remove(key);
      throw e;
    }
  }

  private static void writeOwner(Path file, String owner) throws IOException {
    try (SeekableByteChannel out =
        Files.newByteChannel(
            file,
            EnumSet.of(
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING),
            PrivateFiles.file(file))) {
      ByteBuffer bytes = ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
    }
  }

  private static String describeHolder(Path directory) {
    try {
      return new String(Files.readAllBytes(directory.resolve(OWNER_FILE)), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return "another process";
    } catch (IOException e) {
      return "another process (" + e + ")";
    }
  }

  /**
   * Releases the directory; the lock file stays, since deleting it would race with a new holder.
   */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
      channel.close();
    } finally {
      HELD_IN_THIS_JVM.remove(lockFile);
    }
  }

  /** The directory is someone else's; the message says whose. */
  static final class Held extends Exception {
    private static final long serialVersionUID = 1L;

    Held(String holder) {
      super(holder, null, false, false);
    }
  }
}
