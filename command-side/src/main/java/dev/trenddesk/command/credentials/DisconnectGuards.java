package dev.trenddesk.command.credentials;

import dev.trenddesk.api.common.UserId;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The one place a disconnect is checked: asks every {@link DisconnectGuard} bean in order. The
 * ExchangeCredentials aggregate calls it before it disconnects.
 */
@Component
public class DisconnectGuards {

    private final List<DisconnectGuard> guards;

    @org.springframework.beans.factory.annotation.Autowired
    public DisconnectGuards(ObjectProvider<DisconnectGuard> guards) {
        this.guards = guards.orderedStream().toList();
    }

    public DisconnectGuards(List<DisconnectGuard> guards) {
        this.guards = List.copyOf(guards);
    }

    /** Throws {@link IllegalStateException} from the first guard that refuses. */
    public void check(UserId userId) {
        for (DisconnectGuard guard : guards) {
            guard.checkDisconnect(userId);
        }
    }
}
