package io.eventbunker.log4j2;

import io.eventbunker.contract.ConsoleLinesContract;

class Log4j2ConsoleLinesContractTest extends ConsoleLinesContract {
  Log4j2ConsoleLinesContractTest() {
    super(new Log4j2Driver());
  }
}
