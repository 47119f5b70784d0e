package io.eventbunker.core;

/**
 * The default of every appender setting: the one place they are defined. The Spring Boot starter
 * and the README's configuration table refer to these.
 */
public final class EventBunkerDefaults {

  /** The EventBunker track API. */
  public static final String ENDPOINT = "https://track.eventbunker.io/post";

  /**
   * Events the queue holds before new ones are dropped (or wait, see {@link #APPEND_TIMEOUT_MS}).
   */
  public static final int QUEUE_CAPACITY = 10_000;

  /** Approximate memory the queued events may take, in bytes, whatever their count. */
  public static final long QUEUE_MAX_BYTES = 16L * 1024 * 1024;

  /** Events larger than this (approximate JSON size in bytes) are rejected. */
  public static final long MAX_EVENT_BYTES = 64L * 1024;

  /** How long a logging thread may wait for queue space; 0 drops at once when the queue is full. */
  public static final long APPEND_TIMEOUT_MS = 0;

  /**
   * Requests on the wire at once. Below HTTP/2's usual 100 concurrent streams, beyond which the JDK
   * client fails requests (JDK-8225647).
   */
  public static final int MAX_IN_FLIGHT = 64;

  /** Time allowed to open a connection. */
  public static final long CONNECT_TIMEOUT_MS = 5_000;

  /** Time allowed for one request, from sending to the whole response. */
  public static final long REQUEST_TIMEOUT_MS = 10_000;

  /** Attempts per event, the first included, before it counts as failed. */
  public static final int RETRY_MAX_ATTEMPTS = 8;

  /** Upper bound of the first randomised backoff delay. */
  public static final long RETRY_INITIAL_BACKOFF_MS = 250;

  /** Upper bound of any backoff delay (a server's {@code Retry-After} is honoured beyond it). */
  public static final long RETRY_MAX_BACKOFF_MS = 30_000;

  /** Time from an event's first attempt after which it is not retried again. */
  public static final long RETRY_TIMEOUT_MS = 300_000;

  /**
   * Time {@code stop()} spends delivering what is queued and in flight. A full default queue takes
   * {@code 10,000 × 35 ms ÷ 64 = 5.5 s} at the API's typical latency in a warm JVM, but about 9.5 s
   * from a fresh JVM on 2 cores over HTTPS + HTTP/2 (bench/RESULTS.md), where the JDK client's code
   * is still being compiled: 15 s fits that, with the slow start and the closing margin.
   */
  public static final long SHUTDOWN_TIMEOUT_MS = 15_000;

  /**
   * Disk space the spool may take, in bytes: {@value}. Once it is full, the newest events are
   * dropped, so that the oldest, possibly being replayed, are kept.
   */
  public static final long MAX_SPOOL_BYTES = 256L * 1024 * 1024;

  /**
   * Age (since the statement was logged) beyond which a spooled event is not sent when it is
   * replayed, but counted as failed; 0, the default, keeps spooled events until they are sent.
   */
  public static final long SPOOL_MAX_AGE_MS = 0;

  /**
   * Whether losses and a refused write key are also printed to the console ({@code System.err}),
   * where people look, besides the logging framework's status output.
   */
  public static final boolean CONSOLE_WARNINGS = true;

  /** The MDC entry whose value becomes the event's {@code customer_identifier}. */
  public static final String CUSTOMER_IDENTIFIER_MDC_KEY = "customer_identifier";

  private EventBunkerDefaults() {}
}
