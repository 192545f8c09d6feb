package dev.trenddesk.gateway.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.strategy.feed.MarketFeed;
import dev.trenddesk.strategy.feed.StreamKey;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The "done when": the running platform, with nothing but its defaults, publishes CandleClosed
 * events for the simulator's candles into the event store, history first, then every close live.
 */
class MarketFeedLiveTest extends AcceleratedApp {

    private static final StreamKey ETH = new StreamKey("ETH-USDT", Timeframe.M5);
    private static final StreamKey BTC = new StreamKey("BTC-USDT", Timeframe.M5);

    @Autowired
    MarketFeed feed;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theAlwaysOnStreamsPublishTheSimulatorsCandlesIntoTheEventStore() {
        assertThat(feed.wanted()).as("always-on by default").contains(ETH, BTC);
        await().atMost(Duration.ofSeconds(120)).until(() -> feed.ready(ETH) && feed.ready(BTC));
        CandleLedger ledger = new CandleLedger(jdbc);
        assertThat(ledger.count(ETH, false)).as("ETH warm-up history").isGreaterThanOrEqualTo(300);
        assertThat(ledger.count(BTC, false)).as("BTC warm-up history").isGreaterThanOrEqualTo(300);

        // x120 by default: a 5m candle closes every 2.5 s
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ledger.count(ETH, true) >= 3 && ledger.count(BTC, true) >= 3);
        ledger.assertEveryCandleOnceWithoutGaps(ETH);
        ledger.assertEveryCandleOnceWithoutGaps(BTC);
        Long events = jdbc.queryForObject(
                "select count(*) from domain_event_entry where payload_type = ?",
                Long.class,
                CandleLedger.CANDLE_CLOSED);
        assertThat(events)
                .as("CandleClosed events in the event store")
                .isGreaterThanOrEqualTo(
                        ledger.openTimes(ETH).size() + ledger.openTimes(BTC).size());
    }
}
