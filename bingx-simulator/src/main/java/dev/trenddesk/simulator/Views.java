package dev.trenddesk.simulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON shapes (as maps) of orders, positions, income and candles, shared by REST and WebSocket. */
final class Views {

    private Views() {}

    /** Decimals travel as strings, as BingX sends them. */
    static String decimal(BigDecimal value) {
        return value == null ? "0" : value.stripTrailingZeros().toPlainString();
    }

    static Map<String, Object> order(Order order) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("symbol", order.symbol);
        view.put("orderId", order.orderId);
        view.put("side", order.side);
        view.put("positionSide", order.positionSide);
        view.put("type", order.type);
        view.put("origQty", decimal(order.quantity));
        view.put("quantity", decimal(order.quantity));
        view.put("price", decimal(order.price));
        view.put("executedQty", decimal(order.executedQty));
        view.put("avgPrice", decimal(order.avgPrice));
        view.put("cumQuote", decimal(order.executedQty.multiply(order.avgPrice)));
        view.put("stopPrice", decimal(order.stopPrice));
        view.put("profit", decimal(order.profit));
        view.put("commission", decimal(order.commission));
        view.put("status", order.status);
        view.put("time", order.time);
        view.put("updateTime", order.updateTime);
        view.put("clientOrderId", order.clientOrderId);
        view.put("leverage", order.leverage + "X");
        view.put("workingType", order.workingType);
        view.put("timeInForce", order.timeInForce);
        view.put("reduceOnly", order.reduceOnly);
        view.put("stopLoss", attached(order.stopLoss));
        view.put("takeProfit", attached(order.takeProfit));
        return view;
    }

    /**
     * The place-order answer of {@link PlaceAnswer#FILLED}: the order as it stands after placement, with
     * {@code clientOrderID} as BingX spells it in place answers besides {@code clientOrderId}.
     */
    static Map<String, Object> placed(Order order) {
        Map<String, Object> view = order(order);
        view.put("clientOrderID", order.clientOrderId);
        return view;
    }

    /**
     * BingX's place-order acknowledgement: the request echoed — numbers as numbers, {@code price} 0 for
     * orders without a limit price, {@code clientOrderID} (and {@code clientOrderId}) —, no status and no
     * fill (executedQty, avgPrice, commission, profit): the fill comes later by the user-data stream or a
     * query.
     */
    static Map<String, Object> acknowledgement(Order order) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("orderId", order.orderId);
        view.put("symbol", order.symbol);
        view.put("positionSide", order.positionSide);
        view.put("side", order.side);
        view.put("type", order.type);
        view.put("price", number(order.price));
        view.put("quantity", number(order.quantity));
        view.put("stopPrice", number(order.stopPrice));
        view.put("workingType", order.workingType);
        view.put("clientOrderID", order.clientOrderId);
        view.put("clientOrderId", order.clientOrderId);
        view.put("timeInForce", order.timeInForce);
        view.put("reduceOnly", order.reduceOnly);
        view.put("stopLoss", attached(order.stopLoss));
        view.put("takeProfit", attached(order.takeProfit));
        return view;
    }

    private static BigDecimal number(BigDecimal value) {
        return new BigDecimal(decimal(value));
    }

    private static Object attached(Order.Attached attached) {
        if (attached == null) {
            return "";
        }
        return Map.of("type", attached.type(), "stopPrice", decimal(attached.stopPrice()));
    }

    static Map<String, Object> income(Income income) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("symbol", income.symbol());
        view.put("incomeType", income.incomeType());
        view.put("income", decimal(income.income()));
        view.put("asset", "USDT");
        view.put("info", income.info());
        view.put("time", income.time());
        view.put("tranId", String.valueOf(income.tranId()));
        view.put("tradeId", String.valueOf(income.tradeId()));
        return view;
    }

    private static final java.time.format.DateTimeFormatter FILLED_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final java.time.ZoneOffset BINGX_OFFSET = java.time.ZoneOffset.ofHours(8);

    /**
     * One row of allFillOrders, with BingX's field names: {@code filledTm} UTC to the second,
     * {@code filledTime} the same instant at +0800 with milliseconds, {@code volume} the quantity,
     * {@code amount} its value, {@code commission} negative. {@code realizedPnl} is not in BingX's
     * USDT-M documentation (its coin-M fills carry it); clients should not depend on it.
     */
    static Map<String, Object> fill(Fill fill) {
        java.time.Instant at = java.time.Instant.ofEpochMilli(fill.time());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put(
                "filledTm",
                at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        view.put("volume", decimal(fill.quantity()));
        view.put("price", decimal(fill.price()));
        view.put("amount", decimal(fill.price().multiply(fill.quantity())));
        view.put("commission", decimal(fill.commission()));
        view.put("currency", "USDT");
        view.put("orderId", String.valueOf(fill.orderId()));
        // a liquidation's fill carries the price it was liquidated at (BingX: only liquidation orders have it)
        view.put("liquidatedPrice", Order.LIQUIDATION.equals(fill.type()) ? decimal(fill.price()) : "");
        view.put("liquidatedMarginRatio", "");
        view.put("filledTime", FILLED_TIME.format(at.atOffset(BINGX_OFFSET)));
        view.put("clientOrderId", fill.clientOrderId());
        view.put("clientOrderID", fill.clientOrderId());
        view.put("symbol", fill.symbol());
        view.put("workingType", fill.workingType());
        view.put("side", fill.side());
        view.put("type", fill.type());
        view.put("positionSide", fill.positionSide());
        view.put("onlyOnePosition", "BOTH".equals(fill.positionSide()));
        view.put("realizedPnl", decimal(fill.realisedPnl()));
        return view;
    }

    /** A REST kline row: {open, close, high, low, volume, time}. */
    static Map<String, Object> klineRow(Candle candle) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("open", decimal(candle.open()));
        view.put("close", decimal(candle.close()));
        view.put("high", decimal(candle.high()));
        view.put("low", decimal(candle.low()));
        view.put("volume", decimal(candle.volume()));
        view.put("time", candle.openTime());
        return view;
    }

    /** A REST order book: {T, bids, asks, bidsCoin, asksCoin}, quantities in coin on both forms. */
    static Map<String, Object> depth(MarketData.Book book) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("T", book.time());
        view.put("bids", levels(book.bids(), false));
        view.put("asks", levels(book.asks(), true));
        view.put("bidsCoin", levels(book.bids(), false));
        view.put("asksCoin", levels(book.asks(), true));
        return view;
    }

    /** The book inside a WebSocket depth push: {bids, asks}. */
    static Map<String, Object> depthPush(MarketData.Book book) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("bids", levels(book.bids(), false));
        view.put("asks", levels(book.asks(), true));
        return view;
    }

    /** Bids best first; asks, as BingX lists them, farthest first (descending price). */
    private static List<List<String>> levels(List<BigDecimal[]> levels, boolean descending) {
        List<List<String>> rows = new ArrayList<>(levels.size());
        for (BigDecimal[] level : levels) {
            rows.add(List.of(level[0].toPlainString(), level[1].toPlainString()));
        }
        if (descending) {
            Collections.reverse(rows);
        }
        return rows;
    }

    /** A REST recent trade: {id, time, isBuyerMaker, price, qty, quoteQty}. */
    static Map<String, Object> trade(MarketData.Trade trade) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", String.valueOf(trade.id()));
        view.put("time", trade.time());
        view.put("isBuyerMaker", trade.buyerMaker());
        view.put("price", decimal(trade.price()));
        view.put("qty", decimal(trade.qty()));
        view.put("quoteQty", decimal(trade.quoteQty()));
        return view;
    }

    /** A trade inside a WebSocket trade push: {q, p, T, m, s}. */
    static Map<String, Object> tradePush(String symbol, MarketData.Trade trade) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("q", decimal(trade.qty()));
        view.put("p", decimal(trade.price()));
        view.put("T", trade.time());
        view.put("m", trade.buyerMaker());
        view.put("s", symbol);
        return view;
    }

    /** The 24-hour ticker inside a WebSocket ticker push (BingX's one-letter names). */
    static Map<String, Object> tickerPush(Map<String, Object> ticker, long eventTime) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("e", "24hTicker");
        view.put("E", eventTime);
        view.put("s", ticker.get("symbol"));
        view.put("p", ticker.get("priceChange"));
        view.put("P", ticker.get("priceChangePercent"));
        view.put("c", ticker.get("lastPrice"));
        view.put("L", ticker.get("lastQty"));
        view.put("h", ticker.get("highPrice"));
        view.put("l", ticker.get("lowPrice"));
        view.put("v", ticker.get("volume"));
        view.put("q", ticker.get("quoteVolume"));
        view.put("o", ticker.get("openPrice"));
        view.put("O", ticker.get("openTime"));
        view.put("C", ticker.get("closeTime"));
        view.put("A", ticker.get("askPrice"));
        view.put("a", ticker.get("askQty"));
        view.put("B", ticker.get("bidPrice"));
        view.put("b", ticker.get("bidQty"));
        return view;
    }

    /** The candle inside a WebSocket kline push: {o, c, h, l, v, T}. */
    static Map<String, Object> klinePush(Candle candle) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("o", decimal(candle.open()));
        view.put("c", decimal(candle.close()));
        view.put("h", decimal(candle.high()));
        view.put("l", decimal(candle.low()));
        view.put("v", decimal(candle.volume()));
        view.put("T", candle.openTime());
        return view;
    }

    /**
     * ORDER_TRADE_UPDATE. The WebSocket spells the cancelled status "CANCELED" (REST says "CANCELLED"),
     * as BingX does, so clients meet both spellings.
     */
    static Map<String, Object> orderTradeUpdate(
            Order order, String executionType, BigDecimal fee, BigDecimal realisedProfit, long eventTime) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("s", order.symbol);
        o.put("c", order.clientOrderId);
        o.put("i", order.orderId);
        o.put("S", order.side);
        o.put("o", order.type);
        o.put("q", decimal(order.quantity));
        // a filled order without a limit price (MARKET, STOP_MARKET, ...) reports its fill price, as BingX does
        boolean filledAtMarket = order.price == null && order.executedQty.signum() > 0;
        o.put("p", decimal(filledAtMarket ? order.avgPrice : order.price));
        o.put("sp", decimal(order.stopPrice));
        o.put("ap", decimal(order.avgPrice));
        o.put("x", executionType);
        o.put("X", Order.CANCELLED.equals(order.status) ? "CANCELED" : order.status);
        o.put("N", "USDT");
        o.put("n", decimal(fee.negate()));
        o.put("T", order.updateTime);
        o.put("wt", order.workingType);
        o.put("ps", order.positionSide);
        o.put("rp", decimal(realisedProfit));
        o.put("z", decimal(order.executedQty));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("e", "ORDER_TRADE_UPDATE");
        event.put("E", eventTime);
        event.put("o", o);
        return event;
    }
}
