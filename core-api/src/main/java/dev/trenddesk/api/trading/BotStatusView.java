package dev.trenddesk.api.trading;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A trader's bot as the trading side knows it: the latest session of the user.
 *
 * @param stopReason  null unless STOPPED
 * @param pauseReason null unless PAUSED
 * @param pauseDetail readable explanation of the pause, e.g. BingX's rejection; may be null
 * @param exchange    the exchange the session trades on, as its start recorded it
 */
public record BotStatusView(
        TradingSessionId sessionId,
        UserId userId,
        SessionStatus status,
        TradingSettings settings,
        BigDecimal initialBalance,
        Instant startedAt,
        Instant updatedAt,
        StopReason stopReason,
        String stopDetail,
        int openPositions,
        PauseReason pauseReason,
        String pauseDetail,
        ExchangeName exchange) {}
