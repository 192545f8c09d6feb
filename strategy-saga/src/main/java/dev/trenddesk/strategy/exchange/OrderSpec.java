package dev.trenddesk.strategy.exchange;

import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.OrderSide;
import java.math.BigDecimal;

/**
 * A market order the platform sends, with its own client order id (the exchange refuses a second order with it).
 *
 * @param stopLoss   trigger price of a stop-loss attached to an opening order, null for none
 * @param takeProfit trigger price of a take-profit attached to an opening order, null for none
 * @param reduceOnly a one-way-mode close that may only reduce the position
 */
public record OrderSpec(
        String symbol,
        OrderSide side,
        ExchangePositionSide positionSide,
        BigDecimal quantity,
        String clientOrderId,
        BigDecimal stopLoss,
        BigDecimal takeProfit,
        boolean reduceOnly) {}
