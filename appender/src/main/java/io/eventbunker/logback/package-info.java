/**
 * The EventBunker Logback appender: {@link io.eventbunker.logback.EventBunkerAppender}, the {@link
 * io.eventbunker.logback.EventBunker#EVENT EVENT} marker, and the outcomes and counters it reports.
 * Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.eventbunker.logback;

import org.jspecify.annotations.NullMarked;
