package dev.spool.application.dispatch;

import dev.spool.application.port.out.ClaimedItem;
import java.time.Instant;

/**
 * An attempt that ended and waits to be written.
 *
 * @param onWritten called once the outcome is stored, whether or not its lease still held
 */
record Finished(ClaimedItem claimed, Attempt attempt, Instant at, Runnable onWritten) {}
