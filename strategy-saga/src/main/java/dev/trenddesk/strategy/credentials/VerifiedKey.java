package dev.trenddesk.strategy.credentials;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.strategy.exchange.ExchangeKey;
import java.util.Objects;

/**
 * A user's verified key, decrypted in memory, and the exchange it belongs to as its CredentialsConnected
 * recorded it. {@link #toString()} shows no secret (that of {@link ExchangeKey}).
 */
public record VerifiedKey(ExchangeName exchange, ExchangeKey key) {

    public VerifiedKey {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(key, "key");
    }
}
