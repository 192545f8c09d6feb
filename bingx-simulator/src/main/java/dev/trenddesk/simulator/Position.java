package dev.trenddesk.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An open position. In hedge mode an account holds one per symbol and side (LONG, SHORT); in one-way
 * mode one per symbol (side BOTH) whose direction follows the net quantity.
 */
final class Position {

    static final int AVG_PRICE_SCALE = 8;

    final long positionId;
    final String symbol;
    final String positionSide;
    boolean isLong;
    BigDecimal quantity = BigDecimal.ZERO;
    BigDecimal avgPrice = BigDecimal.ZERO;
    BigDecimal realisedProfit = BigDecimal.ZERO;

    Position(long positionId, String symbol, String positionSide, boolean isLong) {
        this.positionId = positionId;
        this.symbol = symbol;
        this.positionSide = positionSide;
        this.isLong = isLong;
    }

    SavedState.PositionState saved() {
        return new SavedState.PositionState(
                positionId, symbol, positionSide, isLong, quantity, avgPrice, realisedProfit);
    }

    static Position restore(SavedState.PositionState saved) {
        Position position = new Position(saved.positionId(), saved.symbol(), saved.positionSide(), saved.isLong());
        position.quantity = saved.quantity();
        position.avgPrice = saved.avgPrice();
        position.realisedProfit = saved.realisedProfit();
        return position;
    }

    /** LONG or SHORT: the direction shown to clients, in both position modes. */
    String direction() {
        return isLong ? "LONG" : "SHORT";
    }

    BigDecimal unrealisedProfit(BigDecimal markPrice) {
        BigDecimal move = markPrice.subtract(avgPrice);
        return (isLong ? move : move.negate()).multiply(quantity);
    }

    BigDecimal initialMargin(int leverage) {
        return quantity.multiply(avgPrice).divide(BigDecimal.valueOf(leverage), AVG_PRICE_SCALE, RoundingMode.HALF_UP);
    }

    /** Adds {@code added} at {@code fillPrice}, moving the average entry price. */
    void add(BigDecimal added, BigDecimal fillPrice) {
        BigDecimal total = quantity.add(added);
        avgPrice = avgPrice.multiply(quantity)
                .add(fillPrice.multiply(added))
                .divide(total, AVG_PRICE_SCALE, RoundingMode.HALF_UP);
        quantity = total;
    }
}
