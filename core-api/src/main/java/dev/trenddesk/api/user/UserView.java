package dev.trenddesk.api.user;

import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import java.time.Instant;
import java.util.List;

/**
 * A person as the users read model knows them.
 *
 * @param grantedTraders for a viewer, the traders whose data they may read; empty otherwise
 */
public record UserView(
        UserId id,
        String username,
        String email,
        Role role,
        boolean active,
        boolean tradingEnabled,
        Instant lockedUntil,
        Instant lastLoginAt,
        String lastLoginIp,
        Instant createdAt,
        TradingSettings settings,
        List<UserId> grantedTraders) {

    public UserView {
        grantedTraders = grantedTraders == null ? List.of() : List.copyOf(grantedTraders);
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
