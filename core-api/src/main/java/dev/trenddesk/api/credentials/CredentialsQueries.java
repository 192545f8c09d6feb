package dev.trenddesk.api.credentials;

import dev.trenddesk.api.common.UserId;

/** Queries on the connection-status read model. */
public final class CredentialsQueries {

    private CredentialsQueries() {}

    /** One user's connection; answers a {@link ConnectionView} or nothing when they never connected. */
    public record FindConnection(UserId userId) {}

    /** Every user's connection (admin overview), by username. */
    public record FindAllConnections() {}
}
