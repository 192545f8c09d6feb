package dev.trenddesk.api.trading;

import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A trader's bot as the trading side knows it: the latest session of the user.
 *
 * @param stopReason null unless STOPPED
 */
public record BotStatusView(TradingSessionId sessionId, UserId userId, SessionStatus status, TradingSettings settings,
                            BigDecimal initialBalance, Instant startedAt, Instant updatedAt, StopReason stopReason,
                            String stopDetail, int openPositions) {
}
