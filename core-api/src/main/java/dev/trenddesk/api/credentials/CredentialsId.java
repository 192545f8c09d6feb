package dev.trenddesk.api.credentials;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.trenddesk.api.common.UserId;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a user's ExchangeCredentials aggregate: one per user, rendered {@code credentials-<userUuid>}.
 * Never the bare user UUID, because the event table's (aggregate identifier, sequence number) is
 * unique across aggregate types and the UserAccount aggregate already uses it.
 */
public record CredentialsId(UserId userId) {

    private static final String PREFIX = "credentials-";

    public CredentialsId {
        Objects.requireNonNull(userId, "user id");
    }

    public static CredentialsId of(UserId userId) {
        return new CredentialsId(userId);
    }

    @JsonCreator
    public static CredentialsId parse(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a credentials id: " + value);
        }
        return new CredentialsId(new UserId(UUID.fromString(value.substring(PREFIX.length()))));
    }

    @JsonValue
    @Override
    public String toString() {
        return PREFIX + userId;
    }
}
