package io.eventbunker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A harness's flags are its options' fields, by name. */
class FlagsTest {
  static final class Options {
    final int constant = 1;

    Path out = Path.of("default.json");
    List<Integer> latencies = List.of(0);
    int h2loadWarmupSeconds = 30;
    int trials = 3;
  }

  @Test
  void setsTheFieldEachFlagNames() {
    Options options =
        Flags.parse(
            new String[] {
              "--out", "/tmp/x.json", "--latencies", "35, 0,", "--h2load-warmup-seconds", "5"
            },
            new Options());

    assertEquals(Path.of("/tmp/x.json"), options.out);
    assertEquals(List.of(35, 0), options.latencies);
    assertEquals(5, options.h2loadWarmupSeconds);
    assertEquals(3, options.trials);
  }

  @Test
  void refusesAFlagThatNamesNoSettableField() {
    for (String flag :
        new String[] {
          "--trails", "trials", "--constant", "--h2loadWarmupSeconds", "--h2load--warmup-seconds"
        }) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> Flags.parse(new String[] {flag, "1"}, new Options()));
      assertEquals("Unknown option " + flag, e.getMessage());
    }
  }
}
