package dev.trenddesk.query.audit;

import dev.trenddesk.api.audit.AuditCheckpoints;
import dev.trenddesk.api.audit.AuditEntry;
import dev.trenddesk.api.audit.AuditPage;
import dev.trenddesk.api.audit.AuditQueries.FindAuditCheckpoints;
import dev.trenddesk.api.audit.AuditQueries.FindAuditEntries;
import dev.trenddesk.api.audit.AuditQueries.StreamAuditEntries;
import dev.trenddesk.api.audit.AuditQueries.VerifyAuditChain;
import dev.trenddesk.api.audit.AuditVerification;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Answers the audit queries: pages, the streamed export and chain verification. Time travel
 * (FindAggregateHistory) replays the aggregates themselves and is answered by the gateway's
 * {@code audit.TimeTravelQueries} (ADR 0016).
 */
@Component
public class AuditQueryHandlers {

    private final AuditReadRepository repository;
    private final JdbcTemplate jdbc;
    private final ObjectProvider<CheckpointSignatures> keys;

    public AuditQueryHandlers(
            AuditReadRepository repository, JdbcTemplate jdbc, ObjectProvider<CheckpointSignatures> keys) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.keys = keys;
    }

    @QueryHandler
    public CompletableFuture<AuditPage> handle(FindAuditEntries query) {
        return repository
                .page(query.filter(), query.cursor(), query.limit(), query.newestFirst())
                .toFuture();
    }

    @QueryHandler
    public Flux<AuditEntry> handle(StreamAuditEntries query) {
        return repository.stream(query.filter());
    }

    @QueryHandler
    public AuditVerification handle(VerifyAuditChain query) {
        return AuditChain.verify(jdbc, keys.getIfAvailable(), query.heldSeq(), query.heldHash());
    }

    @QueryHandler
    public AuditCheckpoints handle(FindAuditCheckpoints query) {
        CheckpointSignatures signing = keys.getObject();
        return new AuditCheckpoints(
                signing.keyId(), signing.publicKey(), AuditCheckpointStore.newest(jdbc, query.limit()));
    }
}
