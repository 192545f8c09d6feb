package dev.trenddesk.command.credentials;

import dev.trenddesk.api.common.UserId;

/**
 * A reason a user may not disconnect their BingX key right now. Implement it as a Spring bean in
 * the command role and throw {@link IllegalStateException} with a message for the person (the API
 * answers 409 with it); e.g. the trading area refuses while a bot runs ("stop your bot first").
 * Every guard is asked, through {@link DisconnectGuards}, before CredentialsDisconnected is applied.
 */
public interface DisconnectGuard {

    /** Throws {@link IllegalStateException} to refuse the disconnect. */
    void checkDisconnect(UserId userId);
}
