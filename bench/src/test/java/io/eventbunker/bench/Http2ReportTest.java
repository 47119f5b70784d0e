package io.eventbunker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The HTTPS + HTTP/2 section, written into an existing RESULTS.md on its own. */
class Http2ReportTest {
  private static final String BEFORE = "# Benchmark results\n\n## Fresh JVM\n\nfresh\n\n";
  private static final String KEPT = Report.KEPT_MARKER + "\n\n## Runs\n\nby hand\n";
  private static final String SECTION = Http2Report.HEADING + " (new)\n\nnew figures\n\n";

  @Test
  void addsTheSectionBeforeTheHandWrittenPart() {
    assertEquals(BEFORE + SECTION + KEPT, Http2Report.splice(BEFORE + KEPT, SECTION));
  }

  @Test
  void replacesOnlyItsOwnSection() {
    String old = Http2Report.HEADING + " (old)\n\nold figures\n\n";
    String later = "## Later\n\nlater\n\n";

    assertEquals(
        BEFORE + SECTION + later + KEPT, Http2Report.splice(BEFORE + old + later + KEPT, SECTION));
    assertEquals(BEFORE + SECTION + KEPT, Http2Report.splice(BEFORE + old + KEPT, SECTION));
  }
}
