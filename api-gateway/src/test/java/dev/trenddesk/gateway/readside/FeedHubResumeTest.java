package dev.trenddesk.gateway.readside;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.readside.FeedUpdate;
import dev.trenddesk.gateway.feed.FeedHub;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.query.readside.FeedPublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a {@code Last-Event-ID} resume reads from {@code feed_updates} (ADR 0017), on any node: the
 * user's own updates and the market data after the id, in order, never another user's; a fresh
 * snapshot (empty) for an id never given out or when more updates were missed than the resume limit.
 */
@IntegrationTest
class FeedHubResumeTest {

    @Autowired
    FeedHub hub;

    @Autowired
    FeedPublisher publisher;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DataSource dataSource;

    @Autowired
    DatabaseClient db;

    @Test
    void aResumeReadsTheUsersOwnUpdatesAfterTheIdInOrder() {
        UserId mine = UserId.random();
        UserId theirs = UserId.random();
        long before = head();
        publish(mine, "one");
        publish(theirs, "secret");
        publish(mine, "two");
        publish(mine, "three");

        List<FeedUpdate> missed =
                hub.since(mine, before).block(Duration.ofSeconds(10)).orElseThrow();
        assertThat(missed).extracting(FeedUpdate::userId).doesNotContain(theirs);
        assertThat(missed).extracting(FeedUpdate::id).isSorted().doesNotHaveDuplicates();
        assertThat(missed.stream().filter(u -> mine.equals(u.userId())).map(FeedUpdate::data))
                .containsExactly("{\"m\":\"one\"}", "{\"m\":\"two\"}", "{\"m\":\"three\"}");
        // anything else is market data, which every stream carries
        assertThat(missed).allMatch(u -> u.userId() == null || mine.equals(u.userId()));

        long afterOne = missed.stream()
                .filter(u -> u.data().contains("one"))
                .findFirst()
                .orElseThrow()
                .id();
        assertThat(hub.since(mine, afterOne).block(Duration.ofSeconds(10)).orElseThrow().stream()
                        .filter(u -> mine.equals(u.userId()))
                        .map(FeedUpdate::data))
                .containsExactly("{\"m\":\"two\"}", "{\"m\":\"three\"}");
    }

    @Test
    void anIdNeverGivenOutOrTooManyMissedUpdatesGetASnapshot() {
        UserId mine = UserId.random();
        long before = head();
        publish(mine, "a");
        publish(mine, "b");
        publish(mine, "c");
        long newest = head();

        assertThat(hub.since(mine, 0).block(Duration.ofSeconds(10))).isEmpty();
        assertThat(hub.since(mine, newest + 1_000_000).block(Duration.ofSeconds(10)))
                .isEmpty();
        // the newest id: a resume with nothing of the user's missed (market data may have come meanwhile)
        assertThat(hub.since(mine, newest).block(Duration.ofSeconds(10)).orElseThrow())
                .noneMatch(u -> mine.equals(u.userId()));

        FeedHub smallLimit =
                new FeedHub(dataSource, db, Clock.systemUTC(), 256, 2, Duration.ofMinutes(15), Duration.ofSeconds(1));
        try {
            Optional<List<FeedUpdate>> tooMany = smallLimit.since(mine, before).block(Duration.ofSeconds(10));
            assertThat(tooMany).as("three missed, a limit of two").isEmpty();
        } finally {
            smallLimit.destroy();
        }
    }

    private long head() {
        return jdbc.queryForObject("select coalesce(max(seq), 0) from feed_updates", Long.class);
    }

    private void publish(UserId user, String message) {
        new TransactionTemplate(transactions)
                .executeWithoutResult(status -> publisher.publish(null, 1, user, "alert", Map.of("m", message)));
    }
}
