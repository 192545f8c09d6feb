package dev.trenddesk.strategy.decision;

import dev.trenddesk.api.common.TradingSettings;

/**
 * The EMA crossover strategy's own settings.
 *
 * @param fast the fast EMA's period (settings {@code emaFast})
 * @param slow the slow EMA's period (settings {@code emaSlow}), above {@code fast}
 */
public record EmaCrossSettings(int fast, int slow) {

    public EmaCrossSettings {
        if (fast < 1 || slow <= fast) {
            throw new IllegalArgumentException("EMA periods must be 0 < fast < slow, were " + fast + " and " + slow);
        }
    }

    /** The EMA settings out of the trader's settings. */
    public static EmaCrossSettings of(TradingSettings settings) {
        return new EmaCrossSettings(settings.emaFast(), settings.emaSlow());
    }
}
