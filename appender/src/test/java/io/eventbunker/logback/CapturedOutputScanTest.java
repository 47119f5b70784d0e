package io.eventbunker.logback;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs after the rest of the suite (the output-scan surefire execution) and reads everything it
 * printed — test output, stack traces, and every logback status, which logback-test.xml sends to
 * the console: the write key must appear nowhere.
 */
@Tag("output-scan")
class CapturedOutputScanTest {
  private static final Path REPORTS = Path.of("target", "surefire-reports");

  @Test
  void writeKeyAppearsNowhereInTheSuitesCapturedOutput() throws IOException {
    List<Path> captured;
    try (Stream<Path> files = Files.list(REPORTS)) {
      captured =
          files
              .filter(f -> f.toString().endsWith("-output.txt") || f.toString().endsWith(".xml"))
              .filter(f -> !f.getFileName().toString().contains("CapturedOutputScanTest"))
              .collect(Collectors.toList());
    }
    assertTrue(
        captured.stream().anyMatch(f -> f.toString().endsWith("DeliveryTest-output.txt")),
        "the suite's captured output is there to scan: " + captured);

    for (Path file : captured) {
      String text = Files.readString(file, StandardCharsets.ISO_8859_1);
      assertFalse(text.contains(AppenderHarness.WRITE_KEY), "the write key leaked into " + file);
    }
  }
}
