package io.eventbunker.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's flag table, the --help text and the parser name the same flags. */
class ReadmeFlagsTest {
  private static final Pattern FLAG = Pattern.compile("--[a-z][a-z-]*");
  private static final Pattern USAGE_LINE =
      Pattern.compile("^  (--[a-z][a-z-]*)", Pattern.MULTILINE);
  private static final Set<String> WITHOUT_VALUE = Set.of("--help", "--tls");

  private static Set<String> usageFlags() {
    Set<String> flags = new TreeSet<>();
    Matcher matcher = USAGE_LINE.matcher(CommandLine.USAGE);
    while (matcher.find()) {
      flags.add(matcher.group(1));
    }
    return flags;
  }

  private static Set<String> readmeFlags() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    String standalone =
        readme.substring(
            readme.indexOf("## Standalone"),
            readme.indexOf("\n## ", readme.indexOf("## Standalone") + 1));
    Set<String> flags = new TreeSet<>();
    for (String line : standalone.split("\n")) {
      if (line.startsWith("| `--")) {
        Matcher matcher = FLAG.matcher(line.substring(0, line.indexOf(" |", 2)));
        while (matcher.find()) {
          flags.add(matcher.group());
        }
      }
    }
    return flags;
  }

  @Test
  void theReadmeTableListsEveryFlagOfTheHelp() throws IOException {
    assertEquals(usageFlags(), readmeFlags());
  }

  @Test
  void everyFlagOfTheHelpIsParsed() {
    assertTrue(usageFlags().containsAll(WITHOUT_VALUE), usageFlags().toString());
    for (String flag : usageFlags()) {
      if (WITHOUT_VALUE.contains(flag)) {
        continue;
      }
      // Known flags that take a value say so with an example; an unknown one is "unknown flag".
      CommandLine.UsageException e =
          assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(flag));
      assertTrue(e.getMessage().startsWith(flag + " needs a value, e.g. "), e.getMessage());
    }
  }
}
