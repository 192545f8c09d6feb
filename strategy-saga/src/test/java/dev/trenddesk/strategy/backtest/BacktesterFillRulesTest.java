package dev.trenddesk.strategy.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.strategy.decision.ContractRules;
import dev.trenddesk.strategy.decision.DecisionKind;
import dev.trenddesk.strategy.indicator.Candle;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fill rules on hand-made candles. 28 candles rising by 1 with a range of 2 give TR 2 (ATR 2), +DI 50,
 * −DI 0 and ADX 100 at candle 27, confidence 70: a long entry decided at its close 128.5 with stop
 * 128.5 − 2 × 2 = 124.50, take-profit 128.5 + 2 × 4 = 136.50 and size 10000 × 2 % / 4 = 50.
 */
class BacktesterFillRulesTest {

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final ContractRules RULES =
            new ContractRules(2, new BigDecimal("0.01"), new BigDecimal("0.01"), BigDecimal.ZERO);

    private static Candle candle(int index, String open, String high, String low, String close) {
        return new Candle(
                START.plus(Duration.ofMinutes(5L * index)),
                new BigDecimal(open),
                new BigDecimal(high),
                new BigDecimal(low),
                new BigDecimal(close),
                BigDecimal.TEN);
    }

    /** Candles 0..27 trending by 1 per candle: up (close 128.5 at 27) or down (close 171.5 at 27). */
    private static List<Candle> trend(boolean up) {
        List<Candle> candles = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            candles.add(
                    up
                            ? candle(
                                    i,
                                    String.valueOf(100.5 + i),
                                    String.valueOf(102 + i),
                                    String.valueOf(100 + i),
                                    String.valueOf(101.5 + i))
                            : candle(
                                    i,
                                    String.valueOf(199.5 - i),
                                    String.valueOf(200 - i),
                                    String.valueOf(198 - i),
                                    String.valueOf(198.5 - i)));
        }
        return candles;
    }

    private static List<Candle> uptrendThen(Candle... more) {
        List<Candle> candles = trend(true);
        candles.addAll(List.of(more));
        return candles;
    }

    private static BacktestResult run(List<Candle> candles) {
        return new Backtester(TradingSettings.defaults(), RULES).run("ETH-USDT", candles, new BigDecimal("10000"));
    }

    private static final Candle CONTINUING = candle(28, "128.5", "130", "128", "129.5");

    @Test
    void decidesTheHandMadeLongEntryAtTheTrendsTwentyEighthClose() {
        BacktestResult result = run(uptrendThen(CONTINUING));

        var decision = result.candles().get(27).decision();
        assertThat(decision.kind()).isEqualTo(DecisionKind.ENTER_LONG);
        assertThat(decision.indicators().adx()).isEqualByComparingTo("100");
        assertThat(decision.indicators().atr()).isEqualByComparingTo("2");
        assertThat(decision.confidence()).isEqualByComparingTo("70");
        assertThat(decision.stopLoss()).isEqualByComparingTo("124.50");
        assertThat(decision.takeProfit()).isEqualByComparingTo("136.50");
        assertThat(decision.quantity()).isEqualByComparingTo("50");
    }

    @Test
    void assumesTheStopFirstWhenACandleTouchesBothLevels() {
        BacktestTrade trade = run(uptrendThen(candle(28, "128.5", "137", "124", "130")))
                .trades()
                .get(0);

        assertThat(trade.entryPrice()).isEqualByComparingTo("128.5");
        assertThat(trade.entryTime()).isEqualTo(START.plus(Duration.ofMinutes(140)));
        assertThat(trade.exitTime()).isEqualTo(trade.entryTime());
        assertThat(trade.exitReason()).isEqualTo("STOP_LOSS");
        assertThat(trade.exitPrice()).isEqualByComparingTo("124.50");
        // (124.5 − 128.5) × 50 = −200; fees 0.0005 × 50 × (128.5 + 124.5) = 6.325
        assertThat(trade.grossPnl()).isEqualByComparingTo("-200");
        assertThat(trade.fees()).isEqualByComparingTo("6.325");
        assertThat(trade.netPnl()).isEqualByComparingTo("-206.325");
    }

    @Test
    void takesProfitAtTheLevelWhenOnlyItIsTouched() {
        BacktestTrade trade = run(uptrendThen(candle(28, "128.5", "137", "128", "136")))
                .trades()
                .get(0);

        assertThat(trade.exitReason()).isEqualTo("TAKE_PROFIT");
        assertThat(trade.exitPrice()).isEqualByComparingTo("136.50");
        assertThat(trade.grossPnl()).isEqualByComparingTo("400");
    }

    @Test
    void fillsAtTheOpenWhenACandleGapsThroughTheStop() {
        BacktestTrade trade = run(uptrendThen(CONTINUING, candle(29, "120", "121", "119", "120.5")))
                .trades()
                .get(0);

        assertThat(trade.exitReason()).isEqualTo("STOP_LOSS");
        assertThat(trade.exitPrice()).isEqualByComparingTo("120");
    }

    @Test
    void fillsAtTheOpenWhenACandleGapsThroughTheTakeProfit() {
        BacktestTrade trade = run(uptrendThen(CONTINUING, candle(29, "140", "141", "139.5", "140.5")))
                .trades()
                .get(0);

        assertThat(trade.exitReason()).isEqualTo("TAKE_PROFIT");
        assertThat(trade.exitPrice()).isEqualByComparingTo("140");
    }

    @Test
    void closesAPositionStillOpenAtTheLastCandlesClose() {
        BacktestResult result = run(uptrendThen(CONTINUING));
        BacktestTrade trade = result.trades().get(0);

        assertThat(trade.exitReason()).isEqualTo("END_OF_DATA");
        assertThat(trade.exitPrice()).isEqualByComparingTo("129.5");
        assertThat(result.candles().get(28).inPosition()).isTrue();
        assertThat(result.candles().get(28).decision().kind()).isEqualTo(DecisionKind.SKIP);
        // 1 of 29 candles in a position
        assertThat(result.summary().exposurePct()).isEqualByComparingTo("3.45");
    }

    @Test
    void leavesAnEntryDecidedOnTheLastCandleUnfilled() {
        BacktestResult result = run(trend(true));

        assertThat(result.candles().get(27).decision().isEntry()).isTrue();
        assertThat(result.trades()).isEmpty();
        assertThat(result.summary().exposurePct()).isEqualByComparingTo("0");
    }

    @Test
    void marksTheOpenPositionIntoTheAccountEquity() {
        BacktestResult result = run(uptrendThen(CONTINUING));

        // balance 10000 − entry fee 0.0005 × 50 × 128.5 = 9996.7875, plus (129.5 − 128.5) × 50
        assertThat(result.candles().get(28).equity()).isEqualByComparingTo("10046.7875");
    }

    @Test
    void stopsAShortAboveAndAssumesTheStopFirstToo() {
        List<Candle> candles = trend(false);
        candles.add(candle(28, "171.5", "176", "163", "170"));

        BacktestTrade trade = run(candles).trades().get(0);

        assertThat(trade.side()).isEqualTo(Direction.SHORT);
        assertThat(trade.stopLoss()).isEqualByComparingTo("175.50");
        assertThat(trade.takeProfit()).isEqualByComparingTo("163.50");
        assertThat(trade.exitReason()).isEqualTo("STOP_LOSS");
        assertThat(trade.exitPrice()).isEqualByComparingTo("175.50");
        assertThat(trade.grossPnl()).isEqualByComparingTo("-200");
    }
}
