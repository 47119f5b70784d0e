package io.eventbunker.testkit;

import io.eventbunker.testkit.EventBunkerReceiver.OutageMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Everything a receiver is built with; immutable, so one config can start many receivers. */
final class ReceiverConfig {
  final int port;
  final String host;
  final Set<String> writeKeys;
  final Set<String> queryKeys;
  final Set<String> deleteKeys;
  final int maxEvents;
  final @Nullable Path eventsFile;
  final FaultSettings faults;
  final OutageMode outageMode;
  final List<OutageWindow> outageWindows;
  final boolean tls;
  // With tls: the key store to serve, or null to generate a certificate. Its password, or "".
  final @Nullable Path keyStore;
  final String keyStorePassword;

  ReceiverConfig(
      int port,
      String host,
      Set<String> writeKeys,
      Set<String> queryKeys,
      Set<String> deleteKeys,
      int maxEvents,
      @Nullable Path eventsFile,
      FaultSettings faults,
      OutageMode outageMode,
      List<OutageWindow> outageWindows,
      boolean tls,
      @Nullable Path keyStore,
      String keyStorePassword) {
    this.port = port;
    this.host = host;
    this.writeKeys = Set.copyOf(writeKeys);
    this.queryKeys = Set.copyOf(queryKeys);
    this.deleteKeys = Set.copyOf(deleteKeys);
    this.maxEvents = maxEvents;
    this.eventsFile = eventsFile;
    this.faults = faults;
    this.outageMode = outageMode;
    this.outageWindows = List.copyOf(outageWindows);
    this.tls = tls;
    this.keyStore = keyStore;
    this.keyStorePassword = keyStorePassword;
  }
}
