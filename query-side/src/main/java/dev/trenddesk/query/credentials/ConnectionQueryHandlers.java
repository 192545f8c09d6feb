package dev.trenddesk.query.credentials;

import dev.trenddesk.api.credentials.ConnectionView;
import dev.trenddesk.api.credentials.CredentialsQueries.FindAllConnections;
import dev.trenddesk.api.credentials.CredentialsQueries.FindConnection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers the connection queries from connections_view through R2DBC. */
@Component
public class ConnectionQueryHandlers {

    private final ConnectionReadRepository repository;

    public ConnectionQueryHandlers(ConnectionReadRepository repository) {
        this.repository = repository;
    }

    @QueryHandler
    public CompletableFuture<ConnectionView> handle(FindConnection query) {
        return repository.findById(query.userId()).toFuture();
    }

    @QueryHandler
    public CompletableFuture<List<ConnectionView>> handle(FindAllConnections query) {
        return repository.findAll().collectList().toFuture();
    }
}
