package dev.trenddesk.api.user;

import dev.trenddesk.api.common.Password;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands of the UserAccount aggregate. Each carries the moment it was issued ({@code at}), so
 * the aggregate never reads a clock; who sent it travels in the message metadata.
 */
public final class UserCommands {

    private UserCommands() {}

    /** An admin (or the bootstrap on first start) registers a person. */
    public record RegisterUser(
            @TargetAggregateIdentifier UserId userId,
            String username,
            String email,
            Role role,
            Password password,
            Instant at) {}

    public record ChangeRole(@TargetAggregateIdentifier UserId userId, Role role, Instant at) {}

    public record DeactivateUser(@TargetAggregateIdentifier UserId userId, Instant at) {}

    public record ReactivateUser(@TargetAggregateIdentifier UserId userId, Instant at) {}

    /** The person changes their own password; the current one is required. */
    public record ChangePassword(
            @TargetAggregateIdentifier UserId userId, Password currentPassword, Password newPassword, Instant at) {}

    /**
     * The person changes their own e-mail address; the current password is required. The address is
     * validated as at registration, stored in lower case, and must not be another account's.
     */
    public record ChangeEmail(
            @TargetAggregateIdentifier UserId userId, String email, Password currentPassword, Instant at) {}

    /** An admin sets a new password for someone who lost theirs. */
    public record ResetPassword(@TargetAggregateIdentifier UserId userId, Password newPassword, Instant at) {}

    public record GrantTradingPermission(
            @TargetAggregateIdentifier UserId userId, Instant at) {}

    public record RevokeTradingPermission(
            @TargetAggregateIdentifier UserId userId, Instant at) {}

    public record UpdateTradingSettings(
            @TargetAggregateIdentifier UserId userId, TradingSettings settings, Instant at) {}

    /** Lets a viewer read one trader's data. Sent to the viewer's account. */
    public record GrantViewerAccess(
            @TargetAggregateIdentifier UserId viewerId, UserId traderId, Instant at) {}

    public record RevokeViewerAccess(
            @TargetAggregateIdentifier UserId viewerId, UserId traderId, Instant at) {}

    /**
     * A login attempt by username. The answer is a {@link LoginOutcome}; a refused attempt on an
     * existing account is still recorded as an event, which is why this is a command and not a query.
     */
    public record AttemptLogin(String username, Password password, String clientIp, Instant at) {}

    /**
     * Erases a person (right to erasure): their account is deactivated and their key-vault data key
     * destroyed, so every secret of theirs in old events becomes unreadable (crypto-shredding).
     */
    public record EraseUser(@TargetAggregateIdentifier UserId userId, Instant at) {}

    /** An admin lifts a lockout before it expires. */
    public record UnlockUser(@TargetAggregateIdentifier UserId userId, Instant at) {}
}
