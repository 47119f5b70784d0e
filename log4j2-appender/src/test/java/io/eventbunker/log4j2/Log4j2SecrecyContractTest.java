package io.eventbunker.log4j2;

import io.eventbunker.contract.AdapterDriver;
import io.eventbunker.contract.SecrecyContract;

class Log4j2SecrecyContractTest extends SecrecyContract {
  @Override
  protected AdapterDriver newDriver() {
    return new Log4j2Driver();
  }
}
