package dev.trenddesk.command.platform;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.RejectionCode;
import dev.trenddesk.api.platform.PlatformCommands.EngageKillSwitch;
import dev.trenddesk.api.platform.PlatformCommands.ReleaseKillSwitch;
import dev.trenddesk.api.platform.PlatformEvent.KillSwitchEngaged;
import dev.trenddesk.api.platform.PlatformEvent.KillSwitchReleased;
import dev.trenddesk.command.AggregateView;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The platform's kill switch (emergency stop), one for the whole platform: engaged by an admin with a reason and
 * a choice of pausing every bot or stopping them with their positions flattened, and engaged until an admin
 * releases it. Created by its first engage. {@link PlatformHalts} mirrors its state in the same transaction for
 * TradingSession to refuse starts and resumes; {@link KillSwitchEnforcer} pauses or stops the bots.
 */
@Aggregate
public class PlatformHalt implements AggregateView {

    /** The longest reason kept: a sentence for every trader's banner, not a report. */
    public static final int MAX_REASON = 500;

    @AggregateIdentifier
    private String id;

    private boolean engaged;
    private String reason;
    private boolean flatten;
    private Instant since;

    /** What time travel shows. */
    public record View(boolean engaged, String reason, boolean flatten, Instant since) {}

    protected PlatformHalt() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(EngageKillSwitch command, PlatformHalts halts) {
        String why = command.reason() == null ? "" : command.reason().strip();
        if (why.isEmpty()) {
            throw new InvalidInputException("reason", "is required: say why trading is halted");
        }
        requirePlainText(why);
        if (engaged) {
            throw new DomainRejection(
                    RejectionCode.KILL_SWITCH_ALREADY_ENGAGED,
                    "the kill switch is already engaged since " + since + ": " + reason);
        }
        halts.engaged(why, command.at());
        apply(new KillSwitchEngaged(command.haltId(), why, command.flatten(), command.at()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReleaseKillSwitch command, PlatformHalts halts) {
        if (!engaged) {
            throw new DomainRejection(RejectionCode.KILL_SWITCH_NOT_ENGAGED, "the kill switch is not engaged");
        }
        String why = command.reason() == null || command.reason().isBlank()
                ? null
                : command.reason().strip();
        if (why != null) {
            requirePlainText(why);
        }
        halts.released();
        apply(new KillSwitchReleased(id, why, command.at()));
    }

    /**
     * A reason is a sentence every trader's banner shows: at most {@value #MAX_REASON} characters, and no control
     * characters, unpaired surrogates or bidirectional overrides (which could garble or disguise the banner).
     */
    public static void requirePlainText(String reason) {
        if (reason.length() > MAX_REASON) {
            throw new InvalidInputException("reason", "must be at most " + MAX_REASON + " characters");
        }
        boolean plain = reason.codePoints()
                .noneMatch(c -> Character.isISOControl(c)
                        || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)
                        || (c >= 0x202A && c <= 0x202E)
                        || (c >= 0x2066 && c <= 0x2069));
        if (!plain) {
            throw new InvalidInputException(
                    "reason", "must be plain text: no control characters, unpaired surrogates or direction overrides");
        }
    }

    @EventSourcingHandler
    void on(KillSwitchEngaged event) {
        id = event.haltId();
        engaged = true;
        reason = event.reason();
        flatten = event.flatten();
        since = event.at();
    }

    @EventSourcingHandler
    void on(KillSwitchReleased event) {
        id = event.haltId();
        engaged = false;
        reason = null;
        flatten = false;
        since = null;
    }

    @Override
    public Object view() {
        return new View(engaged, reason, flatten, since);
    }
}
