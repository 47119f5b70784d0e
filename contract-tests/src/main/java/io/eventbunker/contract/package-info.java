/**
 * The behaviour every EventBunker appender owes its users, as one JUnit 5 suite: each adapter
 * implements {@link io.eventbunker.contract.AdapterDriver} in its own tests and extends each
 * abstract {@code *Contract} class with a one-line subclass. Expected bodies are written once,
 * here, so every adapter is held to the same bytes. Nothing here is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package io.eventbunker.contract;

import org.jspecify.annotations.NullMarked;
