package dev.trenddesk.bingx;

import java.util.Objects;

/**
 * One user's BingX API key and secret. {@link #toString()} never shows the secret and shows only
 * the last 4 characters of the key, so the record is safe to log by accident.
 */
public record ApiCredentials(String apiKey, String secretKey) {

    public ApiCredentials {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(secretKey, "secretKey");
        if (apiKey.isBlank() || secretKey.isBlank()) {
            throw new IllegalArgumentException("apiKey and secretKey must not be blank");
        }
    }

    /** The API key masked to its last 4 characters, e.g. {@code ****Ab12}. */
    public String maskedApiKey() {
        return mask(apiKey);
    }

    /** Masks any key-like value to its last 4 characters. */
    public static String mask(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 4 ? "****" : "****" + value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return "ApiCredentials[apiKey=" + maskedApiKey() + ", secretKey=****]";
    }
}
