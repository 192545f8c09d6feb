package dev.trenddesk.api.audit;

import java.util.List;

/**
 * The newest checkpoints, newest first, and the public key that signs new ones now ({@code publicKey}: the raw
 * 32-byte Ed25519 key, base64; {@code keyId} names it in each checkpoint). An auditor keeps a copy of both.
 */
public record AuditCheckpoints(String keyId, String publicKey, List<AuditCheckpoint> checkpoints) {

    public AuditCheckpoints {
        checkpoints = List.copyOf(checkpoints);
    }
}
