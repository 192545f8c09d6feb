package dev.trenddesk.gateway.audit;

import dev.trenddesk.query.audit.CheckpointSignatures;
import dev.trenddesk.vault.MasterKeyRing;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit checkpoints' signing keys, derived from the master keys (ADR 0025). */
@Configuration(proxyBeanMethods = false)
class AuditCheckpointKeys {

    @Bean
    CheckpointSignatures checkpointSignatures(MasterKeyRing ring) {
        return Ed25519CheckpointSignatures.from(ring);
    }
}
