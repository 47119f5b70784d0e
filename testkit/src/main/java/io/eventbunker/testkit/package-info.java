/**
 * The EventBunker test kit: {@link io.eventbunker.testkit.EventBunkerReceiver}, a local stand-in
 * for the track API, and {@link io.eventbunker.testkit.EventBunkerReceiverExtension} for JUnit 5.
 * Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.eventbunker.testkit;

import org.jspecify.annotations.NullMarked;
