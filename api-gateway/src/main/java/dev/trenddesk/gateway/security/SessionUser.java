package dev.trenddesk.gateway.security;

import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.UserId;
import java.util.Set;

/**
 * The person behind a request, as loaded from their session and the users read model on every
 * request, so a role change, a revoked grant or a deactivation applies at once.
 *
 * @param grantedTraders for viewers: the traders whose data they may read
 */
public record SessionUser(UserId id, String username, Role role, Set<UserId> grantedTraders) {

    public SessionUser {
        grantedTraders = Set.copyOf(grantedTraders);
    }

    /** Whether this person may read the given user's data: themselves, an admin, or a granted viewer. */
    public boolean mayRead(UserId userId) {
        return id.equals(userId) || role == Role.ADMIN || role == Role.VIEWER && grantedTraders.contains(userId);
    }
}
