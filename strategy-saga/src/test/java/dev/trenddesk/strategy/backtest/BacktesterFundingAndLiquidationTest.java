package dev.trenddesk.strategy.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.strategy.decision.ContractRules;
import dev.trenddesk.strategy.indicator.Candle;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Funding and liquidation on the hand-made long of {@link BacktesterFillRulesTest}: 28 candles rising by 1
 * decide a long of 50 at the 28th close (stop 124.50, take-profit 136.50), filled at the next open 128.5.
 * Starting at 05:35 UTC, the entry fills in the candle 07:55–08:00, whose close is a funding time.
 */
class BacktesterFundingAndLiquidationTest {

    private static final ContractRules RULES =
            new ContractRules(2, new BigDecimal("0.01"), new BigDecimal("0.01"), BigDecimal.ZERO);

    private static Candle candle(Instant start, int index, String open, String high, String low, String close) {
        return new Candle(
                start.plus(Duration.ofMinutes(5L * index)),
                new BigDecimal(open),
                new BigDecimal(high),
                new BigDecimal(low),
                new BigDecimal(close),
                BigDecimal.TEN);
    }

    private static List<Candle> uptrendThen(Instant start, String[]... more) {
        List<Candle> candles = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            candles.add(candle(
                    start,
                    i,
                    String.valueOf(100.5 + i),
                    String.valueOf(102 + i),
                    String.valueOf(100 + i),
                    String.valueOf(101.5 + i)));
        }
        for (String[] c : more) {
            candles.add(candle(start, candles.size(), c[0], c[1], c[2], c[3]));
        }
        return candles;
    }

    private static TradingSettings withLeverage(int leverage) {
        TradingSettings d = TradingSettings.defaults();
        return new TradingSettings(
                d.maxPositions(),
                d.riskPerTradePct(),
                d.dailyLossLimitPct(),
                d.maxDrawdownPct(),
                leverage,
                d.positionMode(),
                d.adxThreshold(),
                d.timeframe(),
                d.signalConfidence(),
                d.stopAtr(),
                d.takeProfitR(),
                d.symbols(),
                d.strategy(),
                d.emaFast(),
                d.emaSlow());
    }

    private static final Instant BEFORE_EIGHT = Instant.parse("2024-01-01T05:35:00Z");

    @Test
    void aLongHeldAcrossAFundingTimePaysTheSimulatorsRateOnItsNotional() {
        BacktestResult result = new Backtester(TradingSettings.defaults(), RULES)
                .run(
                        "ETH-USDT",
                        uptrendThen(BEFORE_EIGHT, new String[] {"128.5", "130", "128", "129.5"}, new String[] {
                            "129.5", "130", "129", "129.5"
                        }),
                        new BigDecimal("10000"));

        BacktestTrade trade = result.trades().get(0);
        assertThat(trade.entryTime()).isEqualTo(Instant.parse("2024-01-01T07:55:00Z"));
        assertThat(trade.exitReason()).isEqualTo("END_OF_DATA");
        // closes 101.5 … 128.5 and 129.5: mean 115.5, premium (129.5 − 115.5) / 115.5 / 20 = 0.606 %, rate capped
        // at 0.3 %: the long pays 50 × 129.5 × 0.3 % = 19.425
        assertThat(trade.funding()).isEqualByComparingTo("-19.425");
        assertThat(trade.netPnl())
                .isEqualByComparingTo(trade.grossPnl().subtract(trade.fees()).add(trade.funding()));
        assertThat(result.summary().funding()).isEqualByComparingTo("-19.425");
        assertThat(result.summary().finalEquity())
                .isEqualByComparingTo(
                        new BigDecimal("10000").add(trade.netPnl()).setScale(4, java.math.RoundingMode.HALF_EVEN));
        // the equity at the funding candle's close already has it
        assertThat(result.candles().get(28).equity())
                .isEqualByComparingTo(new BigDecimal("10000")
                        .subtract(new BigDecimal("3.2125"))
                        .add(new BigDecimal("50"))
                        .subtract(new BigDecimal("19.425")));
    }

    @Test
    void aConstantRateIsChargedWhenConfigured() {
        BacktestTrade trade = new Backtester(
                        TradingSettings.defaults(), RULES, FundingModel.constant(new BigDecimal("0.0001")))
                .run(
                        "ETH-USDT",
                        uptrendThen(BEFORE_EIGHT, new String[] {"128.5", "130", "128", "129.5"}),
                        new BigDecimal("10000"))
                .trades()
                .get(0);
        assertThat(trade.funding()).isEqualByComparingTo("-0.6475"); // 50 × 129.5 × 0.01 %
    }

    @Test
    void noFundingWithoutAFundingTimeWhileHeld() {
        BacktestTrade trade = new Backtester(TradingSettings.defaults(), RULES)
                .run(
                        "ETH-USDT",
                        uptrendThen(
                                Instant.parse("2024-01-01T00:00:00Z"), new String[] {"128.5", "130", "128", "129.5"}),
                        new BigDecimal("10000"))
                .trades()
                .get(0);
        assertThat(trade.funding()).isEqualByComparingTo("0");
    }

    @Test
    void aHighlyLeveragedLongIsLiquidatedBeforeAStopBeyondItsLiquidationPrice() {
        // leverage 50: 128.5 × (1 − 1/50) / (1 − 0.5 %) = 126.5628… → 126.56, above the stop 124.50
        BacktestResult result = new Backtester(withLeverage(50), RULES)
                .run(
                        "ETH-USDT",
                        uptrendThen(Instant.parse("2024-01-01T00:00:00Z"), new String[] {"128.5", "129", "126", "127"}),
                        new BigDecimal("10000"));

        BacktestTrade trade = result.trades().get(0);
        assertThat(trade.exitReason()).isEqualTo("LIQUIDATION");
        assertThat(trade.exitPrice()).isEqualByComparingTo("126.56");
        assertThat(trade.grossPnl()).isEqualByComparingTo("-97"); // (126.56 − 128.5) × 50
        // the entry fee 3.2125 and the rest of the margin 128.5 − 97 = 31.5
        assertThat(trade.fees()).isEqualByComparingTo("34.7125");
        assertThat(trade.netPnl()).isEqualByComparingTo("-131.7125"); // margin 128.5 + entry fee
        assertThat(result.summary().liquidations()).isEqualTo(1);
        assertThat(result.summary().finalEquity()).isEqualByComparingTo("9868.2875");
    }

    @Test
    void aStopNearerThanTheLiquidationPriceClosesFirst() {
        // leverage 5: liquidation 128.5 × 0.8 / 0.995 = 103.32, far below the stop 124.50
        BacktestResult result = new Backtester(TradingSettings.defaults(), RULES)
                .run(
                        "ETH-USDT",
                        uptrendThen(Instant.parse("2024-01-01T00:00:00Z"), new String[] {"128.5", "129", "100", "101"}),
                        new BigDecimal("10000"));
        assertThat(result.trades().get(0).exitReason()).isEqualTo("STOP_LOSS");
        assertThat(result.summary().liquidations()).isZero();
    }
}
