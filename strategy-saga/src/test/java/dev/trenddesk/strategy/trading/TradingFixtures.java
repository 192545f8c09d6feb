package dev.trenddesk.strategy.trading;

import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.market.CandleClosed;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.strategy.decision.ContractRules;
import dev.trenddesk.strategy.indicator.IndicatorSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Hand-made values shared by the risk engine and saga tests. */
final class TradingFixtures {

    static final TradingSessionId SID = TradingSessionId.of("00000000-0000-0000-0000-0000000000aa");
    static final UserId UID = UserId.of("00000000-0000-0000-0000-000000000001");
    static final Instant STARTED = Instant.parse("2026-11-28T10:00:00Z");
    static final Instant CANDLE = Instant.parse("2026-11-28T10:05:00Z");
    static final ContractRules ETH_RULES =
            new ContractRules(2, new BigDecimal("0.01"), new BigDecimal("0.01"), new BigDecimal("2"));

    private TradingFixtures() {}

    /** Defaults on ETH-USDT only (hedge, leverage 5, risk 2 %, daily loss 5 %, drawdown 15 %). */
    static TradingSettings settings(PositionMode mode) {
        TradingSettings d = TradingSettings.defaults();
        return new TradingSettings(
                d.maxPositions(),
                d.riskPerTradePct(),
                d.dailyLossLimitPct(),
                d.maxDrawdownPct(),
                d.leverage(),
                mode,
                d.adxThreshold(),
                Timeframe.M5,
                d.signalConfidence(),
                d.stopAtr(),
                d.takeProfitR(),
                List.of("ETH-USDT", "BTC-USDT"),
                dev.trenddesk.api.common.StrategyId.ADX_TREND,
                9,
                21);
    }

    /** {@link #settings(PositionMode)} (hedge) with another maxPositions. */
    static TradingSettings settingsWithMaxPositions(int maxPositions) {
        TradingSettings d = settings(PositionMode.HEDGE);
        return new TradingSettings(
                maxPositions,
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
                d.symbols(),
                d.strategy(),
                d.emaFast(),
                d.emaSlow());
    }

    /**
     * ADX 35 rising from 30, +DI 30 / −DI 10, ATR 20, close 2000: a long signal of confidence 76 with a
     * stop at 1960 and a target at 2080; with 10,000 equity 5 ETH risk 2 %.
     */
    static CandleClosed strongUp(String symbol, Instant openTime) {
        return candle(symbol, openTime, "35", "30", "10", "20", "30", true);
    }

    /** The DIs crossed: −DI above +DI, trend still present. */
    static CandleClosed crossedDown(String symbol, Instant openTime) {
        return candle(symbol, openTime, "30", "12", "28", "20", "32", true);
    }

    /** ADX below the threshold. */
    static CandleClosed flat(String symbol, Instant openTime) {
        return candle(symbol, openTime, "15", "20", "18", "20", "16", true);
    }

    /** Trend present but confidence low: ADX just over the threshold, falling, DIs close. */
    static CandleClosed weak(String symbol, Instant openTime) {
        return candle(symbol, openTime, "26", "21", "19", "20", "27", true);
    }

    static CandleClosed candle(
            String symbol,
            Instant openTime,
            String adx,
            String plusDi,
            String minusDi,
            String atr,
            String previousAdx,
            boolean live) {
        return new CandleClosed(
                symbol,
                Timeframe.M5,
                openTime,
                new BigDecimal("1990"),
                new BigDecimal("2010"),
                new BigDecimal("1980"),
                new BigDecimal("2000"),
                new BigDecimal("100"),
                IndicatorSnapshot.adxValues(
                        new BigDecimal(adx),
                        new BigDecimal(plusDi),
                        new BigDecimal(minusDi),
                        new BigDecimal(atr),
                        new BigDecimal(previousAdx)),
                live);
    }

    /** The values the ADX strategy records with the signal of {@link #strongUp}. */
    static Map<String, BigDecimal> strongUpValues() {
        return IndicatorSnapshot.adxValues(
                new BigDecimal("35"),
                new BigDecimal("30"),
                new BigDecimal("10"),
                new BigDecimal("20"),
                new BigDecimal("30"));
    }
}
