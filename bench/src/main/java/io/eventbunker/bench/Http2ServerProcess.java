package io.eventbunker.bench;

import io.eventbunker.testkit.TestCertificate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@link Http2Server} in a JVM of its own, like {@link ReceiverProcess}: its CPU time is then its
 * own, and {@code h2load} loads the very same process.
 */
final class Http2ServerProcess implements AutoCloseable {
  private static final Pattern ENDPOINT = Pattern.compile("POST (https://\\S+)");
  // What reaches the count after the client has its answer: the server counts once it has sent.
  private static final long SETTLE_MILLIS = 200;

  private final ServerJvm server;
  private final BufferedReader out;
  private final Writer in;

  private Http2ServerProcess(ServerJvm server) {
    this.server = server;
    this.out = server.out();
    this.in = new OutputStreamWriter(server.process().getOutputStream(), StandardCharsets.UTF_8);
  }

  /** Serving {@code certificate}, answering after {@code latencyMillis}. */
  static Http2ServerProcess start(TestCertificate certificate, int latencyMillis)
      throws IOException {
    List<String> launch =
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            Http2Server.class.getName(),
            certificate.keyStore().toString(),
            certificate.password(),
            Integer.toString(latencyMillis));
    // Its stderr is WireMock's and Jetty's start-up chatter; a failure to start shows there too.
    return new Http2ServerProcess(ServerJvm.start("HTTP/2 server", launch, ENDPOINT, false));
  }

  URI endpoint() {
    return server.endpoint();
  }

  /** POSTs answered since the server started: all of them, and those over HTTP/2. */
  synchronized Answered answered() throws IOException {
    in.write(Http2Server.COUNT + "\n");
    in.flush();
    String line = out.readLine();
    if (line == null || !line.startsWith(Http2Server.ANSWERED)) {
      throw new IOException("The HTTP/2 server gave no count: " + line);
    }
    String[] counts = line.substring(Http2Server.ANSWERED.length()).split(" ");
    return new Answered(Long.parseLong(counts[0]), Long.parseLong(counts[1]));
  }

  /** POSTs answered since {@code before}, once the last answers have been counted. */
  Answered answeredSince(Answered before) throws IOException, InterruptedException {
    Thread.sleep(SETTLE_MILLIS);
    return answered().minus(before);
  }

  /** {@link #answeredSince}, all and over HTTP/2, into {@code figures}. */
  void putAnsweredSince(Answered before, Map<String, Object> figures)
      throws IOException, InterruptedException {
    Answered answered = answeredSince(before);
    figures.put("server_answered", answered.all());
    figures.put("server_answered_http2", answered.http2());
  }

  /** CPU time used by the whole server process so far (all its threads). */
  long cpuNanos() {
    return server.cpuNanos();
  }

  @Override
  public void close() {
    try {
      in.close(); // the server stops when its stdin closes
    } catch (IOException e) {
      server.process().destroy();
    }
    server.awaitExit();
  }

  /** Counts of answered POSTs. */
  record Answered(long all, long http2) {
    Answered minus(Answered before) {
      return new Answered(all - before.all, http2 - before.http2);
    }

    Answered plus(Answered more) {
      return new Answered(all + more.all, http2 + more.http2);
    }
  }
}
