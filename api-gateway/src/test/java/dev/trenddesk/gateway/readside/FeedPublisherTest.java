package dev.trenddesk.gateway.readside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.readside.FeedUpdate;
import dev.trenddesk.gateway.feed.FeedHub;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.query.readside.FeedPublisher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.ReplayStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.Disposable;

/**
 * How updates enter {@code feed_updates} (ADR 0017): numbered in commit order, not insert order; only
 * when the writing handler's work committed; never during a replay; and delivered by the hub in that
 * order.
 */
@IntegrationTest
class FeedPublisherTest {

    @Autowired
    FeedPublisher publisher;

    @Autowired
    FeedHub hub;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void updatesAreNumberedInCommitOrderAndDeliveredInThatOrder() throws Exception {
        UserId user = UserId.random();
        List<FeedUpdate> delivered = new CopyOnWriteArrayList<>();
        FeedHub.Client client = hub.connect(user);
        // market data (user null) reaches every client too; this test looks at its own user's updates
        Disposable reading =
                client.updates().filter(update -> user.equals(update.userId())).subscribe(delivered::add);
        try {
            CountDownLatch firstInserted = new CountDownLatch(1);
            CountDownLatch secondCommitted = new CountDownLatch(1);
            // the first transaction publishes first but commits last
            CompletableFuture<Void> first = CompletableFuture.runAsync(
                    () -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                        publisher.publish(null, 1, user, "alert", Map.of("m", "first"));
                        firstInserted.countDown();
                        waitFor(secondCommitted);
                    }));
            assertThat(firstInserted.await(10, TimeUnit.SECONDS)).isTrue();
            new TransactionTemplate(transactions)
                    .executeWithoutResult(status -> publisher.publish(null, 2, user, "alert", Map.of("m", "second")));
            secondCommitted.countDown();
            first.get(10, TimeUnit.SECONDS);

            assertThat(rows(user)).containsExactly("{\"m\":\"second\"}", "{\"m\":\"first\"}");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(delivered)
                    .as(
                            "hub at %d, rows %s",
                            hub.newestId(),
                            jdbc.queryForList(
                                    "select seq from feed_updates where user_id = ? order by seq",
                                    Long.class,
                                    user.value()))
                    .hasSize(2));
            assertThat(delivered)
                    .extracting(FeedUpdate::data)
                    .containsExactly("{\"m\":\"second\"}", "{\"m\":\"first\"}");
            assertThat(delivered.get(0).id()).isLessThan(delivered.get(1).id());
        } finally {
            reading.dispose();
            hub.disconnect(client);
        }
    }

    @Test
    void aHandlerRolledBackToItsSavepointTakesItsUpdateWithIt() {
        UserId user = UserId.random();
        TransactionTemplate savepoint = new TransactionTemplate(transactions);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            publisher.publish(null, 1, user, "alert", Map.of("m", "kept"));
            try {
                savepoint.executeWithoutResult(nested -> {
                    publisher.publish(null, 2, user, "alert", Map.of("m", "dropped"));
                    throw new IllegalStateException("the handler failed");
                });
            } catch (IllegalStateException expected) {
                // dead-lettered: its writes are gone, the batch goes on
            }
        });
        assertThat(rows(user)).containsExactly("{\"m\":\"kept\"}");
        assertThat(jdbc.queryForObject(
                        "select count(*) from feed_updates where user_id = ? and seq is null",
                        Long.class,
                        user.value()))
                .isZero();
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        UserId user = UserId.random();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            publisher.publish(null, 1, user, "alert", Map.of("m", "never"));
            status.setRollbackOnly();
        });
        assertThat(rows(user)).isEmpty();
    }

    @Test
    void outsideATransactionTheUpdateIsNumberedAtOnce() {
        UserId user = UserId.random();
        publisher.publish(null, 1, user, "alert", Map.of("m", "alone"));
        assertThat(rows(user)).containsExactly("{\"m\":\"alone\"}");
    }

    @Test
    void aReplayPublishesNothing() {
        UserId user = UserId.random();
        new TransactionTemplate(transactions)
                .executeWithoutResult(
                        status -> publisher.publish(ReplayStatus.REPLAY, 1, user, "alert", Map.of("m", "old news")));
        publisher.publish(ReplayStatus.REPLAY, 1, user, "alert", Map.of("m", "old news"));
        assertThat(rows(user)).isEmpty();
    }

    /** The user's numbered updates' data, in seq order. */
    private List<String> rows(UserId user) {
        return jdbc.queryForList(
                "select data from feed_updates where user_id = ? and seq is not null order by seq",
                String.class,
                user.value());
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other transaction did not commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
