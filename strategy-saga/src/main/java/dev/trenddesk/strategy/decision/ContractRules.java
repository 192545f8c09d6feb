package dev.trenddesk.strategy.decision;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The trading rules of one perpetual contract, as BingX's contracts endpoint reports them.
 *
 * @param pricePrecision decimals of a price (BingX {@code pricePrecision})
 * @param quantityStep   smallest quantity increment in coin units (10^−{@code quantityPrecision})
 * @param minQuantity    smallest order quantity (BingX {@code tradeMinQuantity})
 * @param minNotional    smallest order value in USDT (BingX {@code tradeMinUSDT}); zero for none
 */
public record ContractRules(int pricePrecision, BigDecimal quantityStep, BigDecimal minQuantity, BigDecimal minNotional) {

    public ContractRules {
        Objects.requireNonNull(quantityStep, "quantityStep");
        Objects.requireNonNull(minQuantity, "minQuantity");
        Objects.requireNonNull(minNotional, "minNotional");
        if (pricePrecision < 0) {
            throw new IllegalArgumentException("pricePrecision must not be negative, was " + pricePrecision);
        }
        if (quantityStep.signum() <= 0) {
            throw new IllegalArgumentException("quantityStep must be positive, was " + quantityStep);
        }
        if (minQuantity.signum() < 0 || minNotional.signum() < 0) {
            throw new IllegalArgumentException("minimum quantity and notional must not be negative");
        }
    }
}
