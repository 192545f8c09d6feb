package dev.trenddesk.bingx.model;

import java.math.BigDecimal;

/** An open position. {@code positionAmt} is in coin units. */
public record Position(
        String positionId,
        String symbol,
        PositionSide positionSide,
        boolean isolated,
        BigDecimal positionAmt,
        BigDecimal availableAmt,
        BigDecimal avgPrice,
        BigDecimal initialMargin,
        int leverage,
        BigDecimal unrealizedProfit,
        BigDecimal realisedProfit,
        BigDecimal liquidationPrice,
        BigDecimal markPrice) {}
