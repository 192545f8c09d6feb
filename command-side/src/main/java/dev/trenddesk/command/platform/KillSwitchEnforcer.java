package dev.trenddesk.command.platform;

import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.platform.PlatformEvent.KillSwitchEngaged;
import dev.trenddesk.api.trading.PauseReason;
import dev.trenddesk.api.trading.StopReason;
import dev.trenddesk.api.trading.TradingCommands.PauseTradingSession;
import dev.trenddesk.api.trading.TradingCommands.StopTradingSession;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.command.trading.ActiveSessions;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries out an engaged kill switch on every active bot, with the sessions' own commands: a running bot is paused
 * ({@link PauseReason#PLATFORM_HALT}); with flatten, every running or paused bot is stopped with its positions
 * closed at market. The admin who engaged the switch is the commands' actor (the metadata travels from the event).
 *
 * <p>A tracking processor ({@value #GROUP}): its token moves past the engage only once every bot was handled, so
 * a process that dies half-way handles the event again at its next start. Handling it again is harmless: a bot
 * already paused or stopped refuses the command (ignored here) and nothing else changes. A bot cannot slip past:
 * its start or resume waits for the engage to commit or sees it ({@link PlatformHalts}), and the sessions are read
 * here after the engage committed. Commands are side effects, so never on replay.
 */
@Component
@ProcessingGroup(KillSwitchEnforcer.GROUP)
@DisallowReplay
public class KillSwitchEnforcer {

    public static final String GROUP = "platform-halt";
    private static final Logger log = LoggerFactory.getLogger(KillSwitchEnforcer.class);

    private final ActiveSessions sessions;
    private final CommandGateway commands;

    public KillSwitchEnforcer(ActiveSessions sessions, CommandGateway commands) {
        this.sessions = sessions;
        this.commands = commands;
    }

    @EventHandler
    void on(KillSwitchEngaged event) {
        int done = 0;
        for (TradingSessionId sessionId : sessions.all()) {
            Object command = event.flatten()
                    ? new StopTradingSession(
                            sessionId,
                            StopReason.REQUESTED,
                            "stopped by the platform's kill switch: " + event.reason() + ", positions flattened",
                            true,
                            event.at())
                    : new PauseTradingSession(
                            sessionId,
                            event.at(),
                            PauseReason.PLATFORM_HALT,
                            "trading is halted by the platform: " + event.reason());
            try {
                commands.sendAndWait(command);
                done++;
            } catch (RuntimeException e) {
                if (!isRejection(e)) {
                    throw e; // retried by the processor: the bots handled so far refuse the repeat
                }
                // paused, stopped or gone already (a second delivery after a crash, or the trader was quicker)
                log.debug("kill switch: session {} left as it is: {}", sessionId, e.getMessage());
            }
        }
        log.info(
                "kill switch engaged ({}): {} bot(s) {}",
                event.reason(),
                done,
                event.flatten() ? "stopped and flattened" : "paused");
    }

    /** A refusal by the session, whether it arrives as itself or wrapped by the command bus (CodedRejections). */
    private static boolean isRejection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DomainRejection || t instanceof AggregateNotFoundException) {
                return true;
            }
            if (t instanceof CommandExecutionException coded
                    && coded.getDetails().isPresent()) {
                return true;
            }
        }
        return false;
    }
}
