package io.eventbunker.bench;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An endpoint that answers at once, with no network: every request gets the API's 200 and receipt,
 * completed on the calling thread. The request body is read and the response body goes through the
 * caller's body handler, as with the real client, so the appender's whole sender path runs.
 */
final class InstantHttpClient extends HttpClient {
  private static final byte[] RECEIPT =
      "{\"unique_req_id\": \"6f3ddec74f92226d0000000000000002\", \"time_recorded\": 1624910874832}"
          .getBytes(StandardCharsets.UTF_8);
  private static final HttpHeaders HEADERS =
      HttpHeaders.of(Map.of("content-type", List.of("application/json")), (name, value) -> true);

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    request.bodyPublisher().ifPresent(body -> body.subscribe(new Drain()));
    HttpResponse.BodySubscriber<T> subscriber =
        handler.apply(new Info(200, HEADERS, HttpClient.Version.HTTP_1_1));
    subscriber.onSubscribe(new NoFlowControl());
    subscriber.onNext(List.of(ByteBuffer.wrap(RECEIPT)));
    subscriber.onComplete();
    return subscriber
        .getBody()
        .toCompletableFuture()
        .thenApply(body -> new Response<>(request, body));
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromises) {
    return sendAsync(request, handler);
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    return sendAsync(request, handler).join();
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return Optional.empty();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return Optional.empty();
  }

  @Override
  public Redirect followRedirects() {
    return Redirect.NEVER;
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return Optional.empty();
  }

  @Override
  public SSLContext sslContext() {
    return null;
  }

  @Override
  public SSLParameters sslParameters() {
    return null;
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return Optional.empty();
  }

  @Override
  public Version version() {
    return Version.HTTP_1_1;
  }

  @Override
  public Optional<Executor> executor() {
    return Optional.empty();
  }

  private static final class Drain implements Flow.Subscriber<ByteBuffer> {
    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ByteBuffer item) {
      item.position(item.limit());
    }

    @Override
    public void onError(Throwable throwable) {}

    @Override
    public void onComplete() {}
  }

  private static final class NoFlowControl implements Flow.Subscription {
    @Override
    public void request(long n) {}

    @Override
    public void cancel() {}
  }

  private static final class Info implements HttpResponse.ResponseInfo {
    private final int status;
    private final HttpHeaders headers;
    private final Version version;

    Info(int status, HttpHeaders headers, Version version) {
      this.status = status;
      this.headers = headers;
      this.version = version;
    }

    @Override
    public int statusCode() {
      return status;
    }

    @Override
    public HttpHeaders headers() {
      return headers;
    }

    @Override
    public Version version() {
      return version;
    }
  }

  private static final class Response<T> implements HttpResponse<T> {
    private final HttpRequest request;
    private final T body;

    Response(HttpRequest request, T body) {
      this.request = request;
      this.body = body;
    }

    @Override
    public int statusCode() {
      return 200;
    }

    @Override
    public HttpRequest request() {
      return request;
    }

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
      return HEADERS;
    }

    @Override
    public T body() {
      return body;
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public java.net.URI uri() {
      return request.uri();
    }

    @Override
    public Version version() {
      return Version.HTTP_1_1;
    }
  }
}
