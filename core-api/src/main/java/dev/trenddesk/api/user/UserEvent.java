package dev.trenddesk.api.user;

import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Everything that can happen to a UserAccount. No event carries a password or its hash: hashes
 * live in the password vault table (see docs/adr/0003-password-hashes-outside-events.md).
 */
public sealed interface UserEvent {

    UserId userId();

    Instant at();

    @Revision("2")
    record UserRegistered(UserId userId, String username, String email, Role role, TradingSettings settings, Instant at)
            implements UserEvent {}

    @Revision("1")
    record RoleChanged(UserId userId, Role from, Role to, Instant at) implements UserEvent {}

    @Revision("1")
    record UserDeactivated(UserId userId, Instant at) implements UserEvent {}

    @Revision("1")
    record UserReactivated(UserId userId, Instant at) implements UserEvent {}

    /** {@code byAdmin} tells an admin reset apart from the person's own change. */
    @Revision("1")
    record PasswordChanged(UserId userId, boolean byAdmin, Instant at) implements UserEvent {}

    /**
     * The account's e-mail address changed from {@code previousEmail} to {@code email} (both in lower
     * case). {@code byAdmin} tells who did it, as for {@link PasswordChanged}: today only the person
     * themselves can (false); the audit row's actor names them too.
     */
    @Revision("1")
    record EmailChanged(UserId userId, String previousEmail, String email, boolean byAdmin, Instant at)
            implements UserEvent {}

    @Revision("1")
    record TradingPermissionGranted(UserId userId, Instant at) implements UserEvent {}

    @Revision("1")
    record TradingPermissionRevoked(UserId userId, Instant at) implements UserEvent {}

    @Revision("2")
    record TradingSettingsUpdated(UserId userId, TradingSettings settings, Instant at) implements UserEvent {}

    @Revision("1")
    record ViewerAccessGranted(UserId userId, UserId traderId, Instant at) implements UserEvent {}

    @Revision("1")
    record ViewerAccessRevoked(UserId userId, UserId traderId, Instant at) implements UserEvent {}

    @Revision("1")
    record UserLoggedIn(UserId userId, String clientIp, Instant at) implements UserEvent {}

    /**
     * {@code reason}: BAD_CREDENTIALS or DEACTIVATED (LOCKED in events from before docs/adr/0013);
     * {@code recentFailures} in the 15-minute window.
     */
    @Revision("1")
    record LoginFailed(UserId userId, String clientIp, String reason, int recentFailures, Instant at)
            implements UserEvent {}

    /**
     * No longer raised (docs/adr/0013): a lock a stranger could trigger was a denial of service. Kept
     * so that old events still read; failed logins are now throttled per client IP in the gateway.
     */
    @Revision("1")
    record AccountLockedOut(UserId userId, Instant lockedUntil, Instant at) implements UserEvent {}

    /**
     * An alert for the audit trail: the account has seen {@code failures} failed logins within the
     * 15-minute window (raised at every multiple of the alert threshold). It refuses nothing.
     */
    @Revision("1")
    record RepeatedLoginFailures(UserId userId, int failures, Instant at) implements UserEvent {}

    @Revision("1")
    record UserUnlocked(UserId userId, Instant at) implements UserEvent {}

    /** The person was erased: data key destroyed (crypto-shredding), account closed for good. */
    @Revision("1")
    record UserErased(UserId userId, Instant at) implements UserEvent {}
}
