package dev.trenddesk.api.credentials;

/**
 * The key-vault field names a BingX key and secret are encrypted under. They are part of each
 * ciphertext's associated data, so the gateway (which encrypts) and the saga role (which decrypts)
 * must use the same names, and a key's ciphertext cannot be used as a secret's.
 */
public final class SecretFields {

    /** Field of the API key's ciphertext. */
    public static final String API_KEY = "bingx.apiKey";
    /** Field of the secret key's ciphertext. */
    public static final String SECRET_KEY = "bingx.secretKey";

    private SecretFields() {}
}
