package dev.trenddesk.gateway.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.api.common.StrategyId;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.bingx.BingxClientFactory;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.backtest.BacktestCandle;
import dev.trenddesk.strategy.backtest.BacktestResult;
import dev.trenddesk.strategy.backtest.Backtester;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import dev.trenddesk.strategy.decision.ContractRules;
import dev.trenddesk.strategy.decision.Decision;
import dev.trenddesk.strategy.indicator.Candle;
import dev.trenddesk.strategy.trading.DefaultExchangeAccess;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Live decides exactly as the backtest would, with either strategy. Two bots with the default settings on
 * ETH-USDT, one with the ADX trend strategy and one with the EMA crossover, trade side by side against the
 * stepped simulator, candle by candle, over {@value #CANDLES} candles of the shipped ETH 5-minute recording
 * (after the 300 candles of history the market feed warms its indicators on); then the backtester runs over the
 * very same candles, as served by the simulator, warmed up on the same 300. On every candle both take the same
 * decision — kind, side, reason (the skip's reason code, the exit's reason) — and an entry has the same quantity
 * (both start flat with 10,000 USDT, and flat equity is the same balance in both), stop-loss and take-profit; a
 * signal's indicators are the same; every trade has the same entry and exit price and exit reason.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "trenddesk.simulator.clock-mode=STEPPED",
            "trenddesk.simulator.persist=false",
            "trenddesk.trading.poll-interval=2s",
            "trenddesk.trading.pending-grace=2s"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveBacktestParityTest {

    /** A database of its own, new each run: published candles of an earlier run would move the market's start. */
    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add(
                "trenddesk.database.embedded.data-dir",
                () -> System.getProperty("trenddesk.test.build-dir", "target") + "/test-postgres/parity-"
                        + System.nanoTime());
    }

    static final int CANDLES = 270;
    private static final int HISTORY = 300;
    private static final String ETH = "ETH-USDT";
    private static final BigDecimal EQUITY = new BigDecimal("10000");
    private static final Duration PERIOD = Duration.ofMinutes(5);
    /** Time enough to start both bots before the first candle stepped closes. */
    private static final Duration START_MARGIN = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    BingxSimulator simulator;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CredentialsProvider credentials;

    @Autowired
    BingxClientFactory exchange;

    @Autowired
    DefaultExchangeAccess access;

    private TradingWorld world;

    @BeforeAll
    void setUp() {
        world = new TradingWorld(new People(port), simulator.baseUrl(), jdbc, credentials);
    }

    /** What one engine decided on one candle, in the terms both share. */
    record Decided(
            Instant candle,
            String kind,
            String reason,
            BigDecimal quantity,
            BigDecimal stopLoss,
            BigDecimal takeProfit) {
        @Override
        public String toString() {
            return candle + " " + kind + (reason == null ? "" : " " + reason)
                    + (quantity == null
                            ? ""
                            : " qty " + quantity.stripTrailingZeros().toPlainString() + " sl "
                                    + stopLoss.stripTrailingZeros().toPlainString() + " tp "
                                    + takeProfit.stripTrailingZeros().toPlainString());
        }
    }

    /** A trade in the terms both share. */
    record Traded(
            String side,
            BigDecimal quantity,
            BigDecimal entryPrice,
            BigDecimal stopLoss,
            BigDecimal takeProfit,
            BigDecimal exitPrice,
            String reason) {}

    @Test
    void theLiveBotsDecideOnEveryCandleAsTheBacktestOnTheSameCandlesWithEitherStrategy() {
        // two bots side by side on the same market, one per strategy: the same candles reach both
        List<TradingSettings> settings = List.of(settings(StrategyId.ADX_TREND), settings(StrategyId.EMA_CROSS));
        List<String> sessions = new ArrayList<>();
        List<List<List<TradingWorld.Stored>>> perCandle = new ArrayList<>();
        List<TradingWorld.Trader> traders =
                settings.stream().map(s -> world.trader(json(s))).toList();
        int caughtUp = marketAheadOfTheBotsStart();
        for (TradingWorld.Trader trader : traders) {
            sessions.add(world.startBot(trader));
            perCandle.add(new ArrayList<>());
        }
        Instant firstClose = Instant.ofEpochMilli(simulator.marketTime()).plus(PERIOD);
        for (String sessionId : sessions) {
            assertThat(Instant.parse(world.events(sessionId, "TradingSessionStarted")
                            .getFirst()
                            .payload()
                            .get("at")
                            .asText()))
                    .as("the session started before the first candle it is to decide on closes")
                    .isBefore(firstClose);
        }

        for (int i = 0; i < CANDLES; i++) {
            List<Integer> before = new ArrayList<>();
            List<Integer> decided = new ArrayList<>();
            List<Integer> skipped = new ArrayList<>();
            for (String sessionId : sessions) {
                before.add(world.events(sessionId).size());
                decided.add(world.events(sessionId, "EquityObserved").size());
                skipped.add(world.events(sessionId, "SignalSkipped").size());
            }
            world.step(1);
            for (int b = 0; b < sessions.size(); b++) {
                String sessionId = sessions.get(b);
                int decidedBefore = decided.get(b);
                int skippedBefore = skipped.get(b);
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(40))
                        .alias(settings.get(b).strategy() + " bot decides on candle " + i + "; its events: "
                                + world.events(sessionId).stream()
                                        .map(TradingWorld.Stored::simpleType)
                                        .toList())
                        .until(() -> world.events(sessionId, "EquityObserved").size() > decidedBefore
                                || world.events(sessionId, "SignalSkipped").size() > skippedBefore
                                || !world.events(sessionId, "TradingSessionStopped")
                                        .isEmpty());
            }
            for (int b = 0; b < sessions.size(); b++) {
                String sessionId = sessions.get(b);
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(40))
                        .until(() -> settled(sessionId));
            }
            for (int b = 0; b < sessions.size(); b++) {
                List<TradingWorld.Stored> all = world.events(sessions.get(b));
                perCandle.get(b).add(new ArrayList<>(all.subList(before.get(b), all.size())));
            }
            if (sessions.stream()
                    .anyMatch(id -> !world.events(id, "TradingSessionStopped").isEmpty())) {
                break;
            }
        }

        // the very same candles, as the simulator served them: the history, the candles stepped before the bots
        // started (the always-on ETH feed took them in), then the candles decided live
        int decidedCandles = perCandle.get(0).size();
        List<Candle> served = exchange
                .publicClient()
                .klines(ETH, "5m", null, null, HISTORY + caughtUp + CANDLES + 1)
                .block(Duration.ofSeconds(15))
                .stream()
                .map(k -> new Candle(k.openTime(), k.open(), k.high(), k.low(), k.close(), k.volume()))
                .toList();
        List<Candle> closed = served.subList(0, served.size() - 1); // the last row is the live candle
        List<Candle> live = closed.subList(closed.size() - decidedCandles, closed.size());
        List<Candle> warmUp = closed.subList(0, closed.size() - decidedCandles);
        assertThat(warmUp).hasSize(HISTORY + caughtUp);
        ContractRules rules = access.rules(ETH);
        for (int b = 0; b < sessions.size(); b++) {
            assertParity(settings.get(b), sessions.get(b), perCandle.get(b), warmUp, live, rules);
        }
    }

    /**
     * Steps the market to the candle the wall clock will be in {@link #START_MARGIN} from now, so that the first
     * candle the test steps closes at least that long after now. The stepped market opens on the wall clock's
     * candle when the simulator starts, and a session decides only on candles that close after it started (by
     * the wall clock): a five-minute boundary passing between the simulator's start and the bots' would have them
     * skip the first candles stepped (CI saw it once). The candles stepped here close before any bot runs; the
     * market feed (ETH 5m is always on) takes them in after its history, and so does the backtest's warm-up.
     *
     * @return the candles stepped
     */
    private int marketAheadOfTheBotsStart() {
        long period = PERIOD.toMillis();
        long target = (System.currentTimeMillis() + START_MARGIN.toMillis()) / period * period;
        int behind = (int) ((target - simulator.marketTime()) / period);
        if (behind > 0) {
            world.step(behind);
        }
        return Math.max(behind, 0);
    }

    private void assertParity(
            TradingSettings settings,
            String sessionId,
            List<List<TradingWorld.Stored>> perCandle,
            List<Candle> warmUp,
            List<Candle> live,
            ContractRules rules) {
        String strategy = settings.strategy().name();
        BacktestResult backtest = new Backtester(settings, rules).run(ETH, warmUp, live, EQUITY);

        List<Decided> liveDecisions = new ArrayList<>();
        List<Decided> backtestDecisions = new ArrayList<>();
        for (int i = 0; i < perCandle.size(); i++) {
            liveDecisions.add(liveDecision(live.get(i).openTime(), perCandle.get(i)));
            backtestDecisions.add(backtestDecision(backtest.candles().get(i)));
            assertSignalIndicators(perCandle.get(i), backtest.candles().get(i).decision());
        }
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < liveDecisions.size(); i++) {
            if (!liveDecisions.get(i).equals(backtestDecisions.get(i))) {
                differences.add(
                        "candle " + i + ": live " + liveDecisions.get(i) + " / backtest " + backtestDecisions.get(i));
            }
        }
        assertThat(differences)
                .as(
                        "%s: decisions that differ, of %d (the live bot's rejections: %s)",
                        strategy,
                        liveDecisions.size(),
                        world.events(sessionId, "OrderRejected").stream()
                                .map(TradingWorld.Stored::payload)
                                .toList())
                .isEmpty();
        Set<String> kinds = liveDecisions.stream().map(Decided::kind).collect(Collectors.toSet());
        assertThat(kinds)
                .as(strategy + ": the run exercises entries and exits")
                .containsAnyOf("ENTER_LONG", "ENTER_SHORT")
                .contains("EXIT");
        System.out.printf(
                "%s parity over %d candles: %s; %d trades%n",
                strategy,
                liveDecisions.size(),
                liveDecisions.stream()
                        .collect(Collectors.groupingBy(
                                d -> d.kind() + (d.reason() == null ? "" : " " + d.reason()),
                                java.util.TreeMap::new,
                                Collectors.counting())),
                backtest.trades().size());

        List<Traded> liveTrades = liveTrades(world.events(sessionId));
        List<Traded> backtestTrades = backtest.trades().stream()
                .filter(t -> !t.exitReason().equals("END_OF_DATA"))
                .map(t -> new Traded(
                        t.side().name(),
                        strip(t.quantity()),
                        strip(t.entryPrice()),
                        strip(t.stopLoss()),
                        strip(t.takeProfit()),
                        strip(t.exitPrice()),
                        t.exitReason()))
                .toList();
        assertThat(liveTrades).as(strategy + ": closed trades").isEqualTo(backtestTrades);
        assertThat(liveTrades.stream().map(Traded::reason).collect(Collectors.toSet()))
                .as(strategy + ": exits by stop or target inside a candle are among them")
                .containsAnyOf("STOP_LOSS", "TAKE_PROFIT");
    }

    /** Every order asked for has its outcome, and every filled entry its position (or its close). */
    private boolean settled(String sessionId) {
        List<TradingWorld.Stored> events = world.events(sessionId);
        Set<String> requested = events.stream()
                .filter(e -> e.simpleType().equals("OrderPlacementRequested"))
                .map(e -> e.payload().get("clientOrderId").asText())
                .collect(Collectors.toSet());
        Set<String> done = events.stream()
                .filter(e ->
                        e.simpleType().equals("OrderFilled") || e.simpleType().equals("OrderRejected"))
                .map(e -> e.payload().get("clientOrderId").asText())
                .collect(Collectors.toSet());
        return done.containsAll(requested);
    }

    private static Decided liveDecision(Instant candle, List<TradingWorld.Stored> events) {
        for (TradingWorld.Stored e : events) {
            JsonNode p = e.payload();
            switch (e.simpleType()) {
                case "OrderPlacementRequested" -> {
                    if (!Instant.parse(p.get("candleTime").asText()).equals(candle)) {
                        continue;
                    }
                    if (p.get("intent").asText().equals("OPEN")) {
                        return new Decided(
                                candle,
                                "ENTER_" + p.get("direction").asText(),
                                null,
                                dec(p.get("quantity")),
                                dec(p.get("stopLoss")),
                                dec(p.get("takeProfit")));
                    }
                    return new Decided(candle, "EXIT", p.get("exitReason").asText(), null, null, null);
                }
                case "SignalSkipped" -> {
                    if (Instant.parse(p.get("candleTime").asText()).equals(candle)) {
                        return new Decided(candle, "SKIP", p.get("reasonCode").asText(), null, null, null);
                    }
                }
                case "TradingSessionStopped" -> {
                    return new Decided(
                            candle, "CLOSE_ALL_AND_STOP", p.get("reason").asText(), null, null, null);
                }
                default -> {
                    // positions, fills, equity: not the decision itself
                }
            }
        }
        boolean observed = events.stream().anyMatch(e -> e.simpleType().equals("EquityObserved"));
        return new Decided(candle, observed ? "HOLD" : "NONE", null, null, null, null);
    }

    private static Decided backtestDecision(BacktestCandle row) {
        Decision d = row.decision();
        return switch (d.kind()) {
            case ENTER_LONG, ENTER_SHORT ->
                new Decided(
                        d.candleTime(),
                        d.kind().name(),
                        null,
                        strip(d.quantity()),
                        strip(d.stopLoss()),
                        strip(d.takeProfit()));
            case EXIT -> new Decided(d.candleTime(), "EXIT", d.exitReason().name(), null, null, null);
            case SKIP -> new Decided(d.candleTime(), "SKIP", d.reasonCode().name(), null, null, null);
            case CLOSE_ALL_AND_STOP ->
                new Decided(d.candleTime(), "CLOSE_ALL_AND_STOP", "MAX_DRAWDOWN", null, null, null);
            case HOLD -> new Decided(d.candleTime(), "HOLD", null, null, null, null);
        };
    }

    /** A signal recorded live carries the indicators the backtest computed on that candle. */
    private static void assertSignalIndicators(List<TradingWorld.Stored> events, Decision backtest) {
        for (TradingWorld.Stored e : events) {
            if (!e.simpleType().equals("SignalGenerated")) {
                continue;
            }
            JsonNode p = e.payload();
            assertThat(backtest.signal())
                    .as("backtest signal at " + backtest.candleTime())
                    .isNotNull();
            assertThat(p.get("side").asText()).isEqualTo(backtest.signal().name());
            JsonNode indicators = p.get("indicators");
            assertThat(indicators.size())
                    .as("indicator values recorded with the signal")
                    .isPositive();
            indicators.fields().forEachRemaining(value -> assertThat(dec(value.getValue()))
                    .as(value.getKey() + " at " + backtest.candleTime())
                    .isEqualByComparingTo(backtest.indicators().value(value.getKey())));
            if (backtest.confidence() == null) {
                assertThat(p.get("confidence").isNull()).as("no confidence").isTrue();
            } else {
                assertThat(dec(p.get("confidence"))).isEqualByComparingTo(backtest.confidence());
            }
        }
    }

    private static List<Traded> liveTrades(List<TradingWorld.Stored> events) {
        List<Traded> trades = new ArrayList<>();
        JsonNode opened = null;
        for (TradingWorld.Stored e : events) {
            if (e.simpleType().equals("PositionOpened")) {
                opened = e.payload();
            } else if (e.simpleType().equals("PositionClosed") && opened != null) {
                JsonNode closed = e.payload();
                trades.add(new Traded(
                        opened.get("side").asText(),
                        dec(opened.get("quantity")),
                        dec(opened.get("entryPrice")),
                        dec(opened.get("stopLoss")),
                        dec(opened.get("takeProfit")),
                        dec(closed.get("exitPrice")),
                        closed.get("reason").asText()));
                opened = null;
            }
        }
        return trades;
    }

    /** The defaults a new trader gets, on ETH-USDT only, with the strategy (EMA periods 9 and 21). */
    private static TradingSettings settings(StrategyId strategy) {
        TradingSettings d = TradingSettings.defaults();
        return new TradingSettings(
                d.maxPositions(),
                d.riskPerTradePct(),
                d.dailyLossLimitPct(),
                d.maxDrawdownPct(),
                d.leverage(),
                d.positionMode(),
                d.adxThreshold(),
                d.timeframe(),
                d.signalConfidence(),
                d.stopAtr(),
                d.takeProfitR(),
                List.of(ETH),
                strategy,
                d.emaFast(),
                d.emaSlow());
    }

    private static Map<String, Object> json(TradingSettings s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("maxPositions", s.maxPositions());
        out.put("riskPerTradePct", s.riskPerTradePct());
        out.put("dailyLossLimitPct", s.dailyLossLimitPct());
        out.put("maxDrawdownPct", s.maxDrawdownPct());
        out.put("leverage", s.leverage());
        out.put("positionMode", s.positionMode().name());
        out.put("adxThreshold", s.adxThreshold());
        out.put("timeframe", s.timeframe().code());
        out.put("signalConfidence", s.signalConfidence());
        out.put("stopAtr", s.stopAtr());
        out.put("takeProfitR", s.takeProfitR());
        out.put("symbols", s.symbols());
        out.put("strategy", s.strategy().name());
        out.put("emaFast", s.emaFast());
        out.put("emaSlow", s.emaSlow());
        return out;
    }

    private static BigDecimal dec(JsonNode node) {
        return node == null || node.isNull() ? null : strip(new BigDecimal(node.asText()));
    }

    private static BigDecimal strip(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }
}
