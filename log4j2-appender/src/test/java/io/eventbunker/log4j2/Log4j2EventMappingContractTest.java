package io.eventbunker.log4j2;

import io.eventbunker.contract.EventMappingContract;

class Log4j2EventMappingContractTest extends EventMappingContract {
  Log4j2EventMappingContractTest() {
    super(new Log4j2Driver());
  }
}
