package dev.trenddesk.gateway.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.market.CandleClosed;
import dev.trenddesk.bingx.BingxClientFactory;
import dev.trenddesk.gateway.TrendDeskApplication;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.exchange.bingx.BingxMarketData;
import dev.trenddesk.strategy.feed.CandlePublisher;
import dev.trenddesk.strategy.feed.FeedSettings;
import dev.trenddesk.strategy.feed.MarketFeed;
import dev.trenddesk.strategy.feed.MarketSubscriptions;
import dev.trenddesk.strategy.feed.PublisherLocks;
import dev.trenddesk.strategy.feed.StreamKey;
import dev.trenddesk.strategy.feed.SubscriptionHolders;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The market feed against the built-in simulator in STEPPED mode (market time moves only when the test
 * steps it), on a database of its own: warm-up, live candles, a WebSocket drop with candles closing
 * while disconnected, reference counting of holders, and two feed instances on one database.
 * ETH-USDT@5m is always on; BTC-USDT@5m is opened only by holders.
 */
@SpringBootTest(
        classes = TrendDeskApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "trenddesk.admin.username=" + IntegrationTest.ADMIN,
            "trenddesk.admin.password=" + IntegrationTest.ADMIN_PASSWORD,
            "trenddesk.demo.enabled=false",
            "trenddesk.simulator.port=0",
            "trenddesk.simulator.clock-mode=STEPPED",
            "trenddesk.market.always-on=ETH-USDT@5m",
            "trenddesk.market.watch-interval=300ms",
            "trenddesk.market.retry-backoff=200ms"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MarketFeedSteppedTest {

    private static final StreamKey ETH = new StreamKey("ETH-USDT", Timeframe.M5);
    private static final StreamKey BTC = new StreamKey("BTC-USDT", Timeframe.M5);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add(
                "trenddesk.database.embedded.data-dir",
                () -> System.getProperty("trenddesk.test.build-dir", "target") + "/test-postgres/market-stepped-"
                        + System.nanoTime());
    }

    @Autowired
    MarketFeed feed;

    @Autowired
    MarketSubscriptions subscriptions;

    @Autowired
    SubscriptionHolders holders;

    @Autowired
    CandlePublisher publisher;

    @Autowired
    FeedSettings settings;

    @Autowired
    BingxSimulator simulator;

    @Autowired
    BingxClientFactory exchange;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    private CandleLedger ledger() {
        return new CandleLedger(jdbc);
    }

    /** The open time of the candle the simulator is forming now (STEPPED: market time is a candle boundary). */
    private Instant liveCandleOpen() {
        return Instant.ofEpochMilli(simulator.marketTime());
    }

    /**
     * Steps one candle at a time until {@code done}; a candle pushed before the feed's WebSocket subscription
     * was acknowledged is only published once the next one closes (gap fill), so allow a few extra steps.
     */
    private void stepUntil(BooleanSupplier done, int maxSteps) {
        for (int step = 0; step < maxSteps && !done.getAsBoolean(); step++) {
            simulator.stepCandles(1);
            try {
                await().atMost(Duration.ofSeconds(5)).until(done::getAsBoolean);
            } catch (org.awaitility.core.ConditionTimeoutException notYet) {
                // the candle closed by this step is published when the next one closes
            }
        }
        assertThat(done.getAsBoolean())
                .as("reached within " + maxSteps + " steps")
                .isTrue();
    }

    @Test
    @Order(1)
    void warmUpPublishesThreeHundredClosedCandlesAsHistoryThenEveryCloseLive() {
        await().atMost(Duration.ofSeconds(90)).until(() -> feed.ready(ETH));
        CandleLedger ledger = ledger();
        assertThat(ledger.count(ETH, false))
                .as("warm-up candles published as history")
                .isEqualTo(300);
        assertThat(ledger.count(ETH, true))
                .as("nothing live before the market moves")
                .isZero();
        assertThat(ledger.last(ETH))
                .as("the newest closed candle")
                .isEqualTo(liveCandleOpen().minus(FIVE_MINUTES));
        assertThat(feed.publishing()).containsExactly(ETH);

        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.webSocketConnections() > 0);
        stepUntil(() -> ledger.count(ETH, true) >= 3, 6);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> liveCandleOpen().minus(FIVE_MINUTES).equals(ledger.last(ETH)));
        ledger.assertEveryCandleOnceWithoutGaps(ETH);

        Map<String, Object> newest = jdbc.queryForMap("""
                select convert_from(payload, 'UTF8')::jsonb as payload, convert_from(meta_data, 'UTF8')::jsonb ->> 'actorId' as actor
                from domain_event_entry where payload_type = ? order by global_index desc limit 1
                """, CandleLedger.CANDLE_CLOSED);
        String payload = newest.get("payload").toString();
        assertThat(payload)
                .contains("\"live\": true")
                .contains("\"symbol\": \"ETH-USDT\"")
                .contains("\"timeframe\": \"5m\"")
                .doesNotContain("\"adx\": null")
                .doesNotContain("\"atr\": null")
                .doesNotContain("\"plusDi\": null");
        assertThat(newest.get("actor")).isEqualTo(CandlePublisher.ACTOR_ID);
    }

    @Test
    @Order(2)
    void aWebSocketDropWhileCandlesCloseMissesAndDoublesNothing() {
        await().atMost(Duration.ofSeconds(90)).until(() -> feed.ready(ETH));
        CandleLedger ledger = ledger();
        long before = ledger.count(ETH, true);

        new SimAdmin(simulator.baseUrl()).fault("{\"type\":\"WS_DROP\"}");
        // the client waits at least 250 ms before reconnecting: these three candles close while it is away
        await().pollInterval(Duration.ofMillis(5))
                .atMost(Duration.ofSeconds(2))
                .until(() -> simulator.webSocketConnections() == 0);
        simulator.stepCandles(3);

        await().atMost(Duration.ofSeconds(20)).until(() -> simulator.webSocketConnections() > 0);
        stepUntil(() -> ledger.count(ETH, true) >= before + 4, 6);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> liveCandleOpen().minus(FIVE_MINUTES).equals(ledger.last(ETH)));
        ledger.assertEveryCandleOnceWithoutGaps(ETH);
    }

    @Test
    @Order(3)
    void theFirstAcquireOpensTheStreamAndTheLastReleaseClosesIt() {
        assertThat(feed.publishing()).doesNotContain(BTC);

        subscriptions.acquire("session-a", "BTC-USDT", Timeframe.M5);
        subscriptions.acquire("session-a", "BTC-USDT", Timeframe.M5);
        assertThat(holders.holders(BTC)).as("acquire is idempotent").containsExactly("session-a");
        await().atMost(Duration.ofSeconds(90)).until(() -> feed.ready(BTC));
        assertThat(ledger().count(BTC, false)).as("BTC warm-up").isEqualTo(300);

        subscriptions.acquire("session-b", "BTC-USDT", Timeframe.M5);
        subscriptions.release("session-a", "BTC-USDT", Timeframe.M5);
        assertThat(holders.holders(BTC)).containsExactly("session-b");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> feed.publishing()
                .contains(BTC));

        subscriptions.release("session-b", "BTC-USDT", Timeframe.M5);
        await().atMost(Duration.ofSeconds(10)).until(() -> !feed.publishing().contains(BTC));
        subscriptions.release("session-b", "BTC-USDT", Timeframe.M5);
        assertThat(holders.holders(BTC)).as("release is idempotent").isEmpty();
        assertThat(feed.publishing()).containsExactly(ETH);
    }

    @Test
    @Order(4)
    void holdersSurviveARestartOfTheFeed() {
        subscriptions.acquire("session-c", "BTC-USDT", Timeframe.M5);
        await().atMost(Duration.ofSeconds(30)).until(() -> feed.ready(BTC));

        feed.stop();
        assertThat(feed.publishing()).isEmpty();
        assertThat(holders.holders(BTC)).as("holders are durable").containsExactly("session-c");

        feed.start();
        await().atMost(Duration.ofSeconds(90)).until(() -> feed.ready(BTC) && feed.ready(ETH));
        stepUntil(() -> ledger().count(BTC, true) >= 2, 6);
        ledger().assertEveryCandleOnceWithoutGaps(BTC);
        ledger().assertEveryCandleOnceWithoutGaps(ETH);

        subscriptions.release("session-c", "BTC-USDT", Timeframe.M5);
        await().atMost(Duration.ofSeconds(10)).until(() -> !feed.publishing().contains(BTC));
    }

    @Test
    @Order(5)
    void ofTwoFeedsOnOneDatabaseOnlyOnePublishesAndTheOtherTakesOverWhenItsLockIsLost() {
        await().atMost(Duration.ofSeconds(90)).until(() -> feed.ready(ETH));
        MarketFeed second = new MarketFeed(
                holders,
                new PublisherLocks(dataSource),
                publisher,
                () -> new BingxMarketData(exchange.publicClient()),
                settings);
        second.start();
        try {
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> second.publishing()
                    .isEmpty());
            CandleLedger ledger = ledger();
            long before = ledger.count(ETH, true);
            stepUntil(() -> ledger.count(ETH, true) >= before + 2, 5);

            // the publishing feed's database session dies (as when its node loses the network): PostgreSQL
            // frees its lock, the feed notices, and whichever feed takes the lock next publishes
            List<Integer> killed = jdbc.queryForList("""
                    select pid from pg_locks where locktype = 'advisory' and granted and pid <> pg_backend_pid()
                    """, Integer.class);
            assertThat(killed).as("the first feed's lock session").hasSize(1);
            jdbc.queryForList("select pg_terminate_backend(?)", Boolean.class, killed.get(0));
            await().atMost(Duration.ofSeconds(60)).until(() -> feed.ready(ETH) ^ second.ready(ETH));
            long afterLoss = ledger.count(ETH, true);
            stepUntil(() -> ledger.count(ETH, true) >= afterLoss + 2, 5);
            assertThat(feed.publishing().contains(ETH) ^ second.publishing().contains(ETH))
                    .as("exactly one feed publishes")
                    .isTrue();

            // the first feed's node dies for good: the second takes the stream over at its next try
            feed.stop();
            await().atMost(Duration.ofSeconds(60)).until(() -> second.ready(ETH));
            long afterTakeover = ledger.count(ETH, true);
            stepUntil(() -> ledger.count(ETH, true) >= afterTakeover + 2, 5);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> liveCandleOpen().minus(FIVE_MINUTES).equals(ledger.last(ETH)));
            ledger.assertEveryCandleOnceWithoutGaps(ETH);
        } finally {
            second.stop();
            feed.start();
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> feed.ready(ETH));
    }

    @Test
    @Order(6)
    void theSameCandlePublishedTwiceIsStoredOnce() {
        Instant openTime = Instant.parse("2020-01-01T00:00:00Z");
        CandleClosed candle = new CandleClosed(
                "TEST-USDT",
                Timeframe.H1,
                openTime,
                BigDecimal.ONE,
                BigDecimal.TWO,
                BigDecimal.ONE,
                BigDecimal.TWO,
                BigDecimal.TEN,
                java.util.Map.of(),
                true);
        assertThat(publisher.publish(candle)).isTrue();
        assertThat(publisher.publish(candle)).as("second publication").isFalse();
        assertThat(ledger().eventsPerCandle(new StreamKey("TEST-USDT", Timeframe.H1)))
                .containsExactly(Map.entry(openTime, 1L));
    }

    @Test
    @Order(7)
    void aFeedThatResumesAfterAFewMissedCandlesPublishesThemLiveAndAfterALongOutageAsHistory() {
        await().atMost(Duration.ofSeconds(90)).until(() -> feed.ready(ETH));
        CandleLedger ledger = ledger();
        long before = ledger.count(ETH, true);
        stepUntil(() -> ledger.count(ETH, true) >= before + 1, 5);

        // the publisher is gone while two candles close (its node died; the next one takes over): the bots
        // must still get them, so they are published live
        feed.stop();
        long liveBefore = ledger.count(ETH, true);
        long historyBefore = ledger.count(ETH, false);
        simulator.stepCandles(2);
        feed.start();
        await().atMost(Duration.ofSeconds(90)).until(() -> feed.ready(ETH));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> liveCandleOpen().minus(FIVE_MINUTES).equals(ledger.last(ETH)));
        assertThat(ledger.count(ETH, true)).as("missed candles published live").isEqualTo(liveBefore + 2);
        assertThat(ledger.count(ETH, false)).as("history").isEqualTo(historyBefore);

        // a longer outage: what closed meanwhile is history for charts, no bot decides on a stale market
        feed.stop();
        simulator.stepCandles(5);
        feed.start();
        await().atMost(Duration.ofSeconds(90)).until(() -> feed.ready(ETH));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> liveCandleOpen().minus(FIVE_MINUTES).equals(ledger.last(ETH)));
        assertThat(ledger.count(ETH, true)).as("live after the long outage").isEqualTo(liveBefore + 2);
        assertThat(ledger.count(ETH, false)).as("history after the long outage").isEqualTo(historyBefore + 5);
        ledger.assertEveryCandleOnceWithoutGaps(ETH);
    }
}
