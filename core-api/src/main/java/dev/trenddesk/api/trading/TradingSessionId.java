package dev.trenddesk.api.trading;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies one trading session (one run of a trader's bot, from start to stop); the TradingSession aggregate's id. */
public record TradingSessionId(UUID value) {

    public TradingSessionId {
        Objects.requireNonNull(value, "trading session id");
    }

    public static TradingSessionId random() {
        return new TradingSessionId(UUID.randomUUID());
    }

    @JsonCreator
    public static TradingSessionId of(String value) {
        return new TradingSessionId(UUID.fromString(value));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
