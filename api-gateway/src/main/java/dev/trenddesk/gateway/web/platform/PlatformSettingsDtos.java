package dev.trenddesk.gateway.web.platform;

import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.platform.AllowedMarkets;
import dev.trenddesk.api.platform.PlatformSettingsView;
import dev.trenddesk.gateway.web.Dtos.SettingsBody;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** The platform settings' requests and answers. */
final class PlatformSettingsDtos {

    private PlatformSettingsDtos() {}

    /**
     * The trading settings new users start with.
     *
     * @param defaults the settings; null: the built-in defaults again
     * @param reason   why, optional
     */
    record DefaultsRequest(
            @Valid SettingsBody defaults,
            @Size(max = PlatformDtos.MAX_REASON) String reason) {}

    /**
     * The symbols and timeframes traders may choose; an empty list allows every one.
     *
     * @param reason why, optional
     */
    record MarketsRequest(
            @NotNull
            @Size(max = AllowedMarkets.MAX_SYMBOLS)
            @ArraySchema(schema = @Schema(pattern = dev.trenddesk.api.common.TradingSettings.SYMBOL_REGEX))
            List<@NotBlank String> symbols,

            @NotNull @Size(max = 12) List<@NotNull Timeframe> timeframes,

            @Size(max = PlatformDtos.MAX_REASON) String reason) {}

    /**
     * Maintenance mode on or off.
     *
     * @param reason why, shown to every trader; required to switch it on
     */
    record MaintenanceRequest(
            @NotNull Boolean on,
            @Size(max = PlatformDtos.MAX_REASON) String reason) {}

    /**
     * The symbols and timeframes traders may choose (every logged-in user reads them).
     *
     * @param symbols    the allowed symbols; empty: every symbol
     * @param timeframes the allowed timeframes; empty: every timeframe
     */
    record MarketsResponse(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            List<String> symbols,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            List<Timeframe> timeframes) {

        static MarketsResponse of(PlatformSettingsView view) {
            return new MarketsResponse(view.allowedSymbols(), view.allowedTimeframes());
        }
    }

    /**
     * The platform's settings as admins see them.
     *
     * @param newTraderDefaults the settings a new user starts with
     * @param builtInDefaults   true while no admin set defaults (the built-in ones apply)
     * @param allowedSymbols    the symbols traders may choose; empty: every one
     * @param allowedTimeframes the timeframes traders may choose; empty: every one
     * @param maintenance       true while maintenance mode is on
     * @param maintenanceReason why (null when off)
     * @param maintenanceSince  since when (null when off)
     */
    record PlatformSettingsResponse(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            SettingsBody newTraderDefaults,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            boolean builtInDefaults,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            List<String> allowedSymbols,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            List<Timeframe> allowedTimeframes,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            boolean maintenance,

            String maintenanceReason,

            Instant maintenanceSince) {

        static PlatformSettingsResponse of(PlatformSettingsView view) {
            return new PlatformSettingsResponse(
                    SettingsBody.of(view.newTraderDefaults()),
                    view.builtInDefaults(),
                    view.allowedSymbols(),
                    view.allowedTimeframes(),
                    view.maintenance(),
                    view.maintenanceReason(),
                    view.maintenanceSince());
        }
    }
}
