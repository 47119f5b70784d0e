package io.eventbunker.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseClassifierTest {
  private static final String API_ERROR = "{\"error\":\"Body JSON validation failed.\"}";
  private static final String PAGE = "<!DOCTYPE html><html><body>Not Found</body></html>";

  @ParameterizedTest(name = "{0} {1} → {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "200 | application/json | {\"unique_req_id\":\"a\"}  | DELIVERED",
        "204 | null             | ''                        | DELIVERED",
        "200 | text/html        | <html>portal</html>       | NOT_THE_API",
        "400 | application/json | " + API_ERROR + "         | REJECTED",
        "400 | text/plain       | Body JSON validation failed. event_name is required | REJECTED",
        "413 | application/json | " + API_ERROR + "         | REJECTED",
        "422 | application/json | " + API_ERROR + "         | REJECTED",
        "400 | text/html        | " + PAGE + "              | NOT_THE_API",
        "413 | text/html        | " + PAGE + "              | NOT_THE_API",
        "400 | null             | bad request               | NOT_THE_API",
        "401 | text/plain       | Invalid x-eventbunker-write-key | KEY_REFUSED",
        "301 | null             | ''                        | NOT_THE_API",
        "302 | text/html        | " + PAGE + "              | NOT_THE_API",
        "403 | text/html        | " + PAGE + "              | NOT_THE_API",
        "404 | application/json | {\"error\":\"no route\"}  | NOT_THE_API",
        "405 | null             | ''                        | NOT_THE_API",
        "407 | null             | ''                        | NOT_THE_API",
        "421 | null             | ''                        | NOT_THE_API",
        "408 | null             | ''                        | RETRY",
        "429 | application/json | " + API_ERROR + "         | RETRY",
        "500 | application/json | {\"error\":\"Error...\"}  | RETRY",
        "502 | text/html        | " + PAGE + "              | RETRY",
        "503 | null             | ''                        | RETRY",
      })
  void eachAnswerHasOneMeaning(
      int status, String contentType, String body, ResponseClassifier.Verdict expected) {
    assertEquals(expected, ResponseClassifier.classify(status, contentType, body));
  }

  @ParameterizedTest
  @CsvSource({"404, /post", "407, proxy", "403, firewall", "301, redirect", "421, misdirected"})
  void eachAnswerNotTheApisNamesItsLikelyCause(int status, String cause) {
    String said = ResponseClassifier.likelyCause(status, null);
    assertTrue(said.contains(cause), said);
  }
}
