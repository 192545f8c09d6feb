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
 * @param takerFeeRate   fee of a market order as a share of its notional; sizing keeps it free in the margin
 *                       and the backtester charges it on entries and exits
 */
public record ContractRules(
        int pricePrecision,
        BigDecimal quantityStep,
        BigDecimal minQuantity,
        BigDecimal minNotional,
        BigDecimal takerFeeRate) {

    /** BingX's standard perpetual taker fee, 0.05 %. */
    public static final BigDecimal DEFAULT_TAKER_FEE_RATE = new BigDecimal("0.0005");

    public ContractRules {
        Objects.requireNonNull(quantityStep, "quantityStep");
        Objects.requireNonNull(minQuantity, "minQuantity");
        Objects.requireNonNull(minNotional, "minNotional");
        Objects.requireNonNull(takerFeeRate, "takerFeeRate");
        if (takerFeeRate.signum() < 0 || takerFeeRate.compareTo(new BigDecimal("0.01")) > 0) {
            throw new IllegalArgumentException("takerFeeRate must be between 0 and 0.01, was " + takerFeeRate);
        }
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

    /** Rules with the standard taker fee, 0.05 %. */
    public ContractRules(int pricePrecision, BigDecimal quantityStep, BigDecimal minQuantity, BigDecimal minNotional) {
        this(pricePrecision, quantityStep, minQuantity, minNotional, DEFAULT_TAKER_FEE_RATE);
    }
}
