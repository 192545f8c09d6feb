package dev.trenddesk.strategy.notify;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.user.UserQueries.FindUserById;
import dev.trenddesk.api.user.UserView;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Where a user's e-mail goes: the account's address now (it follows an address change). */
@Component
class AccountAddresses {

    private final QueryGateway queries;
    private final Duration timeout;

    AccountAddresses(QueryGateway queries, @Value("${trenddesk.notifications.timeout:10s}") Duration timeout) {
        this.queries = queries;
        this.timeout = timeout;
    }

    /** The address; null when the account has none; IllegalStateException when the users read model did not answer. */
    String of(UUID userId) {
        try {
            UserView user = queries.query(
                            new FindUserById(new UserId(userId)), ResponseTypes.instanceOf(UserView.class))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return user == null ? null : user.email();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the users read model did not answer", e);
        }
    }
}
