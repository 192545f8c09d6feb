package dev.trenddesk.bingx.model;

import java.math.BigDecimal;

/** The futures account balance of one asset (USDT). */
public record Balance(
        String asset,
        BigDecimal balance,
        BigDecimal equity,
        BigDecimal unrealizedProfit,
        BigDecimal realisedProfit,
        BigDecimal availableMargin,
        BigDecimal usedMargin,
        BigDecimal freezedMargin) {}
