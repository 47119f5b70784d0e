package io.eventbunker.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import io.eventbunker.log4j2.EventBunkerAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Every {@code eventbunker.*} property reaches the Log4j2 builder, in a form it takes. */
class Log4j2PropertyMappingTests {

  @Test
  void givesTheBuilderEveryPropertyInItsOwnSyntax(@TempDir Path spool) {
    EventBunkerProperties properties = new EventBunkerProperties();
    properties.setWriteKey("wk_mapping_0123456789");
    properties.setEndpoint("http://127.0.0.1:9/post");
    properties.setProxy("127.0.0.1:3128");
    properties.setQueueCapacity(500);
    properties.setQueueMaxBytes(DataSize.ofMegabytes(2));
    properties.setMaxEventBytes(DataSize.ofKilobytes(32));
    properties.setAppendTimeout(Duration.ofMillis(15));
    properties.setMaxInFlight(7);
    properties.setConnectTimeout(Duration.ofSeconds(3));
    properties.setRequestTimeout(Duration.ofSeconds(4));
    properties.getRetry().setMaxAttempts(3);
    properties.getRetry().setInitialBackoff(Duration.ofMillis(100));
    properties.getRetry().setMaxBackoff(Duration.ofSeconds(2));
    properties.getRetry().setTimeout(Duration.ofMinutes(1));
    properties.setShutdownTimeout(Duration.ofSeconds(2));
    properties.setCustomerIdentifierMdcKey("user");
    properties.setMdcKeys(List.of("tenant", "region"));
    properties.getSpool().setDirectory(spool.toString());
    properties.getSpool().setMaxBytes(DataSize.ofMegabytes(32));
    properties.getSpool().setMaxAge(Duration.ofHours(2));
    properties.setConsoleWarnings(false);

    EventBunkerAppender.Builder builder = spy(EventBunkerAppender.newBuilder());
    builder.setName("MAPPED");
    Log4j2PropertyMapping.applyAll(properties, builder);

    verify(builder).setWriteKey("wk_mapping_0123456789");
    verify(builder).setEndpoint("http://127.0.0.1:9/post");
    verify(builder).setProxy("127.0.0.1:3128");
    verify(builder).setQueueCapacity(500);
    verify(builder).setQueueMaxBytes("2097152");
    verify(builder).setMaxEventBytes("32768");
    verify(builder).setAppendTimeout("15 milliseconds");
    verify(builder).setMaxInFlight(7);
    verify(builder).setConnectTimeout("3000 milliseconds");
    verify(builder).setRequestTimeout("4000 milliseconds");
    verify(builder).setRetryMaxAttempts(3);
    verify(builder).setRetryInitialBackoff("100 milliseconds");
    verify(builder).setRetryMaxBackoff("2000 milliseconds");
    verify(builder).setRetryTimeout("60000 milliseconds");
    verify(builder).setShutdownTimeout("2000 milliseconds");
    verify(builder).setCustomerIdentifierMdcKey("user");
    verify(builder).setMdcKeys("tenant,region");
    verify(builder).setSpoolDirectory(spool.toString());
    verify(builder).setMaxSpoolBytes("33554432");
    verify(builder).setSpoolMaxAge("7200000 milliseconds");
    verify(builder).setConsoleWarnings(false);

    // The appender takes every value as given: it starts, and says so in its stats.
    EventBunkerAppender appender = builder.build();
    appender.start();
    try {
      assertThat(appender.isStarted()).isTrue();
      assertThat(appender.hasWriteKey()).isTrue();
      assertThat(appender.getStats().queueCapacity()).isEqualTo(500);
      assertThat(appender.getStats().spoolEnabled()).isTrue();
    } finally {
      appender.stop(Duration.ZERO);
    }
  }
}
