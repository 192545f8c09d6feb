package dev.trenddesk.api.trading;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.trenddesk.api.common.UserId;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a trader's ImportedHistory aggregate (the trades brought in from the single-user bot): one per
 * user, rendered {@code imported-history-<userUuid>}; never the bare user UUID, which the UserAccount aggregate
 * already uses in the event table.
 */
public record ImportedHistoryId(UserId userId) {

    private static final String PREFIX = "imported-history-";

    public ImportedHistoryId {
        Objects.requireNonNull(userId, "user id");
    }

    public static ImportedHistoryId of(UserId userId) {
        return new ImportedHistoryId(userId);
    }

    @JsonCreator
    public static ImportedHistoryId parse(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not an imported history id: " + value);
        }
        return new ImportedHistoryId(new UserId(UUID.fromString(value.substring(PREFIX.length()))));
    }

    @JsonValue
    @Override
    public String toString() {
        return PREFIX + userId;
    }
}
