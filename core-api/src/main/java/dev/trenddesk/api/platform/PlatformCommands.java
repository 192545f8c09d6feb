package dev.trenddesk.api.platform;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands of the platform's kill switch (the PlatformHalt aggregate, one for the whole platform, identified by
 * {@link #HALT_ID}). Sent by admins through the API; who asked travels in the metadata.
 */
public final class PlatformCommands {

    /** The one kill switch's aggregate identifier. */
    public static final String HALT_ID = "platform-halt";

    private PlatformCommands() {}

    /**
     * Halts trading on the whole platform: every running bot pauses, or with {@code flatten} stops and closes its
     * positions at market; no bot starts or resumes until {@link ReleaseKillSwitch}. Refused while engaged.
     *
     * @param reason why, shown to every trader; required
     */
    public record EngageKillSwitch(
            @TargetAggregateIdentifier String haltId, String reason, boolean flatten, Instant at) {}

    /**
     * Lifts the halt: bots may be started and resumed again (none is resumed by this). Refused when not engaged.
     *
     * @param reason why, optional (null or blank: none)
     */
    public record ReleaseKillSwitch(
            @TargetAggregateIdentifier String haltId, String reason, Instant at) {}
}
