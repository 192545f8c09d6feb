package dev.trenddesk.gateway.web.trading;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.trading.BotStatusView;
import dev.trenddesk.api.trading.PauseReason;
import dev.trenddesk.api.trading.SessionStatus;
import dev.trenddesk.gateway.web.Dtos.SettingsBody;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A trader's bot as the API shows it.
 *
 * @param status        RUNNING, PAUSED or STOPPED (STOPPED also when the trader never started one)
 * @param sessionId     the latest session, null when none
 * @param openPositions positions the session holds
 * @param stopReason    REQUESTED or MAX_DRAWDOWN when stopped
 * @param pauseReason   why a paused bot is paused: TRADER (by hand; resumed by hand), REJECTED_REPEATEDLY (BingX
 *                      rejected the same order three times; resumed by hand), CREDENTIALS (the BingX key failed;
 *                      resumes by itself when a key verifies); null unless PAUSED
 * @param pauseDetail   readable explanation of the pause, e.g. BingX's rejection message; may be null
 * @param settings      the settings the session trades on now (the start's, or the trader's latest change while
 *                      it runs); null when there is no session
 * @param exchange      the exchange the session trades on (that of the trader's verified key when it started); null
 *                      when there is no session
 */
record BotResponse(
        SessionStatus status,
        String sessionId,
        String userId,
        Instant startedAt,
        Instant updatedAt,
        BigDecimal initialBalance,
        String stopReason,
        String stopDetail,
        int openPositions,
        List<String> symbols,
        String timeframe,
        SettingsBody settings,
        PauseReason pauseReason,
        String pauseDetail,
        ExchangeName exchange) {

    static BotResponse of(BotStatusView view, String userId) {
        if (view == null) {
            return new BotResponse(
                    SessionStatus.STOPPED,
                    null,
                    userId,
                    null,
                    null,
                    null,
                    null,
                    null,
                    0,
                    List.of(),
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        return new BotResponse(
                view.status(),
                view.sessionId().toString(),
                view.userId().toString(),
                view.startedAt(),
                view.updatedAt(),
                view.initialBalance(),
                view.stopReason() == null ? null : view.stopReason().name(),
                view.stopDetail(),
                view.openPositions(),
                view.settings() == null ? List.of() : view.settings().symbols(),
                view.settings() == null ? null : view.settings().timeframe().code(),
                view.settings() == null ? null : SettingsBody.of(view.settings()),
                view.pauseReason(),
                view.pauseDetail(),
                view.exchange());
    }
}
