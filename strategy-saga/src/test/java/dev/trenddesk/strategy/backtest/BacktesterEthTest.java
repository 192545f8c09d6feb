package dev.trenddesk.strategy.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ReasonCode;
import dev.trenddesk.strategy.decision.ContractRules;
import dev.trenddesk.strategy.decision.DecisionKind;
import dev.trenddesk.strategy.indicator.Candle;
import dev.trenddesk.strategy.indicator.RealCandles;
import dev.trenddesk.strategy.indicator.TaLibReference;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The backtest on the 580 real ETH 5m candles, checked against hand arithmetic. */
class BacktesterEthTest {

    private static final List<Candle> CANDLES = RealCandles.eth5m();
    private static final TaLibReference REFERENCE = new TaLibReference(CANDLES);
    private static final ContractRules RULES =
            new ContractRules(2, new BigDecimal("0.01"), new BigDecimal("0.01"), BigDecimal.ZERO);
    private static final BigDecimal EQUITY = new BigDecimal("10000");

    private static BacktestResult run(TradingSettings settings) {
        return new Backtester(settings, RULES).run("ETH-USDT", CANDLES, EQUITY);
    }

    private static int indexOf(String time) {
        Instant instant = Instant.parse(time);
        for (int i = 0; i < CANDLES.size(); i++) {
            if (CANDLES.get(i).openTime().equals(instant)) {
                return i;
            }
        }
        throw new AssertionError("no candle at " + time);
    }

    private static TradingSettings withLimits(String dailyLossLimitPct, String maxDrawdownPct) {
        TradingSettings d = TradingSettings.defaults();
        return new TradingSettings(
                d.maxPositions(),
                d.riskPerTradePct(),
                new BigDecimal(dailyLossLimitPct),
                new BigDecimal(maxDrawdownPct),
                d.leverage(),
                PositionMode.HEDGE,
                d.adxThreshold(),
                Timeframe.M5,
                d.signalConfidence(),
                d.stopAtr(),
                d.takeProfitR(),
                d.symbols(),
                d.strategy(),
                d.emaFast(),
                d.emaSlow());
    }

