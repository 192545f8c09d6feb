package dev.trenddesk.simulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A simulated BingX account: credentials, wallet, settings, positions and every order it placed. */
final class Account {

    final String apiKey;
    final String secretKey;
    final Set<String> permissions;
    final int defaultLeverage;
    BigDecimal balance;
    BigDecimal realisedProfit = BigDecimal.ZERO;
    boolean hedgeMode;
    /** Wall-clock instant at which cancelAllAfter cancels every open order; 0 when not armed. */
    long cancelAllAt;

    final Map<String, Integer> leverages = new HashMap<>();
    final Map<String, String> marginTypes = new HashMap<>();
    final Map<String, Position> positions = new LinkedHashMap<>();
    final List<Order> orders = new ArrayList<>();
    final Map<Long, Order> ordersById = new HashMap<>();
    final Map<String, Order> ordersByClientId = new HashMap<>();
    final List<Income> incomes = new ArrayList<>();

    Account(String apiKey, String secretKey, BigDecimal balance, Set<String> permissions, boolean hedgeMode,
            int defaultLeverage) {
        this.apiKey = apiKey;
        this.secretKey = secretKey;
        this.balance = balance;
        this.permissions = Set.copyOf(permissions);
        this.hedgeMode = hedgeMode;
        this.defaultLeverage = defaultLeverage;
    }

    boolean canTrade() {
        return permissions.contains("TRADE");
    }

    /** Leverage of one side (LONG or SHORT) of a symbol. */
    int leverage(String symbol, String direction) {
        return leverages.getOrDefault(symbol + "/" + direction, defaultLeverage);
    }

    String marginType(String symbol) {
        return marginTypes.getOrDefault(symbol, "CROSSED");
    }

    void add(Order order) {
        orders.add(order);
        ordersById.put(order.orderId, order);
        if (!order.clientOrderId.isEmpty()) {
            ordersByClientId.put(order.clientOrderId, order);
        }
    }

    List<Order> openOrders() {
        return orders.stream().filter(Order::isOpen).toList();
    }

    static String positionKey(String symbol, String positionSide) {
        return symbol + "/" + positionSide;
    }
}
