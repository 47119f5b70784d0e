package io.eventbunker.spring.boot;

import java.util.function.Consumer;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.IgnoreErrorsBindHandler;
import org.springframework.core.env.Environment;

/**
 * Binds {@code eventbunker.*} before the application context exists, as {@link
 * EventBunkerProperties} is bound later: a value that cannot be converted keeps its default.
 */
final class PropertiesBinding {
  private static final String PREFIX = "eventbunker";

  private PropertiesBinding() {}

  /**
   * The bound properties; {@code problem} receives a message naming the first value that could not
   * be converted, if any.
   */
  static EventBunkerProperties bind(Environment environment, Consumer<String> problem) {
    Binder binder = Binder.get(environment);
    Bindable<EventBunkerProperties> target = Bindable.of(EventBunkerProperties.class);
    try {
      return binder.bind(PREFIX, target).orElseGet(EventBunkerProperties::new);
    } catch (BindException e) {
      problem.accept(
          "EventBunker ignores "
              + e.getName()
              + " and uses its default: "
              + rootMessage(e)
              + (e.getProperty() == null || e.getProperty().getOrigin() == null
                  ? ""
                  : " (from " + e.getProperty().getOrigin() + ")"));
      return binder
          .bind(PREFIX, target, new IgnoreErrorsBindHandler())
          .orElseGet(EventBunkerProperties::new);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
