package io.eventbunker.log4j2;

import io.eventbunker.contract.StopAndFlushContract;

class Log4j2StopAndFlushContractTest extends StopAndFlushContract {
  Log4j2StopAndFlushContractTest() {
    super(new Log4j2Driver());
  }
}
