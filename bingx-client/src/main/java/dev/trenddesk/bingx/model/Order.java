package dev.trenddesk.bingx.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order as the exchange reports it. {@code type} is BingX's own type name (it may be one this
 * client does not place); decimals that the exchange left out are null.
 */
public record Order(
        String symbol,
        long orderId,
        String clientOrderId,
        OrderSide side,
        PositionSide positionSide,
        String type,
        OrderStatus status,
        BigDecimal price,
        BigDecimal origQty,
        BigDecimal executedQty,
        BigDecimal avgPrice,
        BigDecimal stopPrice,
        BigDecimal profit,
        BigDecimal commission,
        Instant time,
        Instant updateTime) {}
