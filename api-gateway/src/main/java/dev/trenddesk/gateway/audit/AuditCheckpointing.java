package dev.trenddesk.gateway.audit;

import dev.trenddesk.api.audit.AuditCheckpoint;
import dev.trenddesk.api.audit.AuditQueries.SignAuditCheckpoint;
import dev.trenddesk.query.audit.AuditCheckpointStore;
import dev.trenddesk.query.audit.CheckpointSignatures;
import java.time.Clock;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Signs a checkpoint of the audit chain's head every {@code trenddesk.audit.checkpoint-every} rows (checked every
 * {@code trenddesk.audit.checkpoint-interval}) on the nodes that keep the audit log, and on demand; each one is
 * also written to the log, so a copy lives outside the database (ADR 0025). Runs with the query role, which keeps
 * the audit log; the keys are derived from the master key.
 */
@Component
class AuditCheckpointing {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpointing.class);

    private final JdbcTemplate jdbc;
    private final CheckpointSignatures keys;
    private final Clock clock;
    private final long every;

    AuditCheckpointing(
            JdbcTemplate jdbc,
            CheckpointSignatures keys,
            Clock clock,
            @Value("${trenddesk.audit.checkpoint-every:1000}") long every) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
        this.every = every;
    }

    @Scheduled(
            fixedDelayString = "${trenddesk.audit.checkpoint-interval:1m}",
            initialDelayString = "${trenddesk.audit.checkpoint-interval:1m}")
    void periodically() {
        try {
            signed(AuditCheckpointStore.sign(jdbc, keys, clock.instant(), every));
        } catch (RuntimeException e) {
            log.warn("Audit checkpoint not signed, trying again at the next interval: {}", e.toString());
        }
    }

    /**
     * Signs the head now if any row came since the newest checkpoint, else answers the newest. The one audit
     * question that writes: a checkpoint attests the audit log, it is not a fact of the domain.
     */
    @QueryHandler
    public AuditCheckpoint handle(SignAuditCheckpoint query) {
        return signed(AuditCheckpointStore.sign(jdbc, keys, clock.instant(), 1))
                .or(() -> AuditCheckpointStore.newest(jdbc, 1).stream().findFirst())
                .orElse(null);
    }

    private static Optional<AuditCheckpoint> signed(Optional<AuditCheckpoint> checkpoint) {
        checkpoint.ifPresent(c -> log.info(
                "Audit checkpoint signed: seq={} hash={} at={} key={} signature={}",
                c.seq(),
                c.headHash(),
                c.signedAt(),
                c.keyId(),
                c.signature()));
        return checkpoint;
    }
}
