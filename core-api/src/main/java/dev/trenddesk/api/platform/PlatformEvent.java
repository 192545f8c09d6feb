package dev.trenddesk.api.platform;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * What happened to the platform's kill switch (aggregate {@link PlatformCommands#HALT_ID}). The admin who did it
 * is in the metadata (actorId), as for every event.
 */
public sealed interface PlatformEvent {

    String haltId();

    Instant at();

    /**
     * Trading is halted on the whole platform from {@code at}.
     *
     * @param reason  why, as the admin gave it
     * @param flatten true: running and paused bots are stopped with their positions closed at market; false: running
     *                bots are paused and positions stay open with their stop-loss and take-profit
     */
    @Revision("1")
    record KillSwitchEngaged(String haltId, String reason, boolean flatten, Instant at) implements PlatformEvent {}

    /**
     * The halt is lifted: bots may be started and resumed again.
     *
     * @param reason why, as the admin gave it; null when none was given
     */
    @Revision("1")
    record KillSwitchReleased(String haltId, String reason, Instant at) implements PlatformEvent {}
}
