package dev.trenddesk.strategy.exchange;

/**
 * The platform's order-type names, which an adapter maps its exchange's types to (they are recorded in
 * {@code ExchangeFillRecorded} and decide a fill's exit reason): a market order, a stop-loss, a take-profit,
 * a liquidation.
 */
public final class OrderTypes {

    public static final String MARKET = "MARKET";
    public static final String LIMIT = "LIMIT";
    public static final String STOP_MARKET = "STOP_MARKET";
    public static final String STOP = "STOP";
    public static final String TAKE_PROFIT_MARKET = "TAKE_PROFIT_MARKET";
    public static final String TAKE_PROFIT = "TAKE_PROFIT";
    public static final String LIQUIDATION = "LIQUIDATION";

    private OrderTypes() {}
}
