package io.eventbunker.logback;

public final class EventBunker {
  private EventBunker() {}
}
