package dev.trenddesk.simulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A simulated BingX account: credentials, wallet, settings, positions and every order it placed. */
final class Account {

    final String apiKey;
    final String secretKey;
    final Set<String> permissions;
    /** The key's IP whitelist as BingX shows it (addresses or CIDR ranges); empty: any IP. */
    final List<String> ipWhitelist;

    final int defaultLeverage;
    BigDecimal balance;
    BigDecimal realisedProfit = BigDecimal.ZERO;
    boolean hedgeMode;
    /** This account's place-order answer (admin API), or null for the simulator's configured one. */
    PlaceAnswer placeAnswer;
    /** Wall-clock instant at which cancelAllAfter cancels every open order; 0 when not armed. */
    long cancelAllAt;

    final Map<String, Integer> leverages = new HashMap<>();
    final Map<String, String> marginTypes = new HashMap<>();
    final Map<String, Position> positions = new LinkedHashMap<>();
    final List<Order> orders = new ArrayList<>();
    final Map<Long, Order> ordersById = new HashMap<>();
    final Map<String, Order> ordersByClientId = new HashMap<>();
    final List<Income> incomes = new ArrayList<>();
    /** Every execution, oldest first (allFillOrders). */
    final List<Fill> fills = new ArrayList<>();

    Account(
            String apiKey,
            String secretKey,
            BigDecimal balance,
            Set<String> permissions,
            List<String> ipWhitelist,
            boolean hedgeMode,
            int defaultLeverage) {
        this.apiKey = apiKey;
        this.secretKey = secretKey;
        this.balance = balance;
        this.permissions = Set.copyOf(permissions);
        this.ipWhitelist = List.copyOf(ipWhitelist);
        this.hedgeMode = hedgeMode;
        this.defaultLeverage = defaultLeverage;
    }

    boolean canTrade() {
        return permissions.contains("TRADE");
    }

    /**
     * The key's permissions as BingX numbers them in its API-key documents: 2 read, 3 perpetual
     * futures trading, 4 universal transfer, 5 withdraw; ascending.
     */
    List<Integer> permissionNumbers() {
        List<Integer> numbers = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : PERMISSION_NUMBERS.entrySet()) {
            if (permissions.contains(entry.getKey())) {
                numbers.add(entry.getValue());
            }
        }
        return numbers.stream().sorted().toList();
    }

    /** The permissions an account may have, with BingX's numbers. */
    static final Map<String, Integer> PERMISSION_NUMBERS = Map.of("READ", 2, "TRADE", 3, "TRANSFER", 4, "WITHDRAW", 5);

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

    /** Forgets closed orders, fills and income lines older than {@code before} (server time, epoch ms). */
    void forget(long before) {
        orders.removeIf(order -> {
            boolean old = !order.isOpen() && order.updateTime < before;
            if (old) {
                ordersById.remove(order.orderId);
                ordersByClientId.remove(order.clientOrderId, order);
            }
            return old;
        });
        incomes.removeIf(income -> income.time() < before);
        fills.removeIf(fill -> fill.time() < before);
    }

    SavedState.AccountState saved() {
        return new SavedState.AccountState(
                apiKey,
                secretKey,
                permissions.stream().sorted().toList(),
                ipWhitelist,
                defaultLeverage,
                balance,
                realisedProfit,
                hedgeMode,
                cancelAllAt,
                new TreeMap<>(leverages),
                new TreeMap<>(marginTypes),
                positions.values().stream().map(Position::saved).toList(),
                orders.stream().map(Order::saved).toList(),
                incomes.stream().map(Income::saved).toList(),
                fills.stream().map(Fill::saved).toList(),
                placeAnswer == null ? null : placeAnswer.name());
    }

    static Account restore(SavedState.AccountState saved) {
        Account account = new Account(
                saved.apiKey(),
                saved.secretKey(),
                saved.balance(),
                Set.copyOf(saved.permissions()),
                saved.ipWhitelist() == null ? List.of() : saved.ipWhitelist(),
                saved.hedgeMode(),
                saved.defaultLeverage());
        account.realisedProfit = saved.realisedProfit();
        account.cancelAllAt = saved.cancelAllAt();
        account.placeAnswer = saved.placeAnswer() == null ? null : PlaceAnswer.valueOf(saved.placeAnswer());
        account.leverages.putAll(saved.leverages());
        account.marginTypes.putAll(saved.marginTypes());
        for (SavedState.PositionState position : saved.positions()) {
            account.positions.put(positionKey(position.symbol(), position.positionSide()), Position.restore(position));
        }
        saved.orders().forEach(order -> account.add(Order.restore(order)));
        saved.incomes().forEach(income -> account.incomes.add(Income.restore(income)));
        if (saved.fills() != null) {
            saved.fills().forEach(fill -> account.fills.add(Fill.restore(fill)));
        }
        return account;
    }

    static String positionKey(String symbol, String positionSide) {
        return symbol + "/" + positionSide;
    }
}
