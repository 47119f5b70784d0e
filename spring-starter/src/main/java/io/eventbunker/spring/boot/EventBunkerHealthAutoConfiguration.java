package io.eventbunker.spring.boot;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code eventBunker} health contributor, when Spring Boot Actuator is present; switched off
 * with {@code management.health.eventbunker.enabled=false}. Spring Boot 4 moved the health API to
 * {@code org.springframework.boot.health}, so each version has its own nested configuration,
 * guarded by class names that exist in that version only.
 */
@AutoConfiguration(after = EventBunkerAutoConfiguration.class)
@ConditionalOnBean(EventBunkerLifecycle.class)
public final class EventBunkerHealthAutoConfiguration {

  private static final String BEAN_NAME = "eventBunkerHealthIndicator";

  /**
   * Spring Boot 3. The switch is on a nested class, read only once the classes are known to exist:
   * Spring resolves every condition of a class before evaluating any of them.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "org.springframework.boot.actuate.health.AbstractHealthIndicator",
        "org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator"
      })
  static class Boot3 {

    @Configuration(proxyBeanMethods = false)
    @org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator(
        "eventbunker")
    static class Enabled {

      @Bean(BEAN_NAME)
      @ConditionalOnMissingBean(name = BEAN_NAME)
      EventBunkerHealthIndicatorBoot3 eventBunkerHealthIndicator() {
        return new EventBunkerHealthIndicatorBoot3(ManagedAppenders.get());
      }
    }
  }

  /** Spring Boot 4, which moved the health API to {@code org.springframework.boot.health}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "org.springframework.boot.health.contributor.AbstractHealthIndicator",
        "org.springframework.boot.health.autoconfigure.contributor"
            + ".ConditionalOnEnabledHealthIndicator"
      })
  static class Boot4 {

    @Configuration(proxyBeanMethods = false)
    @org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator(
        "eventbunker")
    static class Enabled {

      @Bean(BEAN_NAME)
      @ConditionalOnMissingBean(name = BEAN_NAME)
      EventBunkerHealthIndicatorBoot4 eventBunkerHealthIndicator() {
        return new EventBunkerHealthIndicatorBoot4(ManagedAppenders.get());
      }
    }
  }
}
