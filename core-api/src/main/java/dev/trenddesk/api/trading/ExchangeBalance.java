package dev.trenddesk.api.trading;

import java.math.BigDecimal;

/** A user's USDT futures balance at BingX: equity (balance + unrealised PnL) and free margin. */
public record ExchangeBalance(BigDecimal equity, BigDecimal availableMargin) {}
