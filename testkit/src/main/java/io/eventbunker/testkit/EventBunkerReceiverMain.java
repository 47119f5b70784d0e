package io.eventbunker.testkit;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * {@code java -jar eventbunker-testkit.jar [flags]}: runs a receiver until the process is stopped.
 * {@code --help} lists the flags.
 */
public final class EventBunkerReceiverMain {
  private static final int EXIT_OK = 0;
  private static final int EXIT_CANNOT_START = 1;
  private static final int EXIT_USAGE = 2;

  private EventBunkerReceiverMain() {}

  /** Starts a receiver as the flags say and serves until the process is stopped. */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err, EventBunkerReceiverMain::serveUntilShutdown);
    if (status != EXIT_OK) {
      System.exit(status);
    }
  }

  /** Parses, starts, prints where to send events, then hands the receiver to {@code serve}. */
  static int run(
      String[] args, PrintStream out, PrintStream err, Consumer<EventBunkerReceiver> serve) {
    CommandLine commandLine;
    try {
      commandLine = CommandLine.parse(args);
    } catch (CommandLine.UsageException e) {
      err.println("error: " + e.getMessage());
      return EXIT_USAGE;
    }
    if (commandLine.help) {
      out.print(CommandLine.USAGE);
      out.flush();
      return EXIT_OK;
    }
    ReceiverConfig config = commandLine.builder.config();
    EventBunkerReceiver receiver;
    try {
      receiver = new EventBunkerReceiver(config).start();
    } catch (UncheckedIOException e) {
      err.println(
          "error: "
              + e.getMessage()
              + (config.tls
                  ? "; choose another --port, --host, --events-file or --keystore"
                  : "; choose another --port, --host or --events-file"));
      return EXIT_CANNOT_START;
    }
    try (receiver) {
      out.println("EventBunker test receiver");
      out.println("  track API  POST " + receiver.endpoint());
      out.println("  write keys " + String.join(", ", config.writeKeys));
      out.println("  inbox      " + receiver.inbox());
      if (config.tls) {
        TestCertificate certificate = receiver.certificate();
        out.println(
            "  TLS        certificate "
                + certificate.certificatePem()
                + " for "
                + String.join(", ", certificate.names()));
        out.println(
            "  trust it   -Djavax.net.ssl.trustStore="
                + certificate.trustStore()
                + " -Djavax.net.ssl.trustStorePassword="
                + TestCertificate.PASSWORD);
      }
      out.flush();
      serve.accept(receiver);
    }
    return EXIT_OK;
  }

  private static void serveUntilShutdown(EventBunkerReceiver receiver) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  receiver.close();
                  stopped.countDown();
                },
                "eventbunker-receiver-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
