package io.eventbunker.core.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolLockTest {
  @TempDir Path dir;

  @Test
  void aLockWhoseOwnerCannotBeWrittenIsLetGoOf() throws Exception {
    // A directory where the owner file goes: writing it fails after the lock is taken.
    Path owner = Files.createDirectory(dir.resolve(SpoolLock.OWNER_FILE));
    assertThrows(IOException.class, () -> SpoolLock.acquire(dir, "first"));

    Files.delete(owner);
    // Taken: the failed attempt released both the JVM's claim and the file lock.
    SpoolLock.acquire(dir, "second").close();
  }
}
