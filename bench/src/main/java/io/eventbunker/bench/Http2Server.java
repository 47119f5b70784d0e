package io.eventbunker.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The HTTPS + HTTP/2 server of {@link Http2Bench}, run in a JVM of its own by {@link
 * Http2ServerProcess}: WireMock 3 on loopback, HTTPS only, HTTP/2 by ALPN (the production API's
 * transport), answering {@code POST /post} with 200 and a receipt after a fixed delay. It counts
 * the POSTs it has answered (events: the appender's HEAD that opens its connection is not one), and
 * those that came over HTTP/2.
 *
 * <p>Prints {@code POST https://127.0.0.1:PORT/post} once started. Then, for each line {@value
 * #COUNT} on stdin, prints {@code ANSWERED <all> <over HTTP/2>}; it stops when stdin closes, so it
 * never outlives the harness.
 *
 * <pre>
 * java -cp benchmarks.jar io.eventbunker.bench.Http2Server KEYSTORE PASSWORD LATENCY_MS
 * </pre>
 */
final class Http2Server {
  static final String COUNT = "count";
  static final String ANSWERED = "ANSWERED ";

  /**
   * Jetty threads: with a fixed delay WireMock sleeps on the thread serving the stream, so every
   * one of the client's 64 streams needs a thread of its own, besides Jetty's selectors.
   */
  static final int CONTAINER_THREADS = 200;

  private Http2Server() {}

  public static void main(String[] args) throws IOException {
    String keyStore = args[0];
    String password = args[1];
    int latencyMillis = Integer.parseInt(args[2]);
    Answered answered = new Answered();
    WireMockServer server =
        new WireMockServer(
            wireMockConfig()
                .bindAddress("127.0.0.1")
                .httpDisabled(true)
                .httpsPort(0)
                .http2TlsDisabled(false)
                .keystorePath(keyStore)
                .keystorePassword(password)
                .keyManagerPassword(password)
                .keystoreType("PKCS12")
                .containerThreads(CONTAINER_THREADS)
                // Not kept: at 0 ms a run answers hundreds of thousands of requests.
                .disableRequestJournal()
                .gzipDisabled(true)
                .extensions(new Receipts(), answered));
    server.start();
    ResponseDefinitionBuilder ok = aResponse().withStatus(200);
    if (latencyMillis > 0) {
      ok = ok.withFixedDelay(latencyMillis);
    }
    server.stubFor(post(urlPathEqualTo("/post")).willReturn(ok));
    System.out.println("POST https://127.0.0.1:" + server.httpsPort() + "/post");
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.equals(COUNT)) {
        System.out.println(ANSWERED + answered.all.sum() + " " + answered.http2.sum());
        System.out.flush();
      }
    }
    server.stop();
    System.exit(0); // WireMock's threads are not all daemons
  }

  /** The API's receipt, {@code {"unique_req_id":"…","time_recorded":…}}, for every answer. */
  static final class Receipts implements ResponseDefinitionTransformerV2 {
    private final AtomicLong ids = new AtomicLong();

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition())
          .withHeader("Content-Type", "application/json")
          .withBody(
              "{\"unique_req_id\":\"bench-"
                  + ids.incrementAndGet()
                  + "\",\"time_recorded\":"
                  + System.currentTimeMillis()
                  + "}")
          .build();
    }

    @Override
    public String getName() {
      return "eventbunker-receipts";
    }
  }

  /** Counts each POST once its answer has been sent. */
  static final class Answered implements ServeEventListener {
    final LongAdder all = new LongAdder();
    final LongAdder http2 = new LongAdder();

    @Override
    public void afterComplete(ServeEvent serveEvent, Parameters parameters) {
      if (!"POST".equals(serveEvent.getRequest().getMethod().getName())) {
        return;
      }
      all.increment();
      String protocol = serveEvent.getRequest().getProtocol();
      if (protocol != null && protocol.startsWith("HTTP/2")) {
        http2.increment();
      }
    }

    @Override
    public String getName() {
      return "eventbunker-answered";
    }
  }
}
