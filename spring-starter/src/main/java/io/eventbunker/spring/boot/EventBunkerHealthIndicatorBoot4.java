package io.eventbunker.spring.boot;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** The {@code eventBunker} health contributor on Spring Boot 4. */
final class EventBunkerHealthIndicatorBoot4 extends AbstractHealthIndicator {
  private final ManagedAppenders appenders;

  EventBunkerHealthIndicatorBoot4(ManagedAppenders appenders) {
    super("EventBunker health check failed");
    this.appenders = appenders;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    HealthReport report = HealthReport.of(appenders);
    (report.up() ? builder.up() : builder.down()).withDetails(report.details());
  }
}
