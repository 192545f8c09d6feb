package dev.trenddesk.strategy.decision;

import dev.trenddesk.api.common.TradingSettings;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The ADX trend strategy's own settings.
 *
 * @param adxThreshold     ADX at or above which a trend is present (settings {@code adxThreshold})
 * @param signalConfidence least confidence (0–100) that opens a position (settings {@code signalConfidence})
 */
public record AdxTrendSettings(BigDecimal adxThreshold, BigDecimal signalConfidence) {

    public AdxTrendSettings {
        Objects.requireNonNull(adxThreshold, "adxThreshold");
        Objects.requireNonNull(signalConfidence, "signalConfidence");
    }

    /** The ADX settings out of the trader's settings. */
    public static AdxTrendSettings of(TradingSettings settings) {
        return new AdxTrendSettings(settings.adxThreshold(), settings.signalConfidence());
    }
}
