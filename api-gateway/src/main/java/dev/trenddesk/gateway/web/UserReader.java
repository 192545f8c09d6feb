package dev.trenddesk.gateway.web;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.user.UserQueries.FindAllUsers;
import dev.trenddesk.api.user.UserQueries.FindUserById;
import dev.trenddesk.api.user.UserView;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads users through the query bus, and waits for the read model to show a change just made. */
@Component
public class UserReader {

    private static final Duration READ_YOUR_WRITES = Duration.ofSeconds(10);
    /**
     * Subscription updates are emitted on the node whose processor handled the event; with several
     * nodes on one database that may be another node, so the row is also re-read at this pace.
     */
    private static final Duration RE_READ_EVERY = Duration.ofMillis(250);

    private final QueryGateway queries;

    public UserReader(QueryGateway queries) {
        this.queries = queries;
    }

    public Mono<UserView> find(UserId id) {
        return Mono.fromFuture(() -> queries.query(new FindUserById(id), ResponseTypes.instanceOf(UserView.class)));
    }

    public Mono<UserView> require(UserId id) {
        return find(id).switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no such user")));
    }

    public Mono<List<UserView>> all() {
        return Mono.fromFuture(
                () -> queries.query(new FindAllUsers(), ResponseTypes.multipleInstancesOf(UserView.class)));
    }

    /**
     * Subscribes to the user's row, then runs {@code write}, then answers the first state of the row
     * that satisfies {@code done}: the API answers only once what it did can be read back.
     */
    public Mono<UserView> writeThenRead(UserId id, Mono<?> write, Predicate<UserView> done) {
        return Mono.usingWhen(
                Mono.fromCallable(() -> queries.subscriptionQuery(
                        new FindUserById(id),
                        ResponseTypes.instanceOf(UserView.class),
                        ResponseTypes.instanceOf(UserView.class))),
                (SubscriptionQueryResult<UserView, UserView> result) -> write.then(Flux.merge(
                                result.initialResult(),
                                result.updates(),
                                Flux.interval(RE_READ_EVERY)
                                        .onBackpressureDrop()
                                        .concatMap(tick -> find(id)))
                        .filter(done)
                        .next()
                        .timeout(READ_YOUR_WRITES)),
                result -> Mono.fromRunnable(result::close));
    }
}
