package dev.trenddesk.bingx.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A perpetual contract's trading rules. BingX silently truncates excess precision, so round with
 * {@link #roundPrice} and {@link #roundQuantity} before sending.
 */
public record Contract(
        String symbol,
        int pricePrecision,
        int quantityPrecision,
        BigDecimal tradeMinQuantity,
        BigDecimal tradeMinUSDT,
        BigDecimal takerFeeRate,
        BigDecimal makerFeeRate,
        int status) {

    /** Whether the contract is trading (status 1). */
    public boolean online() {
        return status == 1;
    }

    /** The price rounded down to the contract's price precision. */
    public BigDecimal roundPrice(BigDecimal price) {
        return price.setScale(pricePrecision, RoundingMode.DOWN);
    }

    /** The quantity rounded down to the contract's quantity step. */
    public BigDecimal roundQuantity(BigDecimal quantity) {
        return quantity.setScale(quantityPrecision, RoundingMode.DOWN);
    }

    /** Whether an order of this quantity at this price meets the minimum quantity and notional. */
    public boolean meetsMinimums(BigDecimal quantity, BigDecimal price) {
        return quantity.compareTo(tradeMinQuantity) >= 0
                && quantity.multiply(price).compareTo(tradeMinUSDT) >= 0;
    }
}
