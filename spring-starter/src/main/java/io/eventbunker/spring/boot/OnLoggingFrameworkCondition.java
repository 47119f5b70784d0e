package io.eventbunker.spring.boot;

import io.eventbunker.spring.boot.LoggingFramework.Present;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when Logback or Log4j2's core is present, each with our appender for it: {@code
 * ConditionalOnClass} cannot say "either".
 */
final class OnLoggingFrameworkCondition extends SpringBootCondition {

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    ConditionMessage.Builder message = ConditionMessage.forCondition("EventBunker logging");
    if (Present.all(Present.LOGBACK_CLASSES, context.getClassLoader())) {
      return ConditionOutcome.match(message.available("Logback"));
    }
    if (Present.all(Present.LOG4J2_CLASSES, context.getClassLoader())) {
      return ConditionOutcome.match(message.available("Log4j2"));
    }
    return ConditionOutcome.noMatch(message.notAvailable("Logback or Log4j2 (log4j-core)"));
  }
}
