package io.eventbunker.core.internal;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body kept up to a bound and the rest read and discarded: the API's answers are a few
 * dozen bytes, but a proxy's page or a misrouted download could be anything, on up to {@code
 * maxInFlight} request threads at once. Reading the rest keeps the connection reusable; the request
 * timeout bounds how long that may take.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<String> {
  /** Enough for any error message worth showing, and for the receipt. */
  static final int MAX_BYTES = 8 * 1024;

  static final HttpResponse.BodyHandler<String> HANDLER = info -> new BoundedBody(MAX_BYTES);

  private final byte[] kept;
  private final CompletableFuture<String> body = new CompletableFuture<>();
  private int size;

  BoundedBody(int maxBytes) {
    this.kept = new byte[maxBytes];
  }

  @Override
  public CompletionStage<String> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer buffer : buffers) {
      int take = Math.min(buffer.remaining(), kept.length - size);
      buffer.get(kept, size, take);
      size += take;
    }
  }

  @Override
  public void onError(Throwable failure) {
    body.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    body.complete(new String(kept, 0, size, StandardCharsets.UTF_8));
  }
}
