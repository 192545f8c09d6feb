package dev.trenddesk.strategy.trading;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsHealthChanged;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerificationFailed;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerified;
import dev.trenddesk.api.credentials.CredentialsHealth;
import dev.trenddesk.api.credentials.VerificationFailure;
import dev.trenddesk.api.trading.PauseReason;
import dev.trenddesk.api.trading.TradingCommands.PauseTradingSession;
import dev.trenddesk.api.trading.TradingCommands.ResumeTradingSession;
import dev.trenddesk.api.trading.TradingSessionId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Key trouble stops the bot visibly. When the trader's BingX key fails — its verification (a "test
 * connection", or a new key that replaced one not verified), a health check refusing the key itself,
 * or a key verified read-only — a running bot pauses itself ({@link PauseReason#CREDENTIALS}, with the
 * reason; TradingAlerts raises BOT_PAUSED_CREDENTIALS) instead of skipping every candle for want of
 * credentials. When a key that may trade verifies (or the key is healthy again), a bot paused for
 * that reason resumes; a bot the trader paused, or one paused for rejections, stays paused (the
 * session decides, {@link ResumeTradingSession#onlyIfPausedFor()}).
 *
 * <p>Processing group {@value #GROUP}; commands are side effects, so never on replay.
 */
@Component
@ProcessingGroup(CredentialsPauses.GROUP)
@DisallowReplay
public class CredentialsPauses {

    public static final String GROUP = "trading-credentials";
    private static final String COMPONENT = "credentials-pauses";
    private static final Logger log = LoggerFactory.getLogger(CredentialsPauses.class);
    /** Health check failures that are the key's own (not BingX being unreachable, busy, or our clock). */
    private static final Set<VerificationFailure> KEY_FAULTS = EnumSet.of(
            VerificationFailure.BAD_API_KEY,
            VerificationFailure.BAD_SIGNATURE,
            VerificationFailure.IP_NOT_WHITELISTED,
            VerificationFailure.NO_TRADE_PERMISSION,
            VerificationFailure.FUNDS_PERMISSION);

    private final TradingLedger ledger;
    private final CommandGateway commands;

    public CredentialsPauses(TradingLedger ledger, CommandGateway commands) {
        this.ledger = ledger;
        this.commands = commands;
    }

    @EventHandler
    void on(CredentialsVerificationFailed event) {
        if (event.isStaged()) {
            return; // a replacement refused: the verified key stays in use, the bot keeps trading with it
        }
        pause(
                event.userId(),
                "your BingX key failed its verification: " + event.reason().message(),
                event.at());
    }

    @EventHandler
    void on(CredentialsHealthChanged event) {
        if (event.health() == CredentialsHealth.HEALTHY) {
            resume(event.userId(), event.at());
        } else if (event.reason() != null && KEY_FAULTS.contains(event.reason())) {
            pause(
                    event.userId(),
                    "your BingX key failed its health check: " + event.reason().message(),
                    event.at());
        }
    }

    @EventHandler
    void on(CredentialsVerified event) {
        if (event.isReadOnly()) {
            pause(
                    event.userId(),
                    "your BingX key is read-only: it may read but not trade perpetual futures",
                    event.at());
        } else {
            resume(event.userId(), event.at());
        }
    }

    private void pause(UserId userId, String detail, Instant at) {
        for (TradingSessionId sessionId : ledger.activeSessionsOf(userId)) {
            try {
                SystemCommands.send(
                        commands, COMPONENT, new PauseTradingSession(sessionId, at, PauseReason.CREDENTIALS, detail));
                log.info("Session {} paused: {}", sessionId, detail);
            } catch (RuntimeException refused) {
                if (!(rootCause(refused) instanceof IllegalStateException)) {
                    throw refused; // not recorded: the event is handled again
                }
                // paused already (by the trader, or for this reason) or stopped: nothing to do
                log.debug("Session {} not paused for its credentials: {}", sessionId, refused.getMessage());
            }
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private void resume(UserId userId, Instant at) {
        for (TradingSessionId sessionId : ledger.activeSessionsOf(userId)) {
            SystemCommands.send(commands, COMPONENT, new ResumeTradingSession(sessionId, at, PauseReason.CREDENTIALS));
        }
    }
}
