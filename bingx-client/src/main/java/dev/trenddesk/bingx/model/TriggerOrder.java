package dev.trenddesk.bingx.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A stop-loss or take-profit attached to an entry order, sent as BingX's JSON param, e.g.
 * {@code {"type":"STOP_MARKET","stopPrice":1650.5,"workingType":"MARK_PRICE"}}.
 *
 * @param type        STOP_MARKET (stop-loss) or TAKE_PROFIT_MARKET (take-profit)
 * @param stopPrice   the trigger price
 * @param workingType MARK_PRICE or CONTRACT_PRICE
 */
public record TriggerOrder(OrderType type, BigDecimal stopPrice, String workingType) {

    public TriggerOrder {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(stopPrice, "stopPrice");
        Objects.requireNonNull(workingType, "workingType");
        if (type != OrderType.STOP_MARKET && type != OrderType.TAKE_PROFIT_MARKET) {
            throw new IllegalArgumentException("a trigger order is STOP_MARKET or TAKE_PROFIT_MARKET, not " + type);
        }
    }

    /** A stop-loss triggered on the mark price. */
    public static TriggerOrder stopLoss(BigDecimal stopPrice) {
        return new TriggerOrder(OrderType.STOP_MARKET, stopPrice, "MARK_PRICE");
    }

    /** A take-profit triggered on the mark price. */
    public static TriggerOrder takeProfit(BigDecimal stopPrice) {
        return new TriggerOrder(OrderType.TAKE_PROFIT_MARKET, stopPrice, "MARK_PRICE");
    }

    /** The JSON value BingX expects (the price as a JSON number). */
    public String toJson() {
        return "{\"type\":\"" + type + "\",\"stopPrice\":" + stopPrice.toPlainString() + ",\"workingType\":\""
                + workingType + "\"}";
    }
}
