package dev.trenddesk.gateway.web.trading;

import jakarta.validation.constraints.NotNull;

/** Stop the bot: {@code flatten} true closes its open positions at market, false leaves them as they are. */
record StopBotRequest(@NotNull Boolean flatten) {}
