package io.eventbunker.demo;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The shop's REST API; the README has a curl example for each endpoint. */
@RestController
class ShopController {
  private final Shop shop;

  ShopController(Shop shop) {
    this.shop = shop;
  }

  record SignupRequest(String email, String plan, String referrer) {}

  record UpgradeRequest(String plan, Integer seats) {}

  record OrderRequest(BigDecimal amount, List<String> items, Boolean gift) {}

  @PostMapping("/signups")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, String> signUp(@RequestBody SignupRequest request) {
    require(request.email() != null && request.email().contains("@"), "email must be an address");
    String plan = request.plan() == null ? "free" : request.plan();
    String referrer = request.referrer() == null ? "direct" : request.referrer();
    return Map.of("customerId", shop.signUp(request.email(), plan, referrer));
  }

  @PostMapping("/customers/{customerId}/upgrade")
  Map<String, String> upgrade(
      @PathVariable String customerId, @RequestBody UpgradeRequest request) {
    require(request.plan() != null, "plan is required");
    int seats = request.seats() == null ? 1 : request.seats();
    require(seats > 0, "seats must be positive");
    shop.upgrade(customerId, request.plan(), seats);
    return Map.of("customerId", customerId, "plan", request.plan());
  }

  @PostMapping("/customers/{customerId}/orders")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, String> placeOrder(
      @PathVariable String customerId, @RequestBody OrderRequest request) {
    require(request.amount() != null && request.amount().signum() > 0, "amount must be positive");
    require(request.items() != null && !request.items().isEmpty(), "items must not be empty");
    boolean gift = Boolean.TRUE.equals(request.gift());
    return Map.of("orderId", shop.placeOrder(customerId, request.amount(), request.items(), gift));
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
    }
  }
}
