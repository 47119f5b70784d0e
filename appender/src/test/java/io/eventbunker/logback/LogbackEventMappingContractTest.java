package io.eventbunker.logback;

import io.eventbunker.contract.EventMappingContract;

class LogbackEventMappingContractTest extends EventMappingContract {
  LogbackEventMappingContractTest() {
    super(new LogbackDriver());
  }
}
