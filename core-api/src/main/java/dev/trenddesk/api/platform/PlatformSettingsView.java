package dev.trenddesk.api.platform;

import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import java.time.Instant;
import java.util.List;

/**
 * The platform's settings as admins see and change them.
 *
 * @param newTraderDefaults  the settings a new user starts with (the built-in ones when no admin set any)
 * @param builtInDefaults    true while no admin set defaults
 * @param allowedSymbols     the symbols traders may choose; empty: every one
 * @param allowedTimeframes  the timeframes traders may choose; empty: every one
 * @param maintenance        true while maintenance mode is on
 * @param maintenanceReason  why (null when off)
 * @param maintenanceSince   since when (null when off)
 */
public record PlatformSettingsView(
        TradingSettings newTraderDefaults,
        boolean builtInDefaults,
        List<String> allowedSymbols,
        List<Timeframe> allowedTimeframes,
        boolean maintenance,
        String maintenanceReason,
        Instant maintenanceSince) {

    public static PlatformSettingsView initial() {
        return new PlatformSettingsView(TradingSettings.defaults(), true, List.of(), List.of(), false, null, null);
    }

    public AllowedMarkets allowed() {
        return new AllowedMarkets(allowedSymbols, allowedTimeframes);
    }
}
