package dev.trenddesk.simulator;

/** What {@code POST /openApi/swap/v2/trade/order} answers. */
public enum PlaceAnswer {
    /**
     * As BingX: {@code data.order} echoes the request (symbol, orderId, side, positionSide, type,
     * clientOrderID / clientOrderId, quantity, price — 0 for MARKET —, stopPrice, ...) without status or
     * fill; a MARKET order (and a LIMIT order marketable when placed) fills {@code fillDelay} later, which
     * the user-data stream reports and queries show from then on. The default.
     */
    ACKNOWLEDGED,
    /**
     * The simulator's former answer: the order as it stands after placement — a MARKET order already
     * FILLED with avgPrice, executedQty, profit and commission. For tests and benchmarks that want the
     * fill in the answer; real BingX never promises it.
     */
    FILLED
}
