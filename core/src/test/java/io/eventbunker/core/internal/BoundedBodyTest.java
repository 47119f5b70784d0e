package io.eventbunker.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {
  private static final Flow.Subscription UNBOUNDED =
      new Flow.Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
      };

  @Test
  void keepsTheStartOfABodyUpToItsBoundAndDiscardsTheRest() {
    BoundedBody body = new BoundedBody(10);
    body.onSubscribe(UNBOUNDED);
    body.onNext(List.of(bytes("0123456"), bytes("789abcdef")));
    body.onNext(List.of(bytes("more and more")));
    body.onComplete();

    assertEquals("0123456789", body.getBody().toCompletableFuture().join());
  }

  @Test
  void aShortBodyIsKeptWhole() {
    BoundedBody body = new BoundedBody(BoundedBody.MAX_BYTES);
    body.onSubscribe(UNBOUNDED);
    body.onNext(List.of(bytes("{\"unique_req_id\":\"r\"}")));
    body.onComplete();

    assertEquals("{\"unique_req_id\":\"r\"}", body.getBody().toCompletableFuture().join());
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }
}
