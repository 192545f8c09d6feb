package dev.trenddesk.query.audit;

/** The keys that sign audit checkpoints (Ed25519 in the gateway, derived from the master key; ADR 0025). */
public interface CheckpointSignatures {

    /** The id of the key that signs now. */
    String keyId();

    /** That key's public half: the raw 32-byte Ed25519 key, base64. */
    String publicKey();

    /** {@code text} (UTF-8) signed with the current key, base64. */
    String sign(String text);

    /** Whether this node has the key {@code keyId} (the current one or a previous master key's). */
    boolean knows(String keyId);

    /** Whether {@code signature} is {@code keyId}'s signature of {@code text}; false for an unknown key. */
    boolean verifies(String keyId, String text, String signature);
}
