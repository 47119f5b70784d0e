package io.eventbunker.logback;

import io.eventbunker.contract.AdapterDriver;
import io.eventbunker.contract.SecrecyContract;

class LogbackSecrecyContractTest extends SecrecyContract {
  @Override
  protected AdapterDriver newDriver() {
    return new LogbackDriver();
  }
}
