package io.eventbunker.logback;

import io.eventbunker.contract.StopAndFlushContract;

class LogbackStopAndFlushContractTest extends StopAndFlushContract {
  LogbackStopAndFlushContractTest() {
    super(new LogbackDriver());
  }
}
