package dev.trenddesk.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/** A perpetual contract the simulator lists, with BingX's precision and minimum-size rules. */
record Contract(
        String symbol,
        int pricePrecision,
        int quantityPrecision,
        BigDecimal tradeMinQuantity,
        BigDecimal tradeMinUsdt,
        String recordingResource) {

    static final BigDecimal TAKER_FEE_RATE = new BigDecimal("0.0005");
    static final BigDecimal MAKER_FEE_RATE = new BigDecimal("0.0002");
    static final int MAX_LEVERAGE = 125;
    /** Maintenance margin rate of isolated positions (one tier; BingX's first tiers for BTC and ETH are of this order). */
    static final BigDecimal MAINTENANCE_MARGIN_RATE = new BigDecimal("0.005");

    static final List<Contract> ALL = List.of(
            new Contract(
                    "BTC-USDT",
                    1,
                    4,
                    new BigDecimal("0.0001"),
                    new BigDecimal("2"),
                    "bitstamp_trades_from_20131125_usd.csv"),
            new Contract(
                    "ETH-USDT",
                    2,
                    2,
                    new BigDecimal("0.01"),
                    new BigDecimal("2"),
                    "ETH-USD-PT5M-2023-3-13_2023-3-15.json"));

    static Optional<Contract> find(String symbol) {
        return ALL.stream().filter(c -> c.symbol.equals(symbol)).findFirst();
    }

    /** Excess price precision is silently truncated, as BingX does. */
    BigDecimal truncatePrice(BigDecimal price) {
        return price.setScale(pricePrecision, RoundingMode.DOWN);
    }

    /** Excess quantity precision is silently truncated, as BingX does. */
    BigDecimal truncateQuantity(BigDecimal quantity) {
        return quantity.setScale(quantityPrecision, RoundingMode.DOWN);
    }

    /** Rounds a computed market price (replay path, rescaled loop) to the contract's tick. */
    BigDecimal roundPrice(BigDecimal price) {
        return price.setScale(pricePrecision, RoundingMode.HALF_UP);
    }
}
