package dev.trenddesk.strategy.exchange;

import java.math.BigDecimal;

/**
 * The trading rules of one perpetual contract.
 *
 * @param takerFeeRate null when the exchange does not say
 */
public record ContractSpec(
        String symbol,
        int pricePrecision,
        int quantityPrecision,
        BigDecimal minQuantity,
        BigDecimal minNotional,
        BigDecimal takerFeeRate) {}
