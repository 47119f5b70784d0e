package io.eventbunker.logback;

import io.eventbunker.contract.ConsoleLinesContract;

class LogbackConsoleLinesContractTest extends ConsoleLinesContract {
  LogbackConsoleLinesContractTest() {
    super(new LogbackDriver());
  }
}
