package dev.trenddesk.simulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON shapes (as maps) of an account that need its margin figures: balance (v2 and v3), positions,
 * API-key permissions and the admin view. Shapes of single orders, fills, income lines and market data
 * are {@link Views}'. Reads the books, never changes them; called under the exchange's lock (see
 * {@link Books}).
 */
final class AccountViews {

    private final Books books;
    private final Margin margin;

    AccountViews(Books books, Margin margin) {
        this.books = books;
        this.margin = margin;
    }

    /** {@code GET /openApi/v1/account/apiPermissions}: the key's permissions (BingX's numbers) and IP whitelist. */
    Map<String, Object> apiPermissions(Account account) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("apiKey", account.apiKey);
        view.put("permissions", account.permissionNumbers());
        view.put("ipAddresses", account.ipWhitelist);
        view.put("note", "");
        return view;
    }

    /** The admin view of an account: balances, positions, open orders and every order ever placed. */
    Map<String, Object> adminView(Account account, PlaceAnswer placeAnswer) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("apiKey", account.apiKey);
        view.put("balance", Views.decimal(account.balance));
        view.put("equity", Views.decimal(margin.equity(account)));
        view.put("positionMode", account.hedgeMode ? "HEDGE" : "ONE_WAY");
        view.put("placeAnswer", placeAnswer.name());
        view.put("permissions", account.permissions.stream().sorted().toList());
        view.put("ipWhitelist", account.ipWhitelist);
        view.put("positions", positions(account, null));
        view.put("openOrders", account.openOrders().stream().map(Views::order).toList());
        view.put("orders", account.orders.stream().map(Views::order).toList());
        view.put("incomes", account.incomes.stream().map(Views::income).toList());
        view.put("fills", account.fills.stream().map(Views::fill).toList());
        return view;
    }

    Map<String, Object> balance(Account account) {
        BigDecimal unrealised = margin.unrealised(account);
        BigDecimal used = margin.usedMargin(account);
        BigDecimal frozen = margin.frozenMargin(account, null);
        Map<String, Object> balance = new LinkedHashMap<>();
        balance.put("userId", account.apiKey.hashCode() & Integer.MAX_VALUE);
        balance.put("asset", "USDT");
        balance.put("balance", Views.decimal(account.balance));
        balance.put("equity", Views.decimal(account.balance.add(unrealised)));
        balance.put("unrealizedProfit", Views.decimal(unrealised));
        balance.put("realisedProfit", Views.decimal(account.realisedProfit));
        balance.put(
                "availableMargin", Views.decimal(margin.available(account, null).max(BigDecimal.ZERO)));
        balance.put("usedMargin", Views.decimal(used));
        balance.put("freezedMargin", Views.decimal(frozen));
        return Map.of("balance", balance);
    }

    /**
     * {@code GET /openApi/swap/v3/user/balance}: an array of the perpetual account's assets, each with the
     * v2 balance's fields. USDT carries the books; USDC is listed empty (no USDC contract is simulated).
     */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> balancesV3(Account account) {
        Map<String, Object> usdt =
                new LinkedHashMap<>((Map<String, Object>) balance(account).get("balance"));
        usdt.put("shortUid", String.valueOf(usdt.get("userId")));
        Map<String, Object> usdc = new LinkedHashMap<>(usdt);
        usdc.put("asset", "USDC");
        for (String field : List.of(
                "balance",
                "equity",
                "unrealizedProfit",
                "realisedProfit",
                "availableMargin",
                "usedMargin",
                "freezedMargin")) {
            usdc.put(field, "0");
        }
        return List.of(usdt, usdc);
    }

    /** The account's positions (of one symbol when not null). */
    List<Map<String, Object>> positions(Account account, String symbol) {
        List<Map<String, Object>> views = new ArrayList<>();
        for (Position position : account.positions.values()) {
            if (symbol == null || symbol.equals(position.symbol)) {
                views.add(positionView(account, position));
            }
        }
        return views;
    }

    private Map<String, Object> positionView(Account account, Position position) {
        BigDecimal mark = books.replay(position.symbol).price();
        int leverage = account.leverage(position.symbol, position.direction());
        BigDecimal lockedByCloses = account.openOrders().stream()
                .filter(o -> o.restsAsLimit() && o.symbol.equals(position.symbol) && o.closes(position))
                .map(o -> o.quantity)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal liquidation = margin.liquidationPrice(account, position);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("symbol", position.symbol);
        view.put("positionId", String.valueOf(position.positionId));
        view.put("positionSide", position.direction());
        view.put("isolated", "ISOLATED".equals(account.marginType(position.symbol)));
        view.put("positionAmt", Views.decimal(position.quantity));
        view.put(
                "availableAmt",
                Views.decimal(position.quantity.subtract(lockedByCloses).max(BigDecimal.ZERO)));
        view.put("unrealizedProfit", Views.decimal(position.unrealisedProfit(mark)));
        view.put("realisedProfit", Views.decimal(position.realisedProfit));
        view.put("initialMargin", Views.decimal(position.initialMargin(leverage)));
        view.put("avgPrice", Views.decimal(position.avgPrice));
        view.put("leverage", leverage);
        view.put("liquidationPrice", Views.decimal(liquidation));
        view.put("markPrice", Views.decimal(mark));
        view.put("positionValue", Views.decimal(position.quantity.multiply(mark)));
        view.put("onlyOnePosition", !account.hedgeMode);
        return view;
    }
}
