package dev.trenddesk.gateway.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The platform is correct whether BingX's place answer is an acknowledgement (as BingX gives it: the fill
 * comes later by the user-data stream or a query) or the order already filled (the simulator's former
 * answer). Two bots with the same settings and balance trade the same stepped market side by side, one
 * against an account that acknowledges, one against an account that answers FILLED; each goes through an
 * entry and its close, and both record the same decisions, orders, fills and trades.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "trenddesk.database.embedded.data-dir=${trenddesk.test.build-dir:target}/test-postgres/trading-place-answer",
            "trenddesk.simulator.clock-mode=STEPPED",
            "trenddesk.simulator.persist=false",
            "trenddesk.trading.poll-interval=1s",
            "trenddesk.trading.pending-grace=2s"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlaceAnswerModesTest {

    @LocalServerPort
    int port;

    @Autowired
    BingxSimulator simulator;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CredentialsProvider credentials;

    private TradingWorld world;

    @BeforeAll
    void setUp() {
        world = new TradingWorld(new People(port), simulator.baseUrl(), jdbc, credentials);
    }

    @Test
    void aRoundTripRecordsTheSameUnderAnAcknowledgementAndUnderAFilledAnswer() {
        Map<String, Object> settings = TradingWorld.eagerSettings("HEDGE");
        TradingWorld.Trader acknowledged = world.trader(settings, "ACKNOWLEDGED");
        TradingWorld.Trader filled = world.trader(settings, "FILLED");
        assertThat(world.account(acknowledged.apiKey()).get("placeAnswer").asText())
                .isEqualTo("ACKNOWLEDGED");
        assertThat(world.account(filled.apiKey()).get("placeAnswer").asText()).isEqualTo("FILLED");
        String ackSession = world.startBot(acknowledged);
        String filledSession = world.startBot(filled);

        world.stepUntil("PositionClosed", 40, ackSession, filledSession);
        world.stepUntil("PositionClosed", 5, filledSession, ackSession);

        // the acknowledged bot's fills came from the stream or a query, never from the place answer; both
        // sessions record the last candle's decision and fills in their own time, so the two are compared
        // once they agree or the wait is over
        assertThat(world.events(ackSession, "OrderFilled")).isNotEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(world.events(ackSession, "EquityObserved"))
                    .hasSameSizeAs(world.events(filledSession, "EquityObserved"));
            assertThat(trades(ackSession)).isNotEmpty().isEqualTo(trades(filledSession));
            assertThat(orders(ackSession)).isEqualTo(orders(filledSession));
            assertThat(decisions(ackSession)).isEqualTo(decisions(filledSession));
            assertThat(eventCounts(ackSession)).isEqualTo(eventCounts(filledSession));
        });
        // and the exchange agrees: one order per request, the same books in both accounts
        JsonNode ackAccount = world.account(acknowledged.apiKey());
        JsonNode filledAccount = world.account(filled.apiKey());
        assertThat(ackAccount.get("orders").size())
                .isEqualTo(filledAccount.get("orders").size());
        assertThat(ackAccount.get("balance").asText())
                .isEqualTo(filledAccount.get("balance").asText());
        assertThat(ackAccount.get("positions").size())
                .isEqualTo(filledAccount.get("positions").size());
    }

    /** Each opened and closed position: side, quantity, entry, exit, reason, PnL and fees. */
    private List<String> trades(String sessionId) {
        List<String> out = new java.util.ArrayList<>();
        for (TradingWorld.Stored event : world.events(sessionId)) {
            JsonNode p = event.payload();
            switch (event.simpleType()) {
                case "PositionOpened" ->
                    out.add("open " + p.get("side").asText() + " " + dec(p, "quantity") + " @ "
                            + dec(p, "entryPrice") + " sl " + dec(p, "stopLoss") + " tp " + dec(p, "takeProfit")
                            + " fee " + dec(p, "entryFee"));
                case "PositionClosed" ->
                    out.add("close " + dec(p, "quantity") + " @ " + dec(p, "exitPrice") + " "
                            + p.get("reason").asText() + " pnl " + dec(p, "realisedPnl") + " fees " + dec(p, "fees"));
                default -> {}
            }
        }
        return out;
    }

    /** Each order requested (intent, side, quantity) and how it ended (filled at what price and fee, or rejected). */
    private List<String> orders(String sessionId) {
        List<TradingWorld.Stored> events = world.events(sessionId);
        List<String> out = new java.util.ArrayList<>();
        for (TradingWorld.Stored event : events) {
            if (!event.simpleType().equals("OrderPlacementRequested")) {
                continue;
            }
            JsonNode request = event.payload();
            String coid = request.get("clientOrderId").asText();
            String outcome = events.stream()
                    .filter(e -> (e.simpleType().equals("OrderFilled")
                                    || e.simpleType().equals("OrderRejected"))
                            && coid.equals(e.payload().path("clientOrderId").asText()))
                    .map(e -> e.simpleType().equals("OrderRejected")
                            ? "rejected"
                            : "filled " + dec(e.payload(), "price") + " fee " + dec(e.payload(), "fee"))
                    .collect(Collectors.joining(", "));
            out.add(request.get("intent").asText() + " " + request.get("side").asText() + " " + dec(request, "quantity")
                    + " → " + outcome);
        }
        return out;
    }

    /** The decisions: signals and skips with their reasons, in order. */
    private List<String> decisions(String sessionId) {
        return world.events(sessionId).stream()
                .filter(e -> e.simpleType().equals("SignalGenerated")
                        || e.simpleType().equals("SignalSkipped"))
                .map(e -> e.simpleType() + " " + e.payload().path("candleTime").asText() + " "
                        + e.payload()
                                .path("side")
                                .asText(e.payload().path("signal").asText("")) + " "
                        + e.payload().path("reasonCode").asText(""))
                .toList();
    }

    /** How many events of each type the session stored (the order of placed and filled may differ). */
    private Map<String, Long> eventCounts(String sessionId) {
        return world.events(sessionId).stream()
                .collect(Collectors.groupingBy(
                        TradingWorld.Stored::simpleType, java.util.TreeMap::new, Collectors.counting()));
    }

    private static String dec(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value == null || value.isNull()
                ? "-"
                : new java.math.BigDecimal(value.asText()).stripTrailingZeros().toPlainString();
    }
}
