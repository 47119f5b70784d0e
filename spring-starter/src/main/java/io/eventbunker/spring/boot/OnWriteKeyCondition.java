package io.eventbunker.spring.boot;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when there is a write key: the property {@code eventbunker.write-key}, or an EventBunker
 * appender declared in the logging configuration with its own. Without one the starter stays off.
 */
final class OnWriteKeyCondition extends SpringBootCondition {

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    ConditionMessage.Builder message = ConditionMessage.forCondition("EventBunker write key");
    if (StringUtils.hasText(context.getEnvironment().getProperty("eventbunker.write-key"))) {
      return ConditionOutcome.match(message.found("property").items("eventbunker.write-key"));
    }
    if (ManagedAppenders.get().declaredAppenderHasWriteKey()) {
      return ConditionOutcome.match(
          message
              .found("appender")
              .items("EventBunker appender with a write key in the logging configuration"));
    }
    return ConditionOutcome.noMatch(message.didNotFind("property").items("eventbunker.write-key"));
  }
}
