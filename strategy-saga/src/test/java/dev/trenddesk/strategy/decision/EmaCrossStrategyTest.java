package dev.trenddesk.strategy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.StrategyId;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ReasonCode;
import dev.trenddesk.api.trading.RiskLimitKind;
import dev.trenddesk.strategy.indicator.Candle;
import dev.trenddesk.strategy.indicator.IndicatorSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmaCrossStrategyTest {

    private static final String ETH = "ETH-USDT";
    private static final EmaCrossStrategy EMA = new EmaCrossStrategy();
    private static final TradingSettings SETTINGS =
            TradingSettings.defaults().withStrategy(StrategyId.EMA_CROSS, 9, 21);
    private static final ContractRules RULES =
            new ContractRules(2, new BigDecimal("0.01"), new BigDecimal("0.01"), BigDecimal.ZERO);
    private static final AccountState RICH = account("10000", "10000", "10000", "10000");

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static AccountState account(String equity, String available, String dayOpening, String peak) {
        return new AccountState(d(equity), d(available), d(dayOpening), d(peak));
    }

    /** Close 2000, ATR 10, EMA(9) and EMA(21) now and on the previous candle. */
    private static IndicatorSnapshot emas(String fastBefore, String slowBefore, String fast, String slow) {
        Map<String, BigDecimal> values = new HashMap<>();
        values.put("ema9Prev", fastBefore == null ? null : d(fastBefore));
        values.put("ema21Prev", slowBefore == null ? null : d(slowBefore));
        values.put("ema9", fast == null ? null : d(fast));
        values.put("ema21", slow == null ? null : d(slow));
        values.put("atr", d("10"));
        // an ADX that would say the opposite: the EMA strategy does not read it
        values.put("adx", d("50"));
        values.put("plusDi", d("10"));
        values.put("minusDi", d("30"));
        BigDecimal price = d("2000");
        return new IndicatorSnapshot(
                ETH,
                Timeframe.M5,
                new Candle(Instant.parse("2026-12-01T10:00:00Z"), price, price, price, price, BigDecimal.ONE),
                values);
    }

    private static Decision decide(IndicatorSnapshot snapshot, PositionState positions) {
        return EMA.decide(snapshot, SETTINGS, positions, RICH, RULES);
    }

    private static PositionState holding(Direction side) {
        return new PositionState(List.of(new OpenPosition(ETH, side, d("1.5"), d("2000"))));
    }

    @Test
    void theRegistryFindsItBySettings() {
        assertThat(Strategies.forSettings(SETTINGS)).isInstanceOf(EmaCrossStrategy.class);
        assertThat(EMA.indicatorsFor(SETTINGS.withStrategy(StrategyId.EMA_CROSS, 50, 200)))
                .containsExactlyInAnyOrder("ema50", "ema50Prev", "ema200", "ema200Prev", "atr");
    }

    @Test
    void entersLongWhenTheFastEmaCrossesAboveTheSlowOneWithTheSharedStopAndSize() {
        Decision decision = decide(emas("1990", "1995", "2001", "1999"), PositionState.none());
        assertThat(decision.kind()).isEqualTo(DecisionKind.ENTER_LONG);
        assertThat(decision.signal()).isEqualTo(Direction.LONG);
        assertThat(decision.confidence()).isNull();
        // stop = 2000 − 2 × ATR 10 = 1980; take-profit = 2000 + 2 × 20 = 2040; size = 10000 × 2 % / 20 = 10
        assertThat(decision.stopLoss()).isEqualByComparingTo("1980");
        assertThat(decision.takeProfit()).isEqualByComparingTo("2040");
        assertThat(decision.quantity()).isEqualByComparingTo("10");
        assertThat(decision.reasons().get(0).text())
                .startsWith("LONG signal, EMA(9) crossed above EMA(21): 10 at 2000");
    }

    @Test
    void aFastEmaEqualToTheSlowOneBeforeCountsAsBelow() {
        assertThat(decide(emas("1995", "1995", "2001", "1999"), PositionState.none())
                        .kind())
                .isEqualTo(DecisionKind.ENTER_LONG);
        assertThat(decide(emas("1995", "1995", "1990", "1999"), PositionState.none())
                        .kind())
                .isEqualTo(DecisionKind.ENTER_SHORT);
    }

    @Test
    void entersShortWhenTheFastEmaCrossesBelow() {
        Decision decision = decide(emas("2001", "1999", "1990", "1995"), PositionState.none());
        assertThat(decision.kind()).isEqualTo(DecisionKind.ENTER_SHORT);
        assertThat(decision.stopLoss()).isEqualByComparingTo("2020");
        assertThat(decision.takeProfit()).isEqualByComparingTo("1960");
    }

    @Test
    void skipsWithoutACrossEvenWhenTheFastEmaIsAbove() {
        Decision above = decide(emas("2001", "1999", "2003", "1999"), PositionState.none());
        assertThat(above.kind()).isEqualTo(DecisionKind.SKIP);
        assertThat(above.reasonCode()).isEqualTo(ReasonCode.NO_CROSS);
        assertThat(above.signal()).isNull();
        Decision touching = decide(emas("1990", "1995", "1995", "1995"), PositionState.none());
        assertThat(touching.reasonCode()).as("equal now is no cross").isEqualTo(ReasonCode.NO_CROSS);
    }

    @Test
    void exitsAnOpenPositionOnTheOppositeCross() {
        Decision decision = decide(emas("2001", "1999", "1990", "1995"), holding(Direction.LONG));
        assertThat(decision.kind()).isEqualTo(DecisionKind.EXIT);
        assertThat(decision.exitReason()).isEqualTo(ReasonCode.EMA_CROSS);
        assertThat(decision.quantity()).isEqualByComparingTo("1.5");
        Decision shortExit = decide(emas("1990", "1995", "2001", "1999"), holding(Direction.SHORT));
        assertThat(shortExit.exitReason()).isEqualTo(ReasonCode.EMA_CROSS);
    }

    @Test
    void holdsWithoutACrossAndSkipsACrossInThePositionsDirection() {
        assertThat(decide(emas("1990", "1995", "1991", "1995"), holding(Direction.LONG))
                        .kind())
                .isEqualTo(DecisionKind.HOLD);
        Decision again = decide(emas("1990", "1995", "2001", "1999"), holding(Direction.LONG));
        assertThat(again.kind()).isEqualTo(DecisionKind.SKIP);
        assertThat(again.reasonCode()).isEqualTo(ReasonCode.ALREADY_IN_POSITION);
    }

    @Test
    void waitsForBothEmasAndTheirPreviousValues() {
        Decision decision = decide(emas(null, null, "2001", null), PositionState.none());
        assertThat(decision.kind()).isEqualTo(DecisionKind.SKIP);
        assertThat(decision.reasonCode()).isEqualTo(ReasonCode.INDICATORS_NOT_READY);
        assertThat(decision.reasons().get(0).text()).contains("22 candles");
        assertThat(decide(emas("1990", null, "2001", "1999"), holding(Direction.LONG))
                        .kind())
                .isEqualTo(DecisionKind.HOLD);
    }

    @Test
    void theSharedLimitsApply() {
        IndicatorSnapshot crossUp = emas("1990", "1995", "2001", "1999");
        Decision drawdown =
                EMA.decide(crossUp, SETTINGS, holding(Direction.LONG), account("8400", "8400", "8400", "10000"), RULES);
        assertThat(drawdown.kind()).isEqualTo(DecisionKind.CLOSE_ALL_AND_STOP);
        assertThat(drawdown.limitBreach().kind()).isEqualTo(RiskLimitKind.MAX_DRAWDOWN);
        Decision dailyLoss =
                EMA.decide(crossUp, SETTINGS, PositionState.none(), account("9400", "9400", "10000", "10000"), RULES);
        assertThat(dailyLoss.reasonCode()).isEqualTo(ReasonCode.DAILY_LOSS_LIMIT);
        PositionState two = new PositionState(List.of(
                new OpenPosition("BTC-USDT", Direction.LONG, d("1"), d("60000")),
                new OpenPosition("SOL-USDT", Direction.LONG, d("1"), d("150"))));
        assertThat(decide(crossUp, two).reasonCode()).isEqualTo(ReasonCode.MAX_POSITIONS);
        Decision poor =
                EMA.decide(crossUp, SETTINGS, PositionState.none(), account("10000", "1", "10000", "10000"), RULES);
        assertThat(poor.reasonCode()).isEqualTo(ReasonCode.INSUFFICIENT_MARGIN);
    }

    @Test
    void slowerPeriodsReadTheirOwnEmas() {
        TradingSettings slow = SETTINGS.withStrategy(StrategyId.EMA_CROSS, 50, 200);
        Map<String, BigDecimal> values =
                new HashMap<>(emas("1990", "1995", "2001", "1999").values());
        values.put("ema50Prev", d("2010"));
        values.put("ema200Prev", d("2000"));
        values.put("ema50", d("1990"));
        values.put("ema200", d("2000"));
        BigDecimal price = d("2000");
        IndicatorSnapshot snapshot = new IndicatorSnapshot(
                ETH,
                Timeframe.M5,
                new Candle(Instant.parse("2026-12-01T10:00:00Z"), price, price, price, price, BigDecimal.ONE),
                values);
        assertThat(EMA.decide(snapshot, slow, PositionState.none(), RICH, RULES).kind())
                .isEqualTo(DecisionKind.ENTER_SHORT);
    }
}
