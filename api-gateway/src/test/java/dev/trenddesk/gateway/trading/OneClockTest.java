package dev.trenddesk.gateway.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * One clock: with the simulator's market a day and more ahead of the wall clock (as the accelerated demo's is
 * after a few minutes), everything a trader sees of a trade is in market time: the order's and the trade's
 * times come after the candle the bot entered on, and "today" is the market's day, so a day with one trade
 * shows that trade in today's count and today's P&L equal to all-time P&L.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "trenddesk.database.embedded.data-dir=${trenddesk.test.build-dir:target}/test-postgres/one-clock",
            "trenddesk.simulator.clock-mode=STEPPED",
            "trenddesk.simulator.intervals=5m,15m,1h",
            "trenddesk.trading.poll-interval=1s",
            "trenddesk.trading.pending-grace=2s"
        })
class OneClockTest {

    private static final long PERIOD_MILLIS = Duration.ofMinutes(5).toMillis();

    @LocalServerPort
    int port;

    @Autowired
    BingxSimulator simulator;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CredentialsProvider credentials;

    @Test
    void ordersTradesAndTodayAreInMarketTime() {
        TradingWorld world = new TradingWorld(new People(port), simulator.baseUrl(), jdbc, credentials);
        // the market to 06:00 UTC of a day that starts at least a day after the wall clock's now: the trade below
        // happens on that market day, hours from its midnight, while the wall clock is still a day or more behind
        // (and after the market's own time: a database kept from an earlier run starts the market after its candles)
        Instant ahead = Instant.now().plus(Duration.ofDays(1));
        Instant market = Instant.ofEpochMilli(simulator.marketTime());
        Instant target = (market.isAfter(ahead) ? market : ahead)
                .truncatedTo(ChronoUnit.DAYS)
                .plus(Duration.ofDays(1))
                .plus(Duration.ofHours(6));
        int steps = (int) ((target.toEpochMilli() - simulator.marketTime()) / PERIOD_MILLIS);
        world.step(steps);
        Instant marketNow = Instant.ofEpochMilli(simulator.marketTime());
        Instant marketDay = marketNow.truncatedTo(ChronoUnit.DAYS);
        assertThat(marketDay).isAfter(Instant.now());
        // the feed has published the candles of the jump before the bot starts
        await().atMost(Duration.ofSeconds(120)).until(() -> !jdbc.queryForObject(
                        "select max(open_time) from candles_view where symbol = 'ETH-USDT' and timeframe = '5m'",
                        java.sql.Timestamp.class)
                .toInstant()
                .isBefore(marketNow.minus(Duration.ofMinutes(10))));

        TradingWorld.Trader trader = world.trader(TradingWorld.eagerSettings("HEDGE"));
        String sessionId = world.startBot(trader);
        world.stepUntil("PositionClosed", 60, sessionId);

        JsonNode signal =
                world.events(sessionId, "OrderPlacementRequested").getFirst().payload();
        Instant requested = Instant.parse(signal.get("at").asText());
        JsonNode opened = world.events(sessionId, "PositionOpened").getFirst().payload();
        JsonNode closed = world.events(sessionId, "PositionClosed").getFirst().payload();
        Instant openedAt = Instant.parse(opened.get("at").asText());
        Instant closedAt = Instant.parse(closed.get("at").asText());
        assertThat(requested).as("the order was asked for in market time").isAfterOrEqualTo(marketDay);
        assertThat(openedAt).as("the entry filled after it was asked for").isAfterOrEqualTo(requested);
        assertThat(closedAt).as("the exit came after the entry").isAfterOrEqualTo(openedAt);
        assertThat(closedAt).isBefore(marketDay.plus(Duration.ofDays(1)));

        Api api = trader.api();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode trades = api.get("/api/me/trades").json().get("trades");
            assertThat(trades).hasSize(1);
            assertThat(Instant.parse(trades.get(0).get("openedAt").asText())).isEqualTo(openedAt);
            assertThat(Instant.parse(trades.get(0).get("closedAt").asText())).isEqualTo(closedAt);
            JsonNode orders = api.get("/api/me/orders").json();
            assertThat(orders).hasSizeGreaterThanOrEqualTo(2);
            for (JsonNode order : orders) {
                assertThat(Instant.parse(order.get("requestedAt").asText()))
                        .as(order.toString())
                        .isAfterOrEqualTo(marketDay);
                assertThat(Instant.parse(order.get("updatedAt").asText()))
                        .as(order.toString())
                        .isAfterOrEqualTo(marketDay);
            }
            JsonNode dashboard = api.get("/api/me/dashboard").json();
            assertThat(dashboard.get("bot").get("tradesToday").asInt()).isEqualTo(1);
            assertThat(new BigDecimal(dashboard.get("bot").get("pnlToday").asText()))
                    .isEqualByComparingTo(
                            new BigDecimal(trades.get(0).get("netPnl").asText()));
            JsonNode account = dashboard.get("account");
            assertThat(new BigDecimal(account.get("pnlToday").asText()))
                    .as(account.toString())
                    .isEqualByComparingTo(
                            new BigDecimal(account.get("pnlAllTime").asText()));
        });
    }
}
