package dev.trenddesk.strategy.exchange;

import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.OrderSide;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order as the exchange reports it (a placement's answer or a query's).
 *
 * @param orderId    the exchange's id of the order
 * @param type       one of {@link OrderTypes}, or the exchange's own name for other types
 * @param profit     the realised PnL of a closing fill, when reported
 * @param commission the fee of the fill (sign as the exchange reports it)
 */
public record ExchangeOrder(
        String symbol,
        String orderId,
        String clientOrderId,
        OrderSide side,
        ExchangePositionSide positionSide,
        String type,
        OrderState status,
        BigDecimal executedQuantity,
        BigDecimal averagePrice,
        BigDecimal profit,
        BigDecimal commission,
        Instant time,
        Instant updateTime) {}
