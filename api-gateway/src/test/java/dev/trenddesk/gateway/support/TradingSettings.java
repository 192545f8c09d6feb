package dev.trenddesk.gateway.support;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Trading settings for tests, as {@code PUT /api/me/settings} takes them. */
public final class TradingSettings {

    private TradingSettings() {}

    /**
     * Settings that enter on the first ready candle (ADX threshold 10, confidence 0): one ETH-USDT position at a
     * time, 1 % risk, 5x, tight stop and target. A fresh, modifiable map each call, so a test can change a value.
     */
    public static Map<String, Object> eager(String positionMode) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("maxPositions", 1);
        settings.put("riskPerTradePct", new BigDecimal("1.0"));
        settings.put("dailyLossLimitPct", new BigDecimal("50"));
        settings.put("maxDrawdownPct", new BigDecimal("90"));
        settings.put("leverage", 5);
        settings.put("positionMode", positionMode);
        settings.put("adxThreshold", new BigDecimal("10"));
        settings.put("timeframe", "5m");
        settings.put("signalConfidence", new BigDecimal("0"));
        settings.put("stopAtr", new BigDecimal("0.5"));
        settings.put("takeProfitR", new BigDecimal("0.5"));
        settings.put("symbols", List.of("ETH-USDT"));
        return settings;
    }
}
