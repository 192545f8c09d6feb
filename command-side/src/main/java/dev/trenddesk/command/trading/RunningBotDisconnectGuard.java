package dev.trenddesk.command.trading;

import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.common.RejectionCode;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.command.credentials.DisconnectGuard;
import org.springframework.stereotype.Component;

/** Refuses to disconnect BingX credentials while the user's bot is running or paused (→ 409). */
@Component
public class RunningBotDisconnectGuard implements DisconnectGuard {

    private final ActiveSessions activeSessions;

    public RunningBotDisconnectGuard(ActiveSessions activeSessions) {
        this.activeSessions = activeSessions;
    }

    @Override
    public void checkDisconnect(UserId userId) {
        if (activeSessions.activeSessionOf(userId).isPresent()) {
            throw new DomainRejection(
                    RejectionCode.DISCONNECT_WHILE_BOT_ACTIVE,
                    "stop your bot first: it is running or paused on this BingX key");
        }
    }
}
