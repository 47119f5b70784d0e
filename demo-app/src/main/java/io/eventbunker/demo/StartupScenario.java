package io.eventbunker.demo;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** A short customer journey at startup, so the inbox has events before anyone calls the API. */
@Component
@ConditionalOnProperty(name = "demo.scenario.enabled", havingValue = "true", matchIfMissing = true)
class StartupScenario implements ApplicationRunner {
  private final Shop shop;

  StartupScenario(Shop shop) {
    this.shop = shop;
  }

  @Override
  public void run(ApplicationArguments args) {
    String ada = shop.signUp("ada@example.com", "free", "newsletter");
    shop.upgrade(ada, "pro", 5);
    shop.placeOrder(ada, new BigDecimal("42.50"), List.of("cat", "dog"), false);
    shop.placeOrder(ada, new BigDecimal("9.99"), List.of("bird"), true);
  }
}
