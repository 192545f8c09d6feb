package dev.trenddesk.strategy.exchange;

import java.math.BigDecimal;

/** The margin asset's balance of a futures account. */
public record AccountBalance(String asset, BigDecimal balance, BigDecimal equity, BigDecimal availableMargin) {}
