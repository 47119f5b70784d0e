package io.eventbunker.core.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The spool's directory and files are this user's only ({@code 0700}, {@code 0600}) where the file
 * system has POSIX permissions: spooled events may carry personal data, which other local users
 * must not read. The permissions are given at creation, so there is no moment with the umask's.
 */
final class PrivateFiles {
  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /**
   * Creates the spool directory unless it exists. Missing parents are created as usual: they are
   * not the spool's, and may be shared with whatever else the application keeps there.
   */
  static void createDirectory(Path directory) throws IOException {
    Path parent = directory.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createDirectory(directory, attributes(directory, DIRECTORY));
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(directory)) {
        throw e;
      }
    }
  }

  /** For creating a file of the spool: {@code Files.createFile(file, PrivateFiles.file(file))}. */
  static FileAttribute<?>[] file(Path file) {
    return attributes(file, FILE);
  }

  /**
   * An existing directory is the user's choice and stays as it is; this tells whether others may
   * use it: its permissions ("rwxr-xr-x") when they grant anyone but the owner anything. Null
   * otherwise, and when they cannot be read: this is only worth a warning.
   */
  static @Nullable String openToOthers(Path directory) {
    if (!isPosix(directory)) {
      return null;
    }
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
      return DIRECTORY.containsAll(permissions) ? null : PosixFilePermissions.toString(permissions);
    } catch (IOException e) {
      return null;
    }
  }

  private static FileAttribute<?>[] attributes(Path path, Set<PosixFilePermission> permissions) {
    return isPosix(path)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
