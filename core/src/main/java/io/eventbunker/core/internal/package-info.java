/**
 * The machinery behind the appenders: capture, queue, sender, retry, spool, accounting. Public only
 * so that the appenders in other packages can use it; not an API. It changes without notice, in any
 * release, and users must not depend on it.
 */
@NullMarked
package io.eventbunker.core.internal;

import org.jspecify.annotations.NullMarked;
