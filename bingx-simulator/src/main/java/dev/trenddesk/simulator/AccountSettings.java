package dev.trenddesk.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An account's trading settings as BingX reads and changes them: leverage per symbol and side, margin
 * type per symbol, position mode (one-way or hedge), and the cancel-all-after countdown. Called under the
 * exchange's lock only (see {@link Books}); each change marks the books changed.
 */
final class AccountSettings {

    private final Books books;

    AccountSettings(Books books) {
        this.books = books;
    }

    Map<String, Object> leverage(Account account, String symbol) {
        books.replay(symbol);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("longLeverage", account.leverage(symbol, "LONG"));
        data.put("shortLeverage", account.leverage(symbol, "SHORT"));
        data.put("maxLongLeverage", Contract.MAX_LEVERAGE);
        data.put("maxShortLeverage", Contract.MAX_LEVERAGE);
        return data;
    }

    Map<String, Object> setLeverage(Account account, Params params) {
        String symbol = params.required("symbol");
        books.replay(symbol);
        String side = params.required("side").toUpperCase();
        int leverage = params.longValue("leverage")
                .map(Long::intValue)
                .orElseThrow(() -> BingxException.invalid("leverage is required"));
        if (account.hedgeMode && !side.equals("LONG") && !side.equals("SHORT")) {
            throw BingxException.invalid("side must be LONG or SHORT in hedge mode");
        }
        if (!account.hedgeMode && !side.equals("BOTH")) {
            throw new BingxException(
                    BingxException.BAD_SYMBOL,
                    "In the One-way mode, the 'PositionSide' field can only be set to BOTH.");
        }
        if (leverage < 1) {
            throw BingxException.invalid("leverage must be at least 1");
        }
        if (leverage > Contract.MAX_LEVERAGE) {
            throw new BingxException(
                    BingxException.LEVERAGE_ABOVE_MAX, "leverage above the maximum " + Contract.MAX_LEVERAGE);
        }
        for (String direction : side.equals("BOTH") ? List.of("LONG", "SHORT") : List.of(side)) {
            account.leverages.put(symbol + "/" + direction, leverage);
        }
        books.changed();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("leverage", leverage);
        data.put("symbol", symbol);
        return data;
    }

    Map<String, Object> marginType(Account account, String symbol) {
        books.replay(symbol);
        return Map.of("marginType", account.marginType(symbol));
    }

    Map<String, Object> setMarginType(Account account, Params params) {
        String symbol = params.required("symbol");
        books.replay(symbol);
        String marginType = params.required("marginType").toUpperCase();
        if (!marginType.equals("ISOLATED") && !marginType.equals("CROSSED")) {
            throw BingxException.invalid("marginType must be ISOLATED or CROSSED");
        }
        account.marginTypes.put(symbol, marginType);
        books.changed();
        return Map.of("symbol", symbol, "marginType", marginType);
    }

    Map<String, Object> positionMode(Account account) {
        return Map.of("dualSidePosition", String.valueOf(account.hedgeMode));
    }

    Map<String, Object> setPositionMode(Account account, Params params) {
        boolean hedge = params.bool("dualSidePosition")
                .orElseThrow(() -> BingxException.invalid("dualSidePosition is required"));
        if (hedge != account.hedgeMode
                && (!account.positions.isEmpty() || !account.openOrders().isEmpty())) {
            throw new BingxException(
                    BingxException.POSITION_MODE_CONFLICT,
                    "position mode cannot be changed while orders or positions are open");
        }
        account.hedgeMode = hedge;
        books.changed();
        return positionMode(account);
    }

    /** Arms (ACTIVATE, timeOut in seconds) or disarms (CLOSE) the dead-man switch. */
    Map<String, Object> cancelAllAfter(Account account, Params params) {
        String type = params.required("type").toUpperCase();
        Map<String, Object> data = new LinkedHashMap<>();
        switch (type) {
            case "ACTIVATE" -> {
                long seconds =
                        params.longValue("timeOut").orElseThrow(() -> BingxException.invalid("timeOut is required"));
                if (seconds < 10 || seconds > 120) {
                    throw BingxException.invalid("timeOut must be between 10 and 120 seconds");
                }
                account.cancelAllAt = books.serverNow() + seconds * 1000;
                books.changed();
                data.put("triggerTime", account.cancelAllAt);
                data.put("status", "ACTIVATED");
                data.put("note", "all open orders are cancelled at triggerTime unless extended or closed");
            }
            case "CLOSE" -> {
                account.cancelAllAt = 0;
                books.changed();
                data.put("triggerTime", 0);
                data.put("status", "CLOSED");
                data.put("note", "the countdown is closed");
            }
            default -> throw BingxException.invalid("type must be ACTIVATE or CLOSE");
        }
        return data;
    }
}
