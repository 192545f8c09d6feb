package dev.trenddesk.gateway.web.readside;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.user.UserView;
import dev.trenddesk.gateway.security.SessionUser;
import dev.trenddesk.gateway.web.UserReader;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Resolves whose data a read-side request reads, and asks the query bus. Under /api/users/{id}
 * the security rules have already decided that the caller may read that user; a user that does
 * not exist answers 404 with the same words as a user the caller may not read, and an admin's
 * read of someone else's data is recorded (AdminViewedUserData).
 */
@Component
class ReadSideReader {

    private final QueryGateway queries;
    private final UserReader users;
    private final AdminViews adminViews;

    public ReadSideReader(QueryGateway queries, UserReader users, AdminViews adminViews) {
        this.queries = queries;
        this.users = users;
        this.adminViews = adminViews;
    }

    /** The user behind /api/users/{id}: must exist; an admin's look is recorded first. */
    public Mono<UserView> target(SessionUser reader, String id, ServerWebExchange exchange) {
        UserId userId;
        try {
            userId = UserId.of(id);
        } catch (IllegalArgumentException e) {
            return Mono.error(notFound());
        }
        return users.find(userId)
                .switchIfEmpty(Mono.error(notFound()))
                .flatMap(view -> adminViews.record(reader, userId, exchange).thenReturn(view));
    }

    public Mono<UserView> self(SessionUser me) {
        return users.find(me.id()).switchIfEmpty(Mono.error(notFound()));
    }

    public <R> Mono<R> one(Object query, Class<R> type) {
        return Mono.fromFuture(() -> queries.query(query, ResponseTypes.instanceOf(type)));
    }

    public <R> Mono<List<R>> many(Object query, Class<R> type) {
        return Mono.fromFuture(() -> queries.query(query, ResponseTypes.multipleInstancesOf(type)));
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no such user data");
    }
}
