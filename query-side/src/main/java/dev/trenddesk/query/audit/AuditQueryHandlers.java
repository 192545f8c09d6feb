package dev.trenddesk.query.audit;

import dev.trenddesk.api.audit.AggregateHistory;
import dev.trenddesk.api.audit.AuditEntry;
import dev.trenddesk.api.audit.AuditPage;
import dev.trenddesk.api.audit.AuditQueries.FindAggregateHistory;
import dev.trenddesk.api.audit.AuditQueries.FindAuditEntries;
import dev.trenddesk.api.audit.AuditQueries.StreamAuditEntries;
import dev.trenddesk.api.audit.AuditQueries.VerifyAuditChain;
import dev.trenddesk.api.audit.AuditVerification;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** Answers the audit queries: pages, the streamed export, chain verification and time travel. */
@Component
public class AuditQueryHandlers {

    private final AuditReadRepository repository;
    private final JdbcTemplate jdbc;
    private final TimeTravel timeTravel;

    public AuditQueryHandlers(AuditReadRepository repository, JdbcTemplate jdbc, TimeTravel timeTravel) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.timeTravel = timeTravel;
    }

    @QueryHandler
    public CompletableFuture<AuditPage> handle(FindAuditEntries query) {
        return repository.page(query.filter(), query.after(), query.limit()).toFuture();
    }

    @QueryHandler
    public Flux<AuditEntry> handle(StreamAuditEntries query) {
        return repository.stream(query.filter());
    }

    @QueryHandler
    public AuditVerification handle(VerifyAuditChain query) {
        return AuditChain.verify(jdbc);
    }

    @QueryHandler
    public AggregateHistory handle(FindAggregateHistory query) {
        return timeTravel.asOf(query.aggregateId(), query.at()).orElse(null);
    }
}
