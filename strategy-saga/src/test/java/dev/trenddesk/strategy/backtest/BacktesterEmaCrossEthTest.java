package dev.trenddesk.strategy.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.StrategyId;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.strategy.decision.ContractRules;
import dev.trenddesk.strategy.indicator.Candle;
import dev.trenddesk.strategy.indicator.RealCandles;
import dev.trenddesk.strategy.indicator.TaLibEmaReference;
import dev.trenddesk.strategy.indicator.TaLibReference;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The EMA crossover backtest on the 580 real ETH 5m candles, checked against TA-Lib's EMA(9), EMA(21) and ATR(14)
 * computed independently (ports of ta_EMA.c and ta_ATR.c) and hand arithmetic.
 */
class BacktesterEmaCrossEthTest {

    private static final List<Candle> CANDLES = RealCandles.eth5m();
    private static final double[] FAST = TaLibEmaReference.ema(CANDLES, 9);
    private static final double[] SLOW = TaLibEmaReference.ema(CANDLES, 21);
    private static final double[] ATR = new TaLibReference(CANDLES).atr;
    private static final ContractRules RULES =
            new ContractRules(2, new BigDecimal("0.01"), new BigDecimal("0.01"), BigDecimal.ZERO);
    private static final TradingSettings SETTINGS =
            TradingSettings.defaults().withStrategy(StrategyId.EMA_CROSS, 9, 21);

    private static BacktestResult run(TradingSettings settings) {
        return new Backtester(settings, RULES).run("ETH-USDT", CANDLES, new BigDecimal("10000"));
    }

    /** The direction EMA(9) crossed EMA(21) at candle i, or null. */
    private static Direction cross(int i) {
        if (i < 21) {
            return null;
        }
        if (FAST[i - 1] <= SLOW[i - 1] && FAST[i] > SLOW[i]) {
            return Direction.LONG;
        }
        if (FAST[i - 1] >= SLOW[i - 1] && FAST[i] < SLOW[i]) {
            return Direction.SHORT;
        }
        return null;
    }

    private static int indexOf(java.time.Instant time) {
        for (int i = 0; i < CANDLES.size(); i++) {
            if (CANDLES.get(i).openTime().equals(time)) {
                return i;
            }
        }
        throw new AssertionError("no candle at " + time);
    }

    @Test
    void everyCrossIsASignalAndTheFirstTradeMatchesHandArithmetic() {
        List<Integer> crosses = new ArrayList<>();
        for (int i = 0; i < CANDLES.size(); i++) {
            if (cross(i) != null) {
                crosses.add(i);
                // far from a tie, so 8-decimal rounding cannot flip it
                assertThat(Math.abs(FAST[i] - SLOW[i]))
                        .as("EMA gap at cross %d", i)
                        .isGreaterThan(1e-6);
            }
        }
        assertThat(crosses).hasSizeGreaterThan(5);
        BacktestResult result = run(SETTINGS);
        assertThat(result.summary().signals()).isEqualTo(crosses.size());
        assertThat(result.trades()).isNotEmpty();

        int signal = crosses.get(0);
        Direction side = cross(signal);
        BacktestTrade first = result.trades().get(0);
        BigDecimal close = CANDLES.get(signal).close();
        BigDecimal distance = new BigDecimal(ATR[signal]).multiply(BigDecimal.valueOf(2));
        BigDecimal stop = side == Direction.LONG
                ? close.subtract(distance).setScale(2, RoundingMode.FLOOR)
                : close.add(distance).setScale(2, RoundingMode.CEILING);
        BigDecimal rounded = close.subtract(stop).abs();
        BigDecimal takeProfit =
                close.add(rounded.multiply(BigDecimal.valueOf(2 * side.sign()))).setScale(2, RoundingMode.HALF_UP);
        BigDecimal riskQuantity = new BigDecimal("200").divide(rounded, 2, RoundingMode.FLOOR);
        BigDecimal marginQuantity =
                new BigDecimal("50000").divide(close.multiply(new BigDecimal("1.0025")), 2, RoundingMode.FLOOR);

        assertThat(first.side()).isEqualTo(side);
        assertThat(first.entryTime()).isEqualTo(CANDLES.get(signal + 1).openTime());
        assertThat(first.entryPrice())
                .isEqualByComparingTo(CANDLES.get(signal + 1).open());
        assertThat(first.stopLoss()).isEqualByComparingTo(stop);
        assertThat(first.takeProfit()).isEqualByComparingTo(takeProfit);
        assertThat(first.quantity()).isEqualByComparingTo(riskQuantity.min(marginQuantity));
    }

    @Test
    void entersOnlyAfterACrossInItsDirectionAndExitsOnTheOppositeCross() {
        BacktestResult result = run(SETTINGS);
        int crossExits = 0;
        for (BacktestTrade trade : result.trades()) {
            int entry = indexOf(trade.entryTime());
            assertThat(cross(entry - 1))
                    .as("cross before the entry at %s", trade.entryTime())
                    .isEqualTo(trade.side());
            assertThat(trade.exitReason()).isIn("STOP_LOSS", "TAKE_PROFIT", "EMA_CROSS", "END_OF_DATA");
            if (trade.exitReason().equals("EMA_CROSS")) {
                crossExits++;
                int exit = indexOf(trade.exitTime());
                assertThat(cross(exit - 1))
                        .as("opposite cross before the exit at %s", trade.exitTime())
                        .isNotNull()
                        .isNotEqualTo(trade.side());
                assertThat(trade.exitPrice())
                        .isEqualByComparingTo(CANDLES.get(exit).open());
            }
        }
        assertThat(crossExits).as("exits on the opposite cross").isPositive();
    }

    @Test
    void tradesDifferentlyFromTheAdxStrategyOnTheSameCandles() {
        assertThat(run(SETTINGS).trades())
                .isNotEqualTo(run(TradingSettings.defaults()).trades());
        assertThat(run(SETTINGS.withStrategy(StrategyId.EMA_CROSS, 21, 50))
                        .summary()
                        .signals())
                .isNotEqualTo(run(SETTINGS).summary().signals());
    }
}
