package dev.trenddesk.simulator;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The account's queries: one order (by id or client id), open orders, order history, fills and income,
 * with BingX's parameters, defaults, limits and time windows. Reads the books, never changes them; called
 * under the exchange's lock (see {@link Books}).
 */
final class AccountHistory {

    /** BingX's history window: default query range, and how long closed orders, fills and income are kept. */
    static final long SEVEN_DAYS_MILLIS = 7 * 24 * 3_600_000L;

    private static final int DEFAULT_HISTORY_LIMIT = 500;
    private static final int MAX_HISTORY_LIMIT = 1000;

    private final Books books;

    AccountHistory(Books books) {
        this.books = books;
    }

    /** The order named by orderId or clientOrderId (either spelling) of the given symbol, else {@link BingxException#ORDER_NOT_FOUND}. */
    Order findOrder(Account account, Params params) {
        String symbol = params.required("symbol");
        books.replay(symbol);
        Optional<Long> orderId = params.longValue("orderId");
        Optional<String> clientOrderId = OrderValidation.clientOrderId(params);
        if (orderId.isEmpty() && clientOrderId.isEmpty()) {
            throw BingxException.invalid("orderId or clientOrderId is required");
        }
        Order order = orderId.isPresent()
                ? account.ordersById.get(orderId.get())
                : account.ordersByClientId.get(clientOrderId.get());
        if (order == null || !order.symbol.equals(symbol)) {
            throw new BingxException(BingxException.ORDER_NOT_FOUND, "order not exist");
        }
        return order;
    }

    Map<String, Object> openOrders(Account account, Params params) {
        Optional<String> symbol = params.optional("symbol");
        symbol.ifPresent(books::replay);
        return Map.of(
                "orders",
                account.openOrders().stream()
                        .filter(o -> symbol.map(o.symbol::equals).orElse(true))
                        .map(Views::order)
                        .toList());
    }

    /**
     * {@code GET /openApi/swap/v2/trade/allOrders} ({@code withOpen} false: finished orders only, a
     * startTime–endTime range of at most 7 days, by default the last 7 days) and
     * {@code GET /openApi/swap/v1/trade/fullOrder} ({@code withOpen} true: open orders too, any range).
     * Optional symbol (all symbols without), orderId (that order and later ones), limit 1–1000 (default
     * 500: the latest ones, or the first ones from orderId on). Oldest first. Times are creation times.
     */
    Map<String, Object> orderHistory(Account account, Params params, boolean withOpen) {
        Optional<String> symbol = params.optional("symbol");
        symbol.ifPresent(books::replay);
        int limit = params.longValue("limit").map(Long::intValue).orElse(DEFAULT_HISTORY_LIMIT);
        if (limit < 1 || limit > MAX_HISTORY_LIMIT) {
            throw BingxException.invalid("limit must be between 1 and " + MAX_HISTORY_LIMIT);
        }
        Optional<Long> fromOrderId = params.longValue("orderId");
        Optional<Long> startTime = params.longValue("startTime");
        Optional<Long> endTime = params.longValue("endTime");
        long end;
        long start;
        if (withOpen) {
            end = endTime.orElse(Long.MAX_VALUE);
            start = startTime.orElse(0L);
        } else {
            end = endTime.orElse(Math.max(books.now(), startTime.orElse(0L)));
            start = startTime.orElse(end - SEVEN_DAYS_MILLIS);
            if (end - start > SEVEN_DAYS_MILLIS) {
                throw BingxException.invalid("the query range is more than seven days");
            }
        }
        if (start > end) {
            throw BingxException.invalid("startTime must not be after endTime");
        }
        List<Order> matching = account.orders.stream()
                .filter(o -> withOpen || !o.isOpen())
                .filter(o -> symbol.map(o.symbol::equals).orElse(true))
                .filter(o -> fromOrderId.map(id -> o.orderId >= id).orElse(true))
                .filter(o -> o.time >= start && o.time <= end)
                .sorted(Comparator.comparingLong(o -> o.orderId))
                .toList();
        List<Order> page = fromOrderId.isPresent()
                ? matching.subList(0, Math.min(limit, matching.size()))
                : matching.subList(Math.max(0, matching.size() - limit), matching.size());
        return Map.of("orders", page.stream().map(Views::order).toList());
    }

    /**
     * {@code GET /openApi/swap/v2/trade/allFillOrders}: the account's executions between startTs and endTs
     * (both required), optionally of one symbol or one orderId. tradingUnit (required) COIN or CONT: one
     * contract is one coin here, so both give the same volumes. currency USDT (default) or USDC (none).
     */
    Map<String, Object> fillHistory(Account account, Params params) {
        String unit = params.required("tradingUnit").toUpperCase();
        if (!unit.equals("COIN") && !unit.equals("CONT")) {
            throw BingxException.invalid("tradingUnit must be COIN or CONT");
        }
        long start = params.longValue("startTs").orElseThrow(() -> BingxException.invalid("startTs is required"));
        long end = params.longValue("endTs").orElseThrow(() -> BingxException.invalid("endTs is required"));
        if (start > end) {
            throw BingxException.invalid("startTs must not be after endTs");
        }
        Optional<String> symbol = params.optional("symbol");
        symbol.ifPresent(books::replay);
        String currency = params.optional("currency").map(String::toUpperCase).orElse("USDT");
        if (!currency.equals("USDT") && !currency.equals("USDC")) {
            throw BingxException.invalid("currency must be USDT or USDC");
        }
        Optional<Long> orderId = params.longValue("orderId");
        List<Map<String, Object>> fills = account.fills.stream()
                .filter(f -> currency.equals("USDT"))
                .filter(f -> f.time() >= start && f.time() <= end)
                .filter(f -> symbol.map(f.symbol()::equals).orElse(true))
                .filter(f -> orderId.map(id -> f.orderId() == id).orElse(true))
                .map(Views::fill)
                .toList();
        return Map.of("fill_orders", fills);
    }

    /** {@code GET /openApi/swap/v2/user/income}: income lines of a time range (default the last 7 days), limit 1–1000. */
    List<Map<String, Object>> income(Account account, Params params) {
        long end = params.longValue("endTime").orElse(books.now());
        long start = params.longValue("startTime").orElse(end - SEVEN_DAYS_MILLIS);
        int limit = params.longValue("limit").map(Long::intValue).orElse(100);
        if (limit < 1 || limit > 1000) {
            throw BingxException.invalid("limit must be between 1 and 1000");
        }
        Optional<String> symbol = params.optional("symbol");
        Optional<String> type = params.optional("incomeType");
        return account.incomes.stream()
                .filter(i -> i.time() >= start && i.time() <= end)
                .filter(i -> symbol.map(i.symbol()::equals).orElse(true))
                .filter(i -> type.map(i.incomeType()::equals).orElse(true))
                .limit(limit)
                .map(Views::income)
                .toList();
    }
}
