package dev.trenddesk.gateway.web;

import static dev.trenddesk.api.common.TradingSettings.ADX_THRESHOLD_MAX;
import static dev.trenddesk.api.common.TradingSettings.ADX_THRESHOLD_MIN;
import static dev.trenddesk.api.common.TradingSettings.DAILY_LOSS_LIMIT_PCT_MAX;
import static dev.trenddesk.api.common.TradingSettings.DAILY_LOSS_LIMIT_PCT_MIN;
import static dev.trenddesk.api.common.TradingSettings.EMA_FAST_DEFAULT;
import static dev.trenddesk.api.common.TradingSettings.EMA_FAST_MAX;
import static dev.trenddesk.api.common.TradingSettings.EMA_FAST_MIN;
import static dev.trenddesk.api.common.TradingSettings.EMA_SLOW_DEFAULT;
import static dev.trenddesk.api.common.TradingSettings.EMA_SLOW_MAX;
import static dev.trenddesk.api.common.TradingSettings.EMA_SLOW_MIN;
import static dev.trenddesk.api.common.TradingSettings.LEVERAGE_MAX;
import static dev.trenddesk.api.common.TradingSettings.LEVERAGE_MIN;
import static dev.trenddesk.api.common.TradingSettings.MAX_DRAWDOWN_PCT_MAX;
import static dev.trenddesk.api.common.TradingSettings.MAX_DRAWDOWN_PCT_MIN;
import static dev.trenddesk.api.common.TradingSettings.MAX_POSITIONS_MAX;
import static dev.trenddesk.api.common.TradingSettings.MAX_POSITIONS_MIN;
import static dev.trenddesk.api.common.TradingSettings.MAX_SYMBOLS;
import static dev.trenddesk.api.common.TradingSettings.RISK_PER_TRADE_PCT_MAX;
import static dev.trenddesk.api.common.TradingSettings.RISK_PER_TRADE_PCT_MIN;
import static dev.trenddesk.api.common.TradingSettings.SIGNAL_CONFIDENCE_MAX;
import static dev.trenddesk.api.common.TradingSettings.SIGNAL_CONFIDENCE_MIN;
import static dev.trenddesk.api.common.TradingSettings.STOP_ATR_MAX;
import static dev.trenddesk.api.common.TradingSettings.STOP_ATR_MIN;
import static dev.trenddesk.api.common.TradingSettings.SYMBOL_REGEX;
import static dev.trenddesk.api.common.TradingSettings.TAKE_PROFIT_R_MAX;
import static dev.trenddesk.api.common.TradingSettings.TAKE_PROFIT_R_MIN;

import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.StrategyId;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.user.UserView;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Request and response bodies of the user and login API; kept apart from the messages they become. */
public final class Dtos {

    private Dtos() {}

    public record LoginRequest(
            @NotBlank @Size(max = 64) String username,
            @NotBlank @Size(max = 128) String password) {}

    public record CsrfResponse(String token, String headerName, String cookieName) {}

    public record ChangePasswordRequest(
            @NotNull @Size(max = 128) String currentPassword,
            @NotNull @Size(max = 128) String newPassword) {}

    /** The address is checked by the aggregate, as at registration (a 422 naming {@code email}). */
    public record ChangeEmailRequest(
            @NotBlank @Size(max = 254) String email,
            @NotNull @Size(max = 128) String currentPassword) {}

    public record ResetPasswordRequest(
            @NotNull @Size(max = 128) String password) {}

    public record CreateUserRequest(
            @NotBlank @Size(max = 32) String username,
            @NotBlank @Size(max = 254) String email,
            @NotNull @Size(max = 128) String password,
            @NotNull Role role) {}

    public record CreatedResponse(String id) {}

    /** Any of the three; absent fields stay as they are. */
    public record UpdateUserRequest(Role role, Boolean active, Boolean tradingEnabled) {}

