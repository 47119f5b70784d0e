/**
 * What EventBunker's appenders share and their users may read: the outcomes and counters an
 * appender reports ({@link io.eventbunker.core.EventBunkerStats}, {@link
 * io.eventbunker.core.EventBunkerListener}, {@link io.eventbunker.core.FlushReport}), the {@link
 * io.eventbunker.core.EventField} of a statement, and the settings' defaults. The appenders live in
 * {@code io.eventbunker.logback} and {@code io.eventbunker.log4j2}. Nothing here is null unless
 * marked {@code @Nullable}.
 */
@NullMarked
package io.eventbunker.core;

import org.jspecify.annotations.NullMarked;
