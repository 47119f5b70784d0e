package io.eventbunker.core.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spooled events may carry personal data: the spool's directory and files are its user's only,
 * whatever the umask, where the file system has POSIX permissions.
 */
class SpoolPermissionsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @BeforeEach
  void posixOnly() {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "the file system has no POSIX permissions");
  }

  @Test
  void theDirectoryItCreatesAndEveryFileItWritesAreTheUsersOnly() throws Exception {
    Path parent = dir.resolve("app");
    Path directory = parent.resolve("spool");
    SpoolFixture fixture = new SpoolFixture("private", directory);
    Spool spool = fixture.open(fixture.settings());
    spool.start(() -> {});
    try {
      assertTrue(spool.offer(SpoolFixture.event(0)));
      await().atMost(WAIT).until(() -> spool.spooled() == 1);
    } finally {
      spool.stop();
    }

    assertEquals("rwx------", permissions(directory));
    List<Path> files = list(directory);
    assertEquals(3, files.size(), "a segment, the lock and its owner: " + files);
    for (Path file : files) {
      assertEquals("rw-------", permissions(file), file.toString());
    }
    assertFalse(fixture.warnings().contains("open to other users"), fixture.warnings());
    Path usual = Files.createDirectory(dir.resolve("usual"));
    assertEquals(permissions(usual), permissions(parent), "a parent is not the spool's: as usual");
  }

  @Test
  void anExistingDirectoryOpenToOthersIsLeftAsItIsWithAWarning() throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
    SpoolFixture fixture = new SpoolFixture("shared", dir);
    Spool spool = fixture.open(fixture.settings());
    spool.start(() -> {});
    spool.stop();

    assertEquals("rwxr-x---", permissions(dir));
    String warnings = fixture.warnings();
    assertTrue(
        warnings.contains("spoolDirectory " + dir + " is open to other users (rwxr-x---)")
            && warnings.contains("chmod 700"),
        warnings);
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().collect(Collectors.toList());
    }
  }
}
