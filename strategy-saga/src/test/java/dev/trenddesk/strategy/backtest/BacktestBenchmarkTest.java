package dev.trenddesk.strategy.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.strategy.decision.ContractRules;
import dev.trenddesk.strategy.indicator.Candle;
import dev.trenddesk.strategy.indicator.RealCandles;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Backtest throughput. Run with
 * {@code mvn -B -o -pl strategy-saga test -Dgroups=benchmark -Dtest.excludedGroups=none}; prints, never
 * fails on time.
 */
@Tag("benchmark")
class BacktestBenchmarkTest {

    private static final ContractRules RULES =
            new ContractRules(2, new BigDecimal("0.01"), new BigDecimal("0.01"), BigDecimal.ZERO);

    @Test
    void throughputInCandlesPerSecond() {
        List<Candle> candles = RealCandles.eth5mReplayed(20);
        List<Candle> btc = CandleFileReader.parse(RealCandles.text(RealCandles.BITSTAMP_TRADES), Timeframe.M5)
                .candles();
        Backtester backtester = new Backtester(TradingSettings.defaults(), RULES);
        BigDecimal equity = new BigDecimal("10000");
        for (int i = 0; i < 3; i++) {
            backtester.run("ETH-USDT", candles, equity);
        }

        report("ETH 5m replayed 20x", backtester, candles, equity);
        report("Bitstamp BTC trades as 5m candles", backtester, btc, equity);

        long start = System.nanoTime();
        CandleFileReader.parse(RealCandles.text(RealCandles.BITSTAMP_TRADES), Timeframe.M5);
        System.out.printf(
                Locale.ROOT,
                "BENCHMARK reading + aggregating 100,000 Bitstamp trades: %.0f ms%n",
                (System.nanoTime() - start) / 1e6);
    }

    private static void report(String name, Backtester backtester, List<Candle> candles, BigDecimal equity) {
        int runs = 5;
        long start = System.nanoTime();
        BacktestResult result = null;
        for (int i = 0; i < runs; i++) {
            result = backtester.run("ETH-USDT", candles, equity);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "BENCHMARK backtest throughput, %s (%d candles x %d runs): %.0f candles/s%n",
                name,
                candles.size(),
                runs,
                candles.size() * runs / seconds);
        assertThat(result.summary().candles()).isEqualTo(candles.size());
    }
}
