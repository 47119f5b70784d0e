package io.eventbunker.spring.boot;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** The {@code eventBunker} health contributor on Spring Boot 3. */
final class EventBunkerHealthIndicatorBoot3 extends AbstractHealthIndicator {
  private final ManagedAppenders appenders;

  EventBunkerHealthIndicatorBoot3(ManagedAppenders appenders) {
    super("EventBunker health check failed");
    this.appenders = appenders;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    HealthReport report = HealthReport.of(appenders);
    (report.up() ? builder.up() : builder.down()).withDetails(report.details());
  }
}