    @Test
    void firstTradeMatchesHandArithmeticFromTheRawCandlesAndReferenceIndicators() {
        BacktestTrade first = run(TradingSettings.defaults()).trades().get(0);

        // The signal candle: 2023-03-14 10:55 UTC, the first whose close qualifies.
        int signal = indexOf("2023-03-14T10:55:00Z");
        double adx = REFERENCE.adx[signal];
        double plusDi = REFERENCE.plusDi[signal];
        double minusDi = REFERENCE.minusDi[signal];
        assertThat(adx).isGreaterThanOrEqualTo(25).isCloseTo(26.71148579, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(plusDi).isGreaterThan(minusDi).isCloseTo(32.89441290, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(minusDi).isCloseTo(9.35159354, org.assertj.core.data.Offset.offset(1e-6));
        double confidence = 40 * Math.min(1, (adx - 25) / 25)
                + 30 * Math.min(1, Math.abs(plusDi - minusDi) / (plusDi + minusDi) / 0.5)
                + (adx > REFERENCE.adx[signal - 1] ? 30 : 0);
        assertThat(confidence).isGreaterThanOrEqualTo(60).isCloseTo(62.74, org.assertj.core.data.Offset.offset(0.005));
        for (int i = 27; i < signal; i++) {
            double c = 40 * Math.max(0, Math.min(1, (REFERENCE.adx[i] - 25) / 25))
                    + 30
                            * Math.min(
                                    1,
                                    Math.abs(REFERENCE.plusDi[i] - REFERENCE.minusDi[i])
                                            / (REFERENCE.plusDi[i] + REFERENCE.minusDi[i])
                                            / 0.5)
                    + (REFERENCE.adx[i] > REFERENCE.adx[i - 1] ? 30 : 0);
            assertThat(REFERENCE.adx[i] < 25 || c < 60)
                    .as("no earlier signal at candle %d", i)
                    .isTrue();
        }

        // Entry: next candle's open; stop 2 ATR below the close, rounded down to the cent; TP 2 R above.
        Candle signalCandle = CANDLES.get(signal);
        Candle entryCandle = CANDLES.get(signal + 1);
        BigDecimal close = signalCandle.close();
        assertThat(close).isEqualByComparingTo("1689.6");
        BigDecimal atr = new BigDecimal(REFERENCE.atr[signal]);
        BigDecimal stop = close.subtract(atr.multiply(BigDecimal.valueOf(2))).setScale(2, RoundingMode.FLOOR);
        BigDecimal distance = close.subtract(stop);
        BigDecimal takeProfit =
                close.add(distance.multiply(BigDecimal.valueOf(2))).setScale(2, RoundingMode.HALF_UP);
        // 10000 × 2 % / distance, rounded down to 0.01; the margin cap 10000 × 5 / close ≈ 29.6 does not bind
        BigDecimal quantity = new BigDecimal("200").divide(distance, 2, RoundingMode.FLOOR);
        assertThat(stop).isEqualByComparingTo("1681.99");
        assertThat(takeProfit).isEqualByComparingTo("1704.82");
        assertThat(quantity).isEqualByComparingTo("26.28");

        assertThat(first.side()).isEqualTo(Direction.LONG);
        assertThat(first.entryTime()).isEqualTo(entryCandle.openTime());
        assertThat(first.entryPrice()).isEqualByComparingTo(entryCandle.open()).isEqualByComparingTo("1689.64");
        assertThat(first.stopLoss()).isEqualByComparingTo(stop);
        assertThat(first.takeProfit()).isEqualByComparingTo(takeProfit);
        assertThat(first.quantity()).isEqualByComparingTo(quantity);

        // Exit: the first later candle whose low reaches the stop (12:30), none touching TP before; no strategy
        // exit decided in between (ADX stays ≥ 20 and +DI > −DI at every close).
        int exit = indexOf("2023-03-14T12:30:00Z");
        for (int i = signal + 1; i < exit; i++) {
            assertThat(CANDLES.get(i).low()).isGreaterThan(stop);
            assertThat(CANDLES.get(i).high()).isLessThan(takeProfit);
            assertThat(REFERENCE.adx[i]).isGreaterThanOrEqualTo(20);
            assertThat(REFERENCE.plusDi[i]).isGreaterThan(REFERENCE.minusDi[i]);
        }
        assertThat(CANDLES.get(exit).low()).isLessThanOrEqualTo(stop);
        assertThat(CANDLES.get(exit).open()).isGreaterThan(stop);
        assertThat(first.exitTime()).isEqualTo(CANDLES.get(exit).openTime());
        assertThat(first.exitPrice()).isEqualByComparingTo(stop);
        assertThat(first.exitReason()).isEqualTo("STOP_LOSS");

        // PnL: (1681.99 − 1689.64) × 26.28 = −201.042; fees 0.0005 × (26.28 × 1689.64 + 26.28 × 1681.99)
        //   = 0.0005 × (44403.7392 + 44202.6972) = 22.2018696 + 22.1013486 = 44.3032182
        assertThat(first.grossPnl()).isEqualByComparingTo("-201.042");
        assertThat(first.fees()).isEqualByComparingTo("44.3032182");
        assertThat(first.netPnl()).isEqualByComparingTo("-245.3452182");
    }

    @Test
    void fillsEntriesAndStrategyExitsAtTheNextCandlesOpen() {
        BacktestResult result = run(TradingSettings.defaults());
        Set<String> levelExits = Set.of("STOP_LOSS", "TAKE_PROFIT", "END_OF_DATA");

        assertThat(result.trades()).hasSizeGreaterThan(3);
        assertThat(result.trades()).anySatisfy(trade -> assertThat(levelExits).doesNotContain(trade.exitReason()));
        for (BacktestTrade trade : result.trades()) {
            int entry = indexOf(trade.entryTime().toString());
            assertThat(result.candles().get(entry - 1).decision().isEntry()).isTrue();
            assertThat(trade.entryPrice())
                    .isEqualByComparingTo(CANDLES.get(entry).open());
            int exit = indexOf(trade.exitTime().toString());
            if (!levelExits.contains(trade.exitReason())) {
                assertThat(result.candles().get(exit - 1).decision().kind()).isEqualTo(DecisionKind.EXIT);
                assertThat(trade.exitPrice())
                        .isEqualByComparingTo(CANDLES.get(exit).open());
            }
            assertThat(trade.fees())
                    .isEqualByComparingTo(trade.quantity()
                            .multiply(trade.entryPrice().add(trade.exitPrice()))
                            .multiply(new BigDecimal("0.0005")));
            assertThat(trade.netPnl())
                    .isEqualByComparingTo(
                            trade.grossPnl().subtract(trade.fees()).add(trade.funding()));
        }
    }

    @Test
    void summaryAddsUpTheTrades() {
        BacktestResult result = run(TradingSettings.defaults());
        BacktestSummary summary = result.summary();

        BigDecimal net = result.trades().stream().map(BacktestTrade::netPnl).reduce(BigDecimal.ZERO, BigDecimal::add);
        long wins =
                result.trades().stream().filter(t -> t.netPnl().signum() > 0).count();
        long exposed =
                result.candles().stream().filter(BacktestCandle::inPosition).count();
        assertThat(summary.candles()).isEqualTo(580);
        assertThat(summary.trades()).isEqualTo(result.trades().size());
        assertThat(summary.wins()).isEqualTo(wins);
        assertThat(summary.losses()).isEqualTo(summary.trades() - wins);
        assertThat(summary.totalPnl()).isEqualByComparingTo(net.setScale(4, RoundingMode.HALF_EVEN));
        assertThat(summary.finalEquity()).isEqualByComparingTo(EQUITY.add(net).setScale(4, RoundingMode.HALF_EVEN));
        assertThat(summary.exposurePct())
                .isEqualByComparingTo(
                        BigDecimal.valueOf(exposed * 100).divide(BigDecimal.valueOf(580), 2, RoundingMode.HALF_EVEN));
        assertThat(summary.signals()).isBetween(80, 120);
        assertThat(summary.maxDrawdownPct()).isPositive();
        assertThat(summary.stoppedAt()).isNull();
    }

    @Test
    void stopsTradingForGoodOnceTheDrawdownLimitIsReached() {
        BacktestResult result = run(withLimits("50", "1"));

        Instant stoppedAt = result.summary().stoppedAt();
        assertThat(stoppedAt).isNotNull();
        assertThat(result.trades()).hasSize(1);
        assertThat(result.candles().stream()
                        .filter(c -> c.decision().candleTime().isAfter(stoppedAt)))
                .allSatisfy(c -> assertThat(c.decision().kind()).isEqualTo(DecisionKind.CLOSE_ALL_AND_STOP));
    }

    @Test
    void opensNothingMoreThatDayOnceTheDailyLossLimitIsReached() {
        BacktestResult defaults = run(TradingSettings.defaults());
        BacktestResult limited = run(withLimits("0.5", "90"));
        LocalDate firstLossDay = LocalDate.ofInstant(defaults.trades().get(0).exitTime(), ZoneOffset.UTC);

        assertThat(limited.trades().get(0)).isEqualTo(defaults.trades().get(0));
        assertThat(limited.trades().subList(1, limited.trades().size()))
                .allSatisfy(trade -> assertThat(LocalDate.ofInstant(trade.entryTime(), ZoneOffset.UTC))
                        .isAfter(firstLossDay));
        assertThat(limited.candles()).anySatisfy(c -> {
            assertThat(c.decision().reasonCode()).isEqualTo(ReasonCode.DAILY_LOSS_LIMIT);
            assertThat(c.decision().limitBreach()).isNotNull();
        });
    }

    /**
     * A run after a warm-up starts as a live bot does: indicators as if computed from the first candle, the
     * account flat at the starting equity on the first decided candle, decisions only from there.
     */
    @Test
    void aWarmUpFeedsOnlyTheIndicatorsAndTheAccountStartsFlatAfterIt() {
        TradingSettings settings = withLimits("5", "15");
        BacktestResult full = run(settings);
        BacktestResult warmed = new Backtester(settings, RULES)
                .run("ETH-USDT", CANDLES.subList(0, 300), CANDLES.subList(300, CANDLES.size()), EQUITY);

        assertThat(warmed.candles()).hasSize(CANDLES.size() - 300);
        for (int i = 0; i < warmed.candles().size(); i++) {
            var alone = warmed.candles().get(i).decision().indicators();
            var within = full.candles().get(300 + i).decision().indicators();
            assertThat(alone.adx()).as("ADX at candle %d", 300 + i).isEqualByComparingTo(within.adx());
            assertThat(alone.plusDi()).isEqualByComparingTo(within.plusDi());
            assertThat(alone.minusDi()).isEqualByComparingTo(within.minusDi());
            assertThat(alone.atr()).isEqualByComparingTo(within.atr());
        }
        assertThat(warmed.candles().getFirst().equity()).isEqualByComparingTo(EQUITY);
        assertThat(warmed.candles().getFirst().inPosition()).isFalse();
        assertThat(warmed.trades()).allSatisfy(t -> assertThat(t.entryTime())
                .isAfterOrEqualTo(CANDLES.get(300).openTime()));
    }
}
