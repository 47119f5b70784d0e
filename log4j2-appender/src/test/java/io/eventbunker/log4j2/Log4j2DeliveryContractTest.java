package io.eventbunker.log4j2;

import io.eventbunker.contract.DeliveryContract;

class Log4j2DeliveryContractTest extends DeliveryContract {
  Log4j2DeliveryContractTest() {
    super(new Log4j2Driver());
  }
}
