package dev.trenddesk.gateway.web.credentials;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.ConnectionView;
import dev.trenddesk.api.credentials.CredentialsQueries.FindAllConnections;
import dev.trenddesk.api.credentials.CredentialsQueries.FindConnection;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads connection status through the query bus, and waits for the read model to show a change just made. */
@Component
class ConnectionReader {

    /** Subscription updates come from the node that ran the projection; the row is also re-read at this pace. */
    private static final Duration RE_READ_EVERY = Duration.ofMillis(250);

    private final QueryGateway queries;

    public ConnectionReader(QueryGateway queries) {
        this.queries = queries;
    }

    public Mono<ConnectionView> find(UserId id) {
        return Mono.fromFuture(
                () -> queries.query(new FindConnection(id), ResponseTypes.instanceOf(ConnectionView.class)));
    }

    public Mono<List<ConnectionView>> all() {
        return Mono.fromFuture(
                () -> queries.query(new FindAllConnections(), ResponseTypes.multipleInstancesOf(ConnectionView.class)));
    }

    /**
     * Subscribes to the user's connection, runs {@code write}, then answers the first state that
     * satisfies {@code done}; after {@code patience} it answers whatever the row shows then (e.g.
     * still PENDING while BingX is slow), or nothing when there is no row.
     */
    public Mono<ConnectionView> writeThenAwait(
            UserId id, Mono<?> write, Predicate<ConnectionView> done, Duration patience) {
        return Mono.usingWhen(
                Mono.fromCallable(() -> queries.subscriptionQuery(
                        new FindConnection(id),
                        ResponseTypes.instanceOf(ConnectionView.class),
                        ResponseTypes.instanceOf(ConnectionView.class))),
                (SubscriptionQueryResult<ConnectionView, ConnectionView> result) -> write.then(Flux.merge(
                                result.initialResult(),
                                result.updates(),
                                Flux.interval(RE_READ_EVERY)
                                        .onBackpressureDrop()
                                        .concatMap(tick -> find(id)))
                        .filter(done)
                        .next()
                        .timeout(patience, Mono.defer(() -> find(id)))),
                result -> Mono.fromRunnable(result::close));
    }
}
