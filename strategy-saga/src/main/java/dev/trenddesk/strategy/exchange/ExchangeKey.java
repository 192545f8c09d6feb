package dev.trenddesk.strategy.exchange;

import java.util.Objects;

/**
 * One trader's API key and secret at an exchange, decrypted in memory for the calls that need them.
 * {@link #toString()} never shows the secret and shows only the last 4 characters of the key.
 */
public record ExchangeKey(String apiKey, String secretKey) {

    public ExchangeKey {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(secretKey, "secretKey");
        if (apiKey.isBlank() || secretKey.isBlank()) {
            throw new IllegalArgumentException("apiKey and secretKey must not be blank");
        }
    }

    /** The API key masked to its last 4 characters, e.g. {@code ****Ab12}. */
    public String maskedApiKey() {
        return apiKey.length() <= 4 ? "****" : "****" + apiKey.substring(apiKey.length() - 4);
    }

    @Override
    public String toString() {
        return "ExchangeKey[apiKey=" + maskedApiKey() + ", secretKey=****]";
    }
}
