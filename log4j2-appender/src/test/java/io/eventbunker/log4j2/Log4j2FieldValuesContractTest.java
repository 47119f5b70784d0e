package io.eventbunker.log4j2;

import io.eventbunker.contract.FieldValuesContract;

class Log4j2FieldValuesContractTest extends FieldValuesContract {
  Log4j2FieldValuesContractTest() {
    super(new Log4j2Driver());
  }
}
