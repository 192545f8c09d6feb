package dev.trenddesk.api.user;

import dev.trenddesk.api.common.UserId;

/** Questions about people, answered by the users read model. */
public final class UserQueries {

    private UserQueries() {}

    /** Answers a {@link UserView}, or null when there is no such user. */
    public record FindUserById(UserId userId) {}

    /** Answers a {@link UserView}, or null; the username is matched without regard to case. */
    public record FindUserByUsername(String username) {}

    /** Answers every user as a list of {@link UserView}, ordered by username. */
    public record FindAllUsers() {}
}
