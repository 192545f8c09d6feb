package dev.trenddesk.api.credentials;

/** Where a user's BingX connection stands. */
public enum CredentialsStatus {
    /** Key and secret stored (encrypted); verification against BingX under way. */
    PENDING,
    /** BingX accepted the key: balance read, futures trading permitted. */
    VERIFIED,
    /** BingX refused the key, or could not be reached; see the failure reason. */
    FAILED,
    /** The user removed the key (or never connected one). */
    DISCONNECTED
}
