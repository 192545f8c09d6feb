package dev.trenddesk.vault;

/**
 * What a master-key rotation did.
 *
 * @param masterKeyId the fingerprint of the master key every data key is now wrapped with
 * @param rewrapped   data keys re-wrapped (each under a fresh nonce)
 * @param unreadable  data keys wrapped by a master key that is not on the ring (left as they are)
 */
public record RotationResult(String masterKeyId, int rewrapped, int unreadable) {}
