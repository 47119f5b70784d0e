/**
 * The EventBunker Log4j2 appender: the {@code <EventBunker>} plugin {@link
 * io.eventbunker.log4j2.EventBunkerAppender}, and the {@link
 * io.eventbunker.log4j2.EventBunker#EVENT EVENT} marker. Nothing here is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package io.eventbunker.log4j2;

import org.jspecify.annotations.NullMarked;
