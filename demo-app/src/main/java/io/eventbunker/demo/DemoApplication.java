package io.eventbunker.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small shop that tracks sign-ups, plan upgrades and orders with EventBunker. Without {@code
 * EVENTBUNKER_WRITE_KEY} it sends to a receiver it embeds, whose inbox page shows the events.
 */
@SpringBootApplication
public class DemoApplication {
  public static void main(String[] args) {
    SpringApplication.run(DemoApplication.class, args);
  }
}
