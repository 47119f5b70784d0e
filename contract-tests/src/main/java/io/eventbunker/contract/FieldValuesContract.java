package io.eventbunker.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventbunker.core.EventResult;
import io.eventbunker.core.Outcome;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's "Field values" table, row by row: each value sent as the table says, to the byte, or
 * the event rejected before sending, with a reason and a warning naming the field.
 */
public abstract class FieldValuesContract extends ContractBase {

  protected FieldValuesContract(AdapterDriver driver) {
    super(driver);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.eventbunker.contract.FieldValueRows#rows")
  void eachRowOfTheTableHolds(FieldValueRow row) {
    appender.start();
    log.info(EVENT, "values", row.arguments());

    String expectedBody = row.expectedBody();
    if (expectedBody != null) {
      appender.assertSent(expectedBody);
      return;
    }
    String rejection = String.valueOf(row.rejection());
    EventResult result = appender.onlyResult();
    assertEquals(Outcome.REJECTED, result.outcome(), result.toString());
    assertEquals(0, result.statusCode(), "rejected before any request: " + result);
    assertTrue(String.valueOf(result.reason()).contains(rejection), result.toString());
    List<String> warnings = appender.driver().statusWarnings();
    assertTrue(
        warnings.stream()
            .anyMatch(w -> w.contains("rejected event 'values': ") && w.contains(rejection)),
        "a warning names the event and the field: " + warnings);
    assertEquals(List.of(), receiver().events());
  }
}
