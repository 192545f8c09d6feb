package dev.trenddesk.api.user;

import dev.trenddesk.api.common.UserId;
import java.time.Instant;

/**
 * The answer to an {@link UserCommands.AttemptLogin}.
 *
 * @param userId      the account, null when the username is unknown
 * @param lockedUntil set when the result is {@link Result#LOCKED}
 */
public record LoginOutcome(Result result, UserId userId, Instant lockedUntil) {

    public enum Result {
        SUCCESS,
        BAD_CREDENTIALS,
        LOCKED,
        DEACTIVATED
    }

    public boolean succeeded() {
        return result == Result.SUCCESS;
    }
}
