package dev.trenddesk.vault;

/**
 * A secret the vault cannot give back. Messages name the user and the field, never a key or a
 * plaintext.
 */
public class KeyVaultException extends RuntimeException {

    /** Why nothing could be decrypted. */
    public enum Reason {
        /** The user has no data key: never had one, or it was destroyed (crypto-shredding). */
        NO_DATA_KEY,
        /** The user was erased: their data key is gone for good and no new one is made. */
        SHREDDED,
        /** The ciphertext does not authenticate: tampered with, or bound to another user or field. */
        CIPHERTEXT_REJECTED,
        /** The data key is wrapped by a master key that is not configured (neither current nor previous). */
        UNKNOWN_MASTER_KEY
    }

    private final Reason reason;

    public KeyVaultException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public KeyVaultException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