    /**
     * A trader's settings. The ranges are TradingSettings' own constants as bean-validation constraints,
     * with its wording, so the OpenAPI document shows them (the dashboard's form rules are generated from
     * it: frontend/scripts/generate-api.mjs) and a value outside them is refused here as TradingSettings
     * would refuse it. The symbol pattern is stated for the document only; TradingSettings checks it and
     * names the symbol at fault.
     */
    public record SettingsBody(
            @NotNull
            @Min(value = MAX_POSITIONS_MIN, message = MAX_POSITIONS)
            @Max(value = MAX_POSITIONS_MAX, message = MAX_POSITIONS)
            Integer maxPositions,

            @NotNull
            @DecimalMin(value = RISK_PER_TRADE_PCT_MIN, message = RISK_PER_TRADE_PCT)
            @DecimalMax(value = RISK_PER_TRADE_PCT_MAX, message = RISK_PER_TRADE_PCT)
            BigDecimal riskPerTradePct,

            @NotNull
            @DecimalMin(value = DAILY_LOSS_LIMIT_PCT_MIN, message = DAILY_LOSS_LIMIT_PCT)
            @DecimalMax(value = DAILY_LOSS_LIMIT_PCT_MAX, message = DAILY_LOSS_LIMIT_PCT)
            BigDecimal dailyLossLimitPct,

            @NotNull
            @DecimalMin(value = MAX_DRAWDOWN_PCT_MIN, message = MAX_DRAWDOWN_PCT)
            @DecimalMax(value = MAX_DRAWDOWN_PCT_MAX, message = MAX_DRAWDOWN_PCT)
            BigDecimal maxDrawdownPct,

            @NotNull @Min(value = LEVERAGE_MIN, message = LEVERAGE) @Max(value = LEVERAGE_MAX, message = LEVERAGE)
            Integer leverage,

            @NotNull PositionMode positionMode,

            @NotNull
            @DecimalMin(value = ADX_THRESHOLD_MIN, message = ADX_THRESHOLD)
            @DecimalMax(value = ADX_THRESHOLD_MAX, message = ADX_THRESHOLD)
            BigDecimal adxThreshold,

            @NotNull Timeframe timeframe,

            @NotNull
            @DecimalMin(value = SIGNAL_CONFIDENCE_MIN, message = SIGNAL_CONFIDENCE)
            @DecimalMax(value = SIGNAL_CONFIDENCE_MAX, message = SIGNAL_CONFIDENCE)
            BigDecimal signalConfidence,

            @NotNull
            @DecimalMin(value = STOP_ATR_MIN, message = STOP_ATR)
            @DecimalMax(value = STOP_ATR_MAX, message = STOP_ATR)
            BigDecimal stopAtr,

            @NotNull
            @DecimalMin(value = TAKE_PROFIT_R_MIN, message = TAKE_PROFIT_R)
            @DecimalMax(value = TAKE_PROFIT_R_MAX, message = TAKE_PROFIT_R)
            BigDecimal takeProfitR,

            @NotNull @Size(min = 1, max = MAX_SYMBOLS) @ArraySchema(schema = @Schema(pattern = SYMBOL_REGEX))
            List<String> symbols,

            @Schema(
                    description = "the strategy the bot trades with; ADX_TREND when left out",
                    defaultValue = "ADX_TREND")
            StrategyId strategy,

            @Min(value = EMA_FAST_MIN, message = EMA_FAST)
            @Max(value = EMA_FAST_MAX, message = EMA_FAST)
            @Schema(
                    description = "EMA_CROSS: the fast EMA's period, one of 9, 21, 50, 100 and below"
                            + " emaSlow; 9 when left out",
                    defaultValue = "9")
            Integer emaFast,

            @Min(value = EMA_SLOW_MIN, message = EMA_SLOW)
            @Max(value = EMA_SLOW_MAX, message = EMA_SLOW)
            @Schema(
                    description = "EMA_CROSS: the slow EMA's period, one of 21, 50, 100, 200 and above"
                            + " emaFast; 21 when left out",
                    defaultValue = "21")
            Integer emaSlow) {

        /** The strategy and EMA periods are optional on input: ADX_TREND, 9 and 21 when left out. */
        public SettingsBody {
            strategy = strategy == null ? StrategyId.ADX_TREND : strategy;
            emaFast = emaFast == null ? EMA_FAST_DEFAULT : emaFast;
            emaSlow = emaSlow == null ? EMA_SLOW_DEFAULT : emaSlow;
        }

        public TradingSettings toSettings() {
            return new TradingSettings(
                    maxPositions,
                    riskPerTradePct,
                    dailyLossLimitPct,
                    maxDrawdownPct,
                    leverage,
                    positionMode,
                    adxThreshold,
                    timeframe,
                    signalConfidence,
                    stopAtr,
                    takeProfitR,
                    symbols,
                    strategy,
                    emaFast,
                    emaSlow);
        }

        public static SettingsBody of(TradingSettings s) {
            return new SettingsBody(
                    s.maxPositions(),
                    s.riskPerTradePct(),
                    s.dailyLossLimitPct(),
                    s.maxDrawdownPct(),
                    s.leverage(),
                    s.positionMode(),
                    s.adxThreshold(),
                    s.timeframe(),
                    s.signalConfidence(),
                    s.stopAtr(),
                    s.takeProfitR(),
                    s.symbols(),
                    s.strategy(),
                    s.emaFast(),
                    s.emaSlow());
        }
    }

