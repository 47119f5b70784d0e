/**
 * Spring Boot auto-configuration of the EventBunker appender, with its health contributor and
 * meters. Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.eventbunker.spring.boot;

import org.jspecify.annotations.NullMarked;
