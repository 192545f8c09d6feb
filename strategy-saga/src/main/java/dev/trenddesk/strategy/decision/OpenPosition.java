package dev.trenddesk.strategy.decision;

import dev.trenddesk.api.trading.Direction;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A position the trader holds.
 *
 * @param symbol     perpetual symbol
 * @param side       long or short
 * @param quantity   size in coin units (positive)
 * @param entryPrice average entry price
 */
public record OpenPosition(String symbol, Direction side, BigDecimal quantity, BigDecimal entryPrice) {

    public OpenPosition {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(entryPrice, "entryPrice");
    }
}