    private static final String MAX_POSITIONS = "must be between " + MAX_POSITIONS_MIN + " and " + MAX_POSITIONS_MAX;
    private static final String RISK_PER_TRADE_PCT =
            "must be between " + RISK_PER_TRADE_PCT_MIN + " and " + RISK_PER_TRADE_PCT_MAX;
    private static final String DAILY_LOSS_LIMIT_PCT =
            "must be between " + DAILY_LOSS_LIMIT_PCT_MIN + " and " + DAILY_LOSS_LIMIT_PCT_MAX;
    private static final String MAX_DRAWDOWN_PCT =
            "must be between " + MAX_DRAWDOWN_PCT_MIN + " and " + MAX_DRAWDOWN_PCT_MAX;
    private static final String LEVERAGE = "must be between " + LEVERAGE_MIN + " and " + LEVERAGE_MAX;
    private static final String ADX_THRESHOLD = "must be between " + ADX_THRESHOLD_MIN + " and " + ADX_THRESHOLD_MAX;
    private static final String SIGNAL_CONFIDENCE =
            "must be between " + SIGNAL_CONFIDENCE_MIN + " and " + SIGNAL_CONFIDENCE_MAX;
    private static final String STOP_ATR = "must be between " + STOP_ATR_MIN + " and " + STOP_ATR_MAX;
    private static final String TAKE_PROFIT_R = "must be between " + TAKE_PROFIT_R_MIN + " and " + TAKE_PROFIT_R_MAX;
    private static final String EMA_FAST = "must be between " + EMA_FAST_MIN + " and " + EMA_FAST_MAX;
    private static final String EMA_SLOW = "must be between " + EMA_SLOW_MIN + " and " + EMA_SLOW_MAX;

    /** A person as the API shows them; never a password or its hash. */
    public record UserResponse(
            String id,
            String username,
            String email,
            Role role,
            boolean active,
            boolean tradingEnabled,
            boolean locked,
            Instant lockedUntil,
            Instant lastLoginAt,
            String lastLoginIp,
            Instant createdAt,
            SettingsBody settings,
            List<String> grantedTraders) {

        static UserResponse of(UserView view, Instant now) {
            return new UserResponse(
                    view.id().toString(),
                    view.username(),
                    view.email(),
                    view.role(),
                    view.active(),
                    view.tradingEnabled(),
                    view.lockedAt(now),
                    view.lockedAt(now) ? view.lockedUntil() : null,
                    view.lastLoginAt(),
                    view.lastLoginIp(),
                    view.createdAt(),
                    SettingsBody.of(view.settings()),
                    view.grantedTraders().stream().map(UserId::toString).toList());
        }
    }
}
