#!/usr/bin/env bash
# Runs every benchmark and writes bench/RESULTS.md: JMH (logging-thread cost, Logback and Log4j2),
# the end-to-end harness (throughput, latency, CPU against the test kit's receiver, wrk and the bare
# JDK client), memory and shutdown, the spool (write and replay throughput), fresh JVMs (a new
# process per trial: first event, burst at exit, first seconds' rate, CPU over a short life), and
# HTTPS + HTTP/2 (warm and fresh JVMs against WireMock over TLS, with h2load as the ceiling; the
# burst at exit).
# About 20 minutes on 2 cores. Needs a JDK 17+; installs wrk and h2load if they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
started_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
started=$SECONDS

# Installs Debian package $2 with apt-get if command $1 is missing.
install_if_missing() {
  command -v "$1" >/dev/null && return 0
  echo "Installing $2 ($1, a native load generator) with apt-get..."
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  # Another apt-get may hold the lock on a shared machine: wait for it rather than fail.
  $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq &&
    $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq "$2"
}
install_if_missing wrk wrk
# Without h2load the HTTPS + HTTP/2 rows are measured all the same, and say it was missing.
install_if_missing h2load nghttp2-client ||
  echo "Could not install h2load: the HTTPS + HTTP/2 section will say so."

echo "Building..."
./mvnw -B -q -pl bench -am package -DskipTests

results=bench/target/results
rm -rf "$results"
mkdir -p "$results"
jar=bench/target/benchmarks.jar
# The runnable jar: not the sources or javadoc jar beside it, nor the shade plugin's original.
testkit_jar=$(ls testkit/target/eventbunker-testkit-*.jar | grep -Ev -- '-(sources|javadoc)\.jar$' | head -n 1)

for threads in 1 2; do
  echo "JMH, $threads thread(s)..."
  # 'Statement' matches Logback's statement benchmarks and Log4j2's (Log4j2*StatementBenchmark):
  # one JMH run per thread count, so that Report compares rows measured minutes apart.
  java -jar "$jar" -t "$threads" -prof gc -rf json -rff "$results/jmh-t$threads.json" \
    'Statement' >"$results/jmh-t$threads.log"
  grep -E "^(Log4j2)?(Event|Plain)StatementBenchmark.[a-zA-Z]+ " "$results/jmh-t$threads.log" || true
done
echo "JMH, JSON writing..."
java -jar "$jar" -t 1 -prof gc -rf json -rff "$results/jmh-json.json" JsonWritingBenchmark \
  >"$results/jmh-json.log"

echo "End to end..."
java -Xmx1g -cp "$jar" io.eventbunker.bench.EndToEnd --testkit-jar "$testkit_jar" \
  --out "$results/e2e.json"

echo "Memory and shutdown..."
java -Xmx1g -cp "$jar" io.eventbunker.bench.MemoryAndShutdown "$results/memory.json"

echo "Spool..."
java -Xmx1g -cp "$jar" io.eventbunker.bench.SpoolBenchmark --testkit-jar "$testkit_jar" \
  --dir bench/target/spool-bench --out "$results/spool.json"

echo "Fresh JVM..."
java -Xmx1g -cp "$jar" io.eventbunker.bench.FreshJvm --testkit-jar "$testkit_jar" \
  --out "$results/fresh.json"

echo "HTTPS + HTTP/2..."
java -Xmx1g -cp "$jar" io.eventbunker.bench.Http2Bench --out "$results/http2.json"

java -cp "$jar" io.eventbunker.bench.Report "$results" bench/RESULTS.md "bench/run.sh" \
  "$started_at" "$load_at_start" "$(cut -d' ' -f1-3 /proc/loadavg)"
echo "Wrote bench/RESULTS.md in $((SECONDS - started)) s."
