package dev.trenddesk.bingx.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order to place. Start from {@link #market}, {@link #limit}, {@link #stopMarket} or
 * {@link #takeProfitMarket} and add options with the {@code with...} methods.
 *
 * @param quantity      in coin units, already rounded to the contract's step
 * @param price         limit price (LIMIT only)
 * @param stopPrice     trigger price (STOP_MARKET, TAKE_PROFIT_MARKET)
 * @param timeInForce   GTC, IOC, FOK, PostOnly or null for the exchange default
 * @param reduceOnly    one-way mode only; null to leave it out
 * @param workingType   MARK_PRICE or CONTRACT_PRICE for triggers; null for the exchange default
 * @param stopLoss      attached stop-loss, or null
 * @param takeProfit    attached take-profit, or null
 * @param clientOrderId 1–40 characters, unique per order (BingX lower-cases it), or null
 */
public record OrderRequest(
        String symbol,
        OrderSide side,
        PositionSide positionSide,
        OrderType type,
        BigDecimal quantity,
        BigDecimal price,
        BigDecimal stopPrice,
        String timeInForce,
        Boolean reduceOnly,
        String workingType,
        TriggerOrder stopLoss,
        TriggerOrder takeProfit,
        String clientOrderId) {

    public OrderRequest {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(positionSide, "positionSide");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(quantity, "quantity");
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
        if (type == OrderType.LIMIT && price == null) {
            throw new IllegalArgumentException("a LIMIT order needs a price");
        }
        if ((type == OrderType.STOP_MARKET || type == OrderType.TAKE_PROFIT_MARKET) && stopPrice == null) {
            throw new IllegalArgumentException("a " + type + " order needs a stopPrice");
        }
        if (clientOrderId != null && (clientOrderId.isEmpty() || clientOrderId.length() > 40)) {
            throw new IllegalArgumentException("clientOrderId must be 1 to 40 characters");
        }
        if (reduceOnly != null && positionSide != PositionSide.BOTH) {
            throw new IllegalArgumentException("reduceOnly applies to one-way mode (positionSide BOTH) only");
        }
    }

    public static OrderRequest market(String symbol, OrderSide side, PositionSide positionSide, BigDecimal quantity) {
        return new OrderRequest(
                symbol, side, positionSide, OrderType.MARKET, quantity, null, null, null, null, null, null, null, null);
    }

    public static OrderRequest limit(
            String symbol, OrderSide side, PositionSide positionSide, BigDecimal quantity, BigDecimal price) {
        return new OrderRequest(
                symbol,
                side,
                positionSide,
                OrderType.LIMIT,
                quantity,
                price,
                null,
                "GTC",
                null,
                null,
                null,
                null,
                null);
    }

    public static OrderRequest stopMarket(
            String symbol, OrderSide side, PositionSide positionSide, BigDecimal quantity, BigDecimal stopPrice) {
        return new OrderRequest(
                symbol,
                side,
                positionSide,
                OrderType.STOP_MARKET,
                quantity,
                null,
                stopPrice,
                null,
                null,
                "MARK_PRICE",
                null,
                null,
                null);
    }

    public static OrderRequest takeProfitMarket(
            String symbol, OrderSide side, PositionSide positionSide, BigDecimal quantity, BigDecimal stopPrice) {
        return new OrderRequest(
                symbol,
                side,
                positionSide,
                OrderType.TAKE_PROFIT_MARKET,
                quantity,
                null,
                stopPrice,
                null,
                null,
                "MARK_PRICE",
                null,
                null,
                null);
    }

    public OrderRequest withClientOrderId(String id) {
        return new OrderRequest(
                symbol,
                side,
                positionSide,
                type,
                quantity,
                price,
                stopPrice,
                timeInForce,
                reduceOnly,
                workingType,
                stopLoss,
                takeProfit,
                id);
    }

    public OrderRequest withStopLoss(TriggerOrder sl) {
        return new OrderRequest(
                symbol,
                side,
                positionSide,
                type,
                quantity,
                price,
                stopPrice,
                timeInForce,
                reduceOnly,
                workingType,
                sl,
                takeProfit,
                clientOrderId);
    }

    public OrderRequest withTakeProfit(TriggerOrder tp) {
        return new OrderRequest(
                symbol,
                side,
                positionSide,
                type,
                quantity,
                price,
                stopPrice,
                timeInForce,
                reduceOnly,
                workingType,
                stopLoss,
                tp,
                clientOrderId);
    }

    public OrderRequest withReduceOnly(boolean value) {
        return new OrderRequest(
                symbol,
                side,
                positionSide,
                type,
                quantity,
                price,
                stopPrice,
                timeInForce,
                value,
                workingType,
                stopLoss,
                takeProfit,
                clientOrderId);
    }

    public OrderRequest withTimeInForce(String value) {
        return new OrderRequest(
                symbol,
                side,
                positionSide,
                type,
                quantity,
                price,
                stopPrice,
                value,
                reduceOnly,
                workingType,
                stopLoss,
                takeProfit,
                clientOrderId);
    }

    public OrderRequest withWorkingType(String value) {
        return new OrderRequest(
                symbol,
                side,
                positionSide,
                type,
                quantity,
                price,
                stopPrice,
                timeInForce,
                reduceOnly,
                value,
                stopLoss,
                takeProfit,
                clientOrderId);
    }
}
