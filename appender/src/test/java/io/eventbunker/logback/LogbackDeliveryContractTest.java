package io.eventbunker.logback;

import io.eventbunker.contract.DeliveryContract;

class LogbackDeliveryContractTest extends DeliveryContract {
  LogbackDeliveryContractTest() {
    super(new LogbackDriver());
  }
}
