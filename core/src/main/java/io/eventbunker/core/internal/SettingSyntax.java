package io.eventbunker.core.internal;

/**
 * How settings are written where the user configures the appender, so that an error about one says
 * what to change in their own file.
 */
public interface SettingSyntax {

  /** The setting as written in the file: {@code <queueCapacity>}, or an attribute's name. */
  String name(String setting);

  /** The file the settings are in, such as {@code logback.xml}. */
  String file();

  /** The write key set from an environment variable, as it would be written in {@link #file()}. */
  String writeKeyExample();
}
