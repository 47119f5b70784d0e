package io.eventbunker.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sender's JSON writing, Jackson streaming (what {@link EventJson} does) against databind on a
 * map (what a user would write), for the benchmark statement's event. In the core's internal
 * package, because EventJson and TrackedEvent are package-private in the core; public because JMH's
 * generated code extends it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class JsonWritingBenchmark {
  private final EventJson streaming = new EventJson();
  private final ObjectMapper databind = new ObjectMapper();
  private TrackedEvent event;

  @Setup
  public void setUp() {
    event =
        new TrackedEvent(
            "order_placed",
            1_735_689_600_000L,
            "cust-42",
            new String[] {"order_id", "plan", "amount", "trial"},
            new Object[] {1_000_000_007L, "pro", 42.5, false},
            0);
  }

  @Benchmark
  public byte[] streaming() throws IOException {
    return streaming.write(event);
  }

  @Benchmark
  public byte[] databind() throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(EventCapture.EVENT_NAME, event.name());
    body.put(
        EventCapture.TIMESTAMP,
        EventJson.TIMESTAMP.format(Instant.ofEpochMilli(event.timestampMillis())));
    body.put(EventCapture.CUSTOMER_IDENTIFIER, event.customerIdentifier());
    for (int i = 0; i < event.fieldCount(); i++) {
      body.put(event.fieldName(i), event.fieldValue(i));
    }
    return databind.writeValueAsBytes(body);
  }
}
