package dev.trenddesk.gateway.web;

import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.user.UserView;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Request and response bodies of the user and login API; kept apart from the messages they become. */
public final class Dtos {

    private Dtos() {
    }

    public record LoginRequest(@NotBlank @Size(max = 64) String username,
                               @NotBlank @Size(max = 128) String password) {
    }

    public record CsrfResponse(String token, String headerName, String cookieName) {
    }

    public record ChangePasswordRequest(@NotNull @Size(max = 128) String currentPassword,
                                        @NotNull @Size(max = 128) String newPassword) {
    }

    public record ResetPasswordRequest(@NotNull @Size(max = 128) String password) {
    }

    public record CreateUserRequest(@NotBlank @Size(max = 32) String username,
                                    @NotBlank @Size(max = 254) String email,
                                    @NotNull @Size(max = 128) String password,
                                    @NotNull Role role) {
    }

    public record CreatedResponse(String id) {
    }

    /** Any of the three; absent fields stay as they are. */
    public record UpdateUserRequest(Role role, Boolean active, Boolean tradingEnabled) {
    }

    public record SettingsBody(@NotNull Integer maxPositions,
                               @NotNull BigDecimal riskPerTradePct,
                               @NotNull BigDecimal dailyLossLimitPct,
                               @NotNull BigDecimal maxDrawdownPct,
                               @NotNull Integer leverage,
                               @NotNull PositionMode positionMode,
                               @NotNull BigDecimal adxThreshold,
                               @NotNull Timeframe timeframe,
                               @NotNull BigDecimal signalConfidence,
                               @NotNull BigDecimal stopAtr,
                               @NotNull BigDecimal takeProfitR,
                               @NotNull @Size(min = 1, max = 10) List<String> symbols) {

        TradingSettings toSettings() {
            return new TradingSettings(maxPositions, riskPerTradePct, dailyLossLimitPct, maxDrawdownPct, leverage,
                    positionMode, adxThreshold, timeframe, signalConfidence, stopAtr, takeProfitR, symbols);
        }

        public static SettingsBody of(TradingSettings s) {
            return new SettingsBody(s.maxPositions(), s.riskPerTradePct(), s.dailyLossLimitPct(), s.maxDrawdownPct(),
                    s.leverage(), s.positionMode(), s.adxThreshold(), s.timeframe(), s.signalConfidence(), s.stopAtr(),
                    s.takeProfitR(), s.symbols());
        }
    }

    /** A person as the API shows them; never a password or its hash. */
    public record UserResponse(String id, String username, String email, Role role, boolean active,
                               boolean tradingEnabled, boolean locked, Instant lockedUntil, Instant lastLoginAt,
                               String lastLoginIp, Instant createdAt, SettingsBody settings,
                               List<String> grantedTraders) {

        static UserResponse of(UserView view, Instant now) {
            return new UserResponse(view.id().toString(), view.username(), view.email(), view.role(), view.active(),
                    view.tradingEnabled(), view.lockedAt(now), view.lockedAt(now) ? view.lockedUntil() : null,
                    view.lastLoginAt(), view.lastLoginIp(), view.createdAt(), SettingsBody.of(view.settings()),
                    view.grantedTraders().stream().map(UserId::toString).toList());
        }
    }
}
