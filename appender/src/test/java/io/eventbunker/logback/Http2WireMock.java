package io.eventbunker.logback;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import io.eventbunker.testkit.TestCertificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import wiremock.org.eclipse.jetty.http2.HTTP2Session;
import wiremock.org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory;
import wiremock.org.eclipse.jetty.http2.server.HTTP2ServerConnection;
import wiremock.org.eclipse.jetty.io.Connection;
import wiremock.org.eclipse.jetty.io.EndPoint;
import wiremock.org.eclipse.jetty.io.ssl.SslConnection;

/**
 * WireMock on loopback over HTTPS only, with HTTP/2 negotiated by ALPN (WireMock 3's default), and
 * a hand on its Jetty that WireMock's API does not give: the server's stream limit, how many
 * streams are open, and a GOAWAY. The Jetty classes are WireMock's shaded copies, so this breaks
 * loudly, at compile time, if WireMock moves them.
 */
final class Http2WireMock implements AutoCloseable {
  /** Jetty's own default; above the appender's maxInFlight, so no request ever waits for it. */
  static final int JETTY_MAX_CONCURRENT_STREAMS = 128;

  /**
   * Enough for every stream the appender opens to wait out a fixed delay on a thread of its own.
   */
  private static final int CONTAINER_THREADS = 200;

  private final WireMockServer server;
  private final AtomicReference<ObservableJetty> jetty = new AtomicReference<>();

  Http2WireMock(TestCertificate certificate, int maxConcurrentStreams) {
    HttpServerFactory factory =
        new HttpServerFactory() {
          @Override
          public HttpServer buildHttpServer(
              Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
            ObservableJetty built =
                new ObservableJetty(options, admin, stubs, maxConcurrentStreams);
            jetty.set(built);
            return built;
          }
        };
    server =
        new WireMockServer(
            wireMockConfig()
                .bindAddress("127.0.0.1")
                .httpDisabled(true)
                .httpsPort(0)
                .http2TlsDisabled(false)
                .keystorePath(certificate.keyStore().toString())
                .keystorePassword(certificate.password())
                .keyManagerPassword(certificate.password())
                .keystoreType("PKCS12")
                .containerThreads(CONTAINER_THREADS)
                .extensions(factory));
    server.start();
  }

  WireMockServer api() {
    return server;
  }

  /** The track endpoint as a client reaches it through {@code host}. */
  String endpoint(String host) {
    return "https://" + host + ":" + server.httpsPort() + "/post";
  }

  /** Streams open on all HTTP/2 connections now: requests on the wire, waiting for an answer. */
  int openStreams() {
    int open = 0;
    for (HTTP2Session session : sessions()) {
      open += session.getStreamCount();
    }
    return open;
  }

  /** HTTP/2 connections open now. */
  int connections() {
    return sessions().size();
  }

  /**
   * Sends every client a graceful GOAWAY, as a server going down for maintenance or a proxy
   * recycling its connections does: streams already open may finish, new ones go elsewhere.
   *
   * @return to how many connections
   */
  int goAway() {
    List<HTTP2Session> sessions = sessions();
    for (HTTP2Session session : sessions) {
      session.shutdown();
    }
    return sessions.size();
  }

  private List<HTTP2Session> sessions() {
    List<HTTP2Session> sessions = new ArrayList<>();
    for (EndPoint endPoint : jetty.get().httpsConnector().getConnectedEndPoints()) {
      Connection connection = endPoint.getConnection();
      if (connection instanceof SslConnection) {
        connection = ((SslConnection) connection).getDecryptedEndPoint().getConnection();
      }
      if (connection instanceof HTTP2ServerConnection) {
        sessions.add((HTTP2Session) ((HTTP2ServerConnection) connection).getSession());
      }
    }
    return sessions;
  }

  @Override
  public void close() {
    server.stop();
  }

  /** WireMock's Jetty with the HTTP/2 stream limit set before it starts. */
  private static final class ObservableJetty extends Jetty11HttpServer {
    ObservableJetty(
        Options options,
        AdminRequestHandler admin,
        StubRequestHandler stubs,
        int maxConcurrentStreams) {
      super(options, admin, stubs);
      httpsConnector
          .getConnectionFactory(AbstractHTTP2ServerConnectionFactory.class)
          .setMaxConcurrentStreams(maxConcurrentStreams);
    }

    wiremock.org.eclipse.jetty.server.ServerConnector httpsConnector() {
      return httpsConnector;
    }
  }
}
