package dev.trenddesk.api.trading;

import dev.trenddesk.api.common.UserId;

/** Questions about trading sessions. */
public final class TradingQueries {

    private TradingQueries() {}

    /** Answers the user's latest {@link BotStatusView}, or null when the user never started a bot. */
    public record FindBotStatus(UserId userId) {}

    /**
     * Reads the user's USDT balance from BingX with their verified credentials. Answers an
     * {@link ExchangeBalance}, or null when the user has no verified credentials.
     */
    public record ReadExchangeBalance(UserId userId) {}

    /**
     * The dashboard opens: reads the user's balance from BingX now when no bot runs and the last
     * reading is older than {@code trenddesk.trading.account-refresh-after}, recording it when it
     * changed. Answers an {@link AccountRefresh}; never fails for an unreachable exchange.
     */
    public record RefreshAccountBalance(UserId userId) {}
}
