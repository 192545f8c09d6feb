package dev.trenddesk.api.audit;

import java.time.Instant;

/**
 * A signed statement of the audit chain's head: row {@code seq} had hash {@code headHash} at {@code signedAt}.
 * {@code signature} is Ed25519 (base64) over {@link #signedText()} under the key named {@code keyId}. Kept outside
 * the database (an auditor's copy, a log), it shows rows cut off the end of the chain, which the chain alone
 * cannot.
 */
public record AuditCheckpoint(long seq, String headHash, Instant signedAt, String keyId, String signature) {

    /** The exact bytes signed, as UTF-8 text. */
    public String signedText() {
        return signedText(seq, headHash, signedAt);
    }

    public static String signedText(long seq, String headHash, Instant signedAt) {
        return "trenddesk-audit-checkpoint\n" + seq + "\n" + headHash + "\n" + signedAt;
    }
}
