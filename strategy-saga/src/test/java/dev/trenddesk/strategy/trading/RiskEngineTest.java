package dev.trenddesk.strategy.trading;

import static dev.trenddesk.strategy.trading.TradingFixtures.CANDLE;
import static dev.trenddesk.strategy.trading.TradingFixtures.ETH_RULES;
import static dev.trenddesk.strategy.trading.TradingFixtures.SID;
import static dev.trenddesk.strategy.trading.TradingFixtures.STARTED;
import static dev.trenddesk.strategy.trading.TradingFixtures.crossedDown;
import static dev.trenddesk.strategy.trading.TradingFixtures.flat;
import static dev.trenddesk.strategy.trading.TradingFixtures.settings;
import static dev.trenddesk.strategy.trading.TradingFixtures.strongUp;
import static dev.trenddesk.strategy.trading.TradingFixtures.weak;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.StrategyId;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.market.CandleClosed;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangeBalance;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.OrderIntent;
import dev.trenddesk.api.trading.OrderSide;
import dev.trenddesk.api.trading.ReasonCode;
import dev.trenddesk.api.trading.RiskLimitKind;
import dev.trenddesk.api.trading.SessionStatus;
import dev.trenddesk.api.trading.StopReason;
import dev.trenddesk.api.trading.TradingCommands.RecordEquity;
import dev.trenddesk.api.trading.TradingCommands.RecordRiskLimitBreach;
import dev.trenddesk.api.trading.TradingCommands.RecordSignal;
import dev.trenddesk.api.trading.TradingCommands.RecordSkippedSignal;
import dev.trenddesk.api.trading.TradingCommands.RequestOrderPlacement;
import dev.trenddesk.api.trading.TradingCommands.StopTradingSession;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskEngineTest {

    private static final Instant AT = CANDLE.plusSeconds(300);
    private static final ExchangeBalance RICH = new ExchangeBalance(new BigDecimal("10000"), new BigDecimal("10000"));
    private static final RiskEngine.EquityRefs REFS = RiskEngine.EquityRefs.start(STARTED, new BigDecimal("10000"));

    private static RiskEngine.Evaluation evaluate(
            SessionStatus status,
            PositionMode mode,
            List<RiskEngine.Held> held,
            List<RiskEngine.Held> pending,
            boolean pendingOnSymbol,
            RiskEngine.EquityRefs refs,
            CandleClosed candle,
            ExchangeBalance balance) {
        return RiskEngine.evaluate(
                SID,
                settings(mode),
                status,
                mode,
                held,
                pending,
                pendingOnSymbol,
                refs,
                candle,
                balance,
                ETH_RULES,
                AT);
    }

    private static RiskEngine.Evaluation running(CandleClosed candle) {
        return evaluate(SessionStatus.RUNNING, PositionMode.HEDGE, List.of(), List.of(), false, REFS, candle, RICH);
    }

    @Test
    void sizesALongEntryByRiskAndAttachesStopAndTarget() {
        RiskEngine.Evaluation result = running(strongUp("ETH-USDT", CANDLE));
        assertThat(result.commands()).hasSize(3);
        assertThat(result.commands().get(0))
                .isEqualTo(new RecordEquity(
                        SID,
                        new BigDecimal("10000"),
                        new BigDecimal("10000"),
                        new BigDecimal("10000"),
                        new BigDecimal("10000"),
                        AT));
        RecordSignal signal = (RecordSignal) result.commands().get(1);
        assertThat(signal.side()).isEqualTo(Direction.LONG);
        assertThat(signal.confidence()).isEqualByComparingTo("76");
        assertThat(signal.indicators())
                .as("the values the ADX strategy read, by name")
                .isEqualTo(Map.of(
                        "adx",
                        new BigDecimal("35"),
                        "plusDi",
                        new BigDecimal("30"),
                        "minusDi",
                        new BigDecimal("10"),
                        "atr",
                        new BigDecimal("20"),
                        "adxPrev",
                        new BigDecimal("30")));
        RequestOrderPlacement order = (RequestOrderPlacement) result.commands().get(2);
        assertThat(order.intent()).isEqualTo(OrderIntent.OPEN);
        assertThat(order.side()).isEqualTo(OrderSide.BUY);
        assertThat(order.positionSide()).isEqualTo(ExchangePositionSide.LONG);
        assertThat(order.quantity()).isEqualByComparingTo("5");
        assertThat(order.stopLoss()).isEqualByComparingTo("1960");
        assertThat(order.takeProfit()).isEqualByComparingTo("2080");
        assertThat(order.clientOrderId())
                .isEqualTo(ClientOrderIds.of(SID, "ETH-USDT", CANDLE, "open"))
                .hasSize(40)
                .isLowerCase()
                .startsWith("td");
    }

    @Test
    void oneWayModeSendsPositionSideBoth() {
        RiskEngine.Evaluation result = evaluate(
                SessionStatus.RUNNING,
                PositionMode.ONE_WAY,
                List.of(),
                List.of(),
                false,
                REFS,
                strongUp("ETH-USDT", CANDLE),
                RICH);
        RequestOrderPlacement order = (RequestOrderPlacement) result.commands().get(2);
        assertThat(order.positionSide()).isEqualTo(ExchangePositionSide.BOTH);
        assertThat(order.side()).isEqualTo(OrderSide.BUY);
    }

    @Test
    void pausedSessionRecordsTheSignalButSkipsTheEntry() {
        RiskEngine.Evaluation result = evaluate(
                SessionStatus.PAUSED,
                PositionMode.HEDGE,
                List.of(),
                List.of(),
                false,
                REFS,
                strongUp("ETH-USDT", CANDLE),
                RICH);
        assertThat(result.commands()).hasSize(3);
        assertThat(result.commands().get(1)).isInstanceOf(RecordSignal.class);
        RecordSkippedSignal skipped = (RecordSkippedSignal) result.commands().get(2);
        assertThat(skipped.reasonCode()).isEqualTo(ReasonCode.PAUSED);
        assertThat(skipped.signal()).isEqualTo(Direction.LONG);
    }

    @Test
    void skipsWithoutTrendAndWithLowConfidence() {
        RecordSkippedSignal noTrend = (RecordSkippedSignal)
                running(flat("ETH-USDT", CANDLE)).commands().get(1);
        assertThat(noTrend.reasonCode()).isEqualTo(ReasonCode.NO_TREND);
        assertThat(noTrend.reason()).contains("below the threshold");
        RiskEngine.Evaluation weakResult = running(weak("ETH-USDT", CANDLE));
        assertThat(weakResult.commands()).hasSize(2);
        assertThat(((RecordSkippedSignal) weakResult.commands().get(1)).reasonCode())
                .isEqualTo(ReasonCode.LOW_CONFIDENCE);
    }

    /** EMA(9) crossing below EMA(21) on the candle, with ADX values that would say nothing. */
    private static CandleClosed emaCrossDown() {
        CandleClosed c = crossedDown("ETH-USDT", CANDLE);
        Map<String, BigDecimal> values = new java.util.HashMap<>(c.indicators());
        values.putAll(Map.of(
                "ema9Prev",
                new BigDecimal("2001"),
                "ema21Prev",
                new BigDecimal("1999"),
                "ema9",
                new BigDecimal("1990"),
                "ema21",
                new BigDecimal("1995"),
                "ema50",
                new BigDecimal("1980")));
        return new CandleClosed(
                c.symbol(),
                c.timeframe(),
                c.openTime(),
                c.open(),
                c.high(),
                c.low(),
                c.close(),
                c.volume(),
                values,
                true);
    }

    @Test
    void theSettingsStrategyDecidesAndItsSignalRecordsTheValuesItRead() {
        TradingSettings ema = settings(PositionMode.HEDGE).withStrategy(StrategyId.EMA_CROSS, 9, 21);
        RiskEngine.Evaluation entry = RiskEngine.evaluate(
                SID,
                ema,
                SessionStatus.RUNNING,
                PositionMode.HEDGE,
                List.of(),
                List.of(),
                false,
                REFS,
                emaCrossDown(),
                RICH,
                ETH_RULES,
                AT);
        RecordSignal signal = (RecordSignal) entry.commands().get(1);
        assertThat(signal.side()).isEqualTo(Direction.SHORT);
        assertThat(signal.confidence()).isNull();
        assertThat(signal.indicators())
                .isEqualTo(Map.of(
                        "ema9Prev",
                        new BigDecimal("2001"),
                        "ema21Prev",
                        new BigDecimal("1999"),
                        "ema9",
                        new BigDecimal("1990"),
                        "ema21",
                        new BigDecimal("1995"),
                        "atr",
                        new BigDecimal("20")));
        assertThat(((RequestOrderPlacement) entry.commands().getLast()).direction())
                .isEqualTo(Direction.SHORT);

        RiskEngine.Held held = new RiskEngine.Held(
                "ETH-USDT", Direction.LONG, ExchangePositionSide.LONG, new BigDecimal("5.00"), new BigDecimal("1990"));
        RiskEngine.Evaluation exit = RiskEngine.evaluate(
                SID,
                ema,
                SessionStatus.RUNNING,
                PositionMode.HEDGE,
                List.of(held),
                List.of(),
                false,
                REFS,
                emaCrossDown(),
                RICH,
                ETH_RULES,
                AT);
        RequestOrderPlacement close = (RequestOrderPlacement) exit.commands().getLast();
        assertThat(close.intent()).isEqualTo(OrderIntent.CLOSE);
        assertThat(close.exitReason()).isEqualTo(ExitReason.EMA_CROSS);
    }

    @Test
    void exitsALongWhenTheDisCrossAgainstIt() {
        RiskEngine.Held held = new RiskEngine.Held(
                "ETH-USDT", Direction.LONG, ExchangePositionSide.LONG, new BigDecimal("5.00"), new BigDecimal("1990"));
        RiskEngine.Evaluation result = evaluate(
                SessionStatus.PAUSED,
                PositionMode.HEDGE,
                List.of(held),
                List.of(),
                false,
                REFS,
                crossedDown("ETH-USDT", CANDLE),
                RICH);
        RequestOrderPlacement close = (RequestOrderPlacement) result.commands().getLast();
        assertThat(close.intent()).isEqualTo(OrderIntent.CLOSE);
        assertThat(close.side()).isEqualTo(OrderSide.SELL);
        assertThat(close.positionSide()).isEqualTo(ExchangePositionSide.LONG);
        assertThat(close.quantity()).isEqualByComparingTo("5");
        assertThat(close.exitReason()).isEqualTo(ExitReason.DI_CROSS);
        assertThat(close.clientOrderId()).isEqualTo(ClientOrderIds.of(SID, "ETH-USDT", CANDLE, "exit"));
    }

    @Test
    void exitsCarryTheStrategysReasonAndDiCrossWinsWhenBothHold() {
        RiskEngine.Held held = new RiskEngine.Held(
                "ETH-USDT", Direction.LONG, ExchangePositionSide.LONG, new BigDecimal("5.00"), new BigDecimal("1990"));
        CandleClosed faded = TradingFixtures.candle("ETH-USDT", CANDLE, "18", "30", "10", "20", "21", true);
        CandleClosed fadedAndCrossed = TradingFixtures.candle("ETH-USDT", CANDLE, "18", "10", "28", "20", "21", true);
        RequestOrderPlacement fadedClose = (RequestOrderPlacement)
                evaluate(SessionStatus.RUNNING, PositionMode.HEDGE, List.of(held), List.of(), false, REFS, faded, RICH)
                        .commands()
                        .getLast();
        assertThat(fadedClose.exitReason()).isEqualTo(ExitReason.TREND_FADED);
        RiskEngine.Evaluation both = evaluate(
                SessionStatus.RUNNING,
                PositionMode.HEDGE,
                List.of(held),
                List.of(),
                false,
                REFS,
                fadedAndCrossed,
                RICH);
        assertThat(both.decision().reasons()).extracting(r -> r.code().name()).contains("TREND_FADED", "DI_CROSS");
        assertThat(((RequestOrderPlacement) both.commands().getLast()).exitReason())
                .isEqualTo(ExitReason.DI_CROSS);
    }

    @Test
    void pendingEntriesElsewhereCountAgainstMaxPositions() {
        RiskEngine.Held btc = new RiskEngine.Held(
                "BTC-USDT", Direction.LONG, ExchangePositionSide.LONG, new BigDecimal("0.1"), new BigDecimal("30000"));
        RiskEngine.Held sol = new RiskEngine.Held(
                "SOL-USDT", Direction.SHORT, ExchangePositionSide.SHORT, new BigDecimal("1"), new BigDecimal("100"));
        RiskEngine.Evaluation result = evaluate(
                SessionStatus.RUNNING,
                PositionMode.HEDGE,
                List.of(btc),
                List.of(sol),
                false,
                REFS,
                strongUp("ETH-USDT", CANDLE),
                RICH);
        RecordSkippedSignal skipped = (RecordSkippedSignal) result.commands().getLast();
        assertThat(skipped.reasonCode()).isEqualTo(ReasonCode.MAX_POSITIONS);
        assertThat(result.commands()).hasAtLeastOneElementOfType(RecordSignal.class);
    }

    @Test
    void aPendingOrderOnTheSymbolHoldsTheDecision() {
        RiskEngine.Evaluation result = evaluate(
                SessionStatus.RUNNING,
                PositionMode.HEDGE,
                List.of(),
                List.of(),
                true,
                REFS,
                strongUp("ETH-USDT", CANDLE),
                RICH);
        assertThat(result.commands()).hasSize(2);
        assertThat(((RecordSkippedSignal) result.commands().get(1)).reasonCode())
                .isEqualTo(ReasonCode.ORDER_PENDING);
    }

    @Test
    void dailyLossLimitIsABreachAndStopsNewEntries() {
        ExchangeBalance lost = new ExchangeBalance(new BigDecimal("9400"), new BigDecimal("9400"));
        RiskEngine.Evaluation result = evaluate(
                SessionStatus.RUNNING,
                PositionMode.HEDGE,
                List.of(),
                List.of(),
                false,
                REFS,
                strongUp("ETH-USDT", CANDLE),
                lost);
        RecordRiskLimitBreach breach = (RecordRiskLimitBreach) result.commands().stream()
                .filter(RecordRiskLimitBreach.class::isInstance)
                .findFirst()
                .orElseThrow();
        assertThat(breach.kind()).isEqualTo(RiskLimitKind.DAILY_LOSS);
        assertThat(breach.value()).isEqualByComparingTo("6");
        assertThat(breach.limit()).isEqualByComparingTo("5");
        assertThat(((RecordSkippedSignal) result.commands().getLast()).reasonCode())
                .isEqualTo(ReasonCode.DAILY_LOSS_LIMIT);
    }

    @Test
    void aNewTradingDayOpensAtTheEquityOfThePreviousDaysLastCandle() {
        RiskEngine.EquityRefs yesterday = new RiskEngine.EquityRefs(
                LocalDate.parse("2026-11-27"),
                new BigDecimal("12000"),
                new BigDecimal("12000"),
                new BigDecimal("11500"));
        ExchangeBalance now = new ExchangeBalance(new BigDecimal("11000"), new BigDecimal("11000"));
        RiskEngine.Evaluation result = evaluate(
                SessionStatus.RUNNING,
                PositionMode.HEDGE,
                List.of(),
                List.of(),
                false,
                yesterday,
                strongUp("ETH-USDT", CANDLE),
                now);
        assertThat(result.refs())
                .isEqualTo(new RiskEngine.EquityRefs(
                        LocalDate.parse("2026-11-28"),
                        new BigDecimal("11500"),
                        new BigDecimal("12000"),
                        new BigDecimal("11000")));
        assertThat(result.commands()).noneMatch(RecordRiskLimitBreach.class::isInstance);
        assertThat(result.commands()).hasAtLeastOneElementOfType(RequestOrderPlacement.class);
    }

    @Test
    void theCandleEndingAtMidnightStillBelongsToTheOldTradingDay() {
        // as in the backtester: the trading day is the UTC day of the candle's open time
        Instant lastOfDay = Instant.parse("2026-11-28T23:55:00Z");
        RiskEngine.EquityRefs today = new RiskEngine.EquityRefs(
                LocalDate.parse("2026-11-28"),
                new BigDecimal("10000"),
                new BigDecimal("10000"),
                new BigDecimal("9800"));
        ExchangeBalance lost = new ExchangeBalance(new BigDecimal("9400"), new BigDecimal("9400"));
        RiskEngine.Evaluation closing = evaluate(
                SessionStatus.RUNNING,
                PositionMode.HEDGE,
                List.of(),
                List.of(),
                false,
                today,
                strongUp("ETH-USDT", lastOfDay),
                lost);
        assertThat(closing.refs().day()).isEqualTo(LocalDate.parse("2026-11-28"));
        assertThat(((RecordSkippedSignal) closing.commands().getLast()).reasonCode())
                .isEqualTo(ReasonCode.DAILY_LOSS_LIMIT);
        // the first candle of the next day opens the day at the equity of that last close: no loss yet
        RiskEngine.Evaluation opening = evaluate(
                SessionStatus.RUNNING,
                PositionMode.HEDGE,
                List.of(),
                List.of(),
                false,
                closing.refs(),
                strongUp("ETH-USDT", lastOfDay.plusSeconds(300)),
                lost);
        assertThat(opening.refs())
                .isEqualTo(new RiskEngine.EquityRefs(
                        LocalDate.parse("2026-11-29"),
                        new BigDecimal("9400"),
                        new BigDecimal("10000"),
                        new BigDecimal("9400")));
        assertThat(opening.commands()).hasAtLeastOneElementOfType(RequestOrderPlacement.class);
    }

    @Test
    void maxDrawdownClosesEverythingAndStops() {
        RiskEngine.EquityRefs peaked = new RiskEngine.EquityRefs(
                LocalDate.parse("2026-11-28"), new BigDecimal("8000"), new BigDecimal("10000"));
        ExchangeBalance fallen = new ExchangeBalance(new BigDecimal("8400"), new BigDecimal("8400"));
        RiskEngine.Evaluation result = evaluate(
                SessionStatus.RUNNING,
                PositionMode.HEDGE,
                List.of(),
                List.of(),
                false,
                peaked,
                strongUp("ETH-USDT", CANDLE),
                fallen);
        assertThat(result.commands()).anySatisfy(c -> assertThat(c)
                .isInstanceOfSatisfying(
                        RecordRiskLimitBreach.class, b -> assertThat(b.kind()).isEqualTo(RiskLimitKind.MAX_DRAWDOWN)));
        StopTradingSession stop = (StopTradingSession) result.commands().getLast();
        assertThat(stop.reason()).isEqualTo(StopReason.MAX_DRAWDOWN);
        assertThat(stop.flatten()).isTrue();
    }

    @Test
    void clientOrderIdsAreDeterministicPerDecision() {
        assertThat(ClientOrderIds.of(SID, "ETH-USDT", CANDLE, "open"))
                .isEqualTo(ClientOrderIds.of(SID, "ETH-USDT", CANDLE, "open"))
                .isNotEqualTo(ClientOrderIds.of(SID, "ETH-USDT", CANDLE, "exit"))
                .isNotEqualTo(ClientOrderIds.of(SID, "BTC-USDT", CANDLE, "open"))
                .isNotEqualTo(ClientOrderIds.of(SID, "ETH-USDT", CANDLE.plusSeconds(300), "open"))
                .matches("^td[0-9a-f]{38}$");
    }
}
