package dev.trenddesk.gateway.web.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.ConnectionView;
import dev.trenddesk.api.credentials.CredentialsQueries.FindConnection;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Waiting for the connection row to show a change. */
class ConnectionReaderTest {

    /**
     * Connecting a key once answered 409 "Could not emit tick 1 due to lack of requests": while one re-read
     * of the row was slow (a busy database), the re-read timer kept ticking into a merge that could not take
     * the ticks, and the overflow failed the whole request. A slow re-read must only make the wait longer.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aSlowReReadOfTheRowDoesNotFailTheWait() {
        QueryGateway queries = mock(QueryGateway.class);
        SubscriptionQueryResult<ConnectionView, ConnectionView> subscription = mock(SubscriptionQueryResult.class);
        when(subscription.initialResult()).thenReturn(Mono.empty());
        when(subscription.updates()).thenReturn(Flux.never());
        when(queries.subscriptionQuery(any(FindConnection.class), any(ResponseType.class), any(ResponseType.class)))
                .thenReturn(subscription);
        ConnectionView row = mock(ConnectionView.class);
        CompletableFuture<ConnectionView> stalled = new CompletableFuture<>();
        when(queries.query(any(FindConnection.class), any(ResponseType.class)))
                .thenReturn((CompletableFuture) stalled, (CompletableFuture) CompletableFuture.completedFuture(row));

        ConnectionReader reader = new ConnectionReader(queries);
        UserId user = new UserId(UUID.randomUUID());
        StepVerifier.withVirtualTime(
                        () -> reader.writeThenAwait(user, Mono.empty(), view -> false, Duration.ofMinutes(1)))
                .expectSubscription()
                .thenAwait(Duration.ofMinutes(1))
                .assertNext(view -> assertThat(view)
                        .as("the row as it stands after the patience")
                        .isSameAs(row))
                .verifyComplete();
    }
}
