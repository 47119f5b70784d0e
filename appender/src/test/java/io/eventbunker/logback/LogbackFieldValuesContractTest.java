package io.eventbunker.logback;

import io.eventbunker.contract.FieldValuesContract;

class LogbackFieldValuesContractTest extends FieldValuesContract {
  LogbackFieldValuesContractTest() {
    super(new LogbackDriver());
  }
}
