package dev.trenddesk.bingx;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.trenddesk.bingx.model.ApiPermission;
import dev.trenddesk.bingx.model.ApiPermissions;
import dev.trenddesk.bingx.model.Balance;
import dev.trenddesk.bingx.model.BatchResult;
import dev.trenddesk.bingx.model.Candle;
import dev.trenddesk.bingx.model.Contract;
import dev.trenddesk.bingx.model.Income;
import dev.trenddesk.bingx.model.Leverage;
import dev.trenddesk.bingx.model.Order;
import dev.trenddesk.bingx.model.OrderSide;
import dev.trenddesk.bingx.model.OrderStatus;
import dev.trenddesk.bingx.model.Position;
import dev.trenddesk.bingx.model.PositionSide;
import dev.trenddesk.bingx.model.UserDataEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads BingX's JSON into the client's records. Tolerant as BingX requires: decimals may be strings
 * or numbers (always read exactly into BigDecimal), ids may be strings or numbers, missing fields
 * become null (decimals), 0 (integers) or false.
 */
final class BingxJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private BingxJson() {}

    static JsonNode readTree(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    static BigDecimal dec(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        String text = v.asText().trim();
        return text.isEmpty() ? null : new BigDecimal(text);
    }

    static String str(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static long lng(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return 0L;
        }
        return v.isNumber() ? v.longValue() : new BigDecimal(v.asText().trim()).longValueExact();
    }

    static int integer(JsonNode node, String field) {
        return Math.toIntExact(lng(node, field));
    }

    static boolean bool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && (v.isBoolean() ? v.booleanValue() : "true".equalsIgnoreCase(v.asText()));
    }

    static Instant instant(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : Instant.ofEpochMilli(lng(node, field));
    }

    static <T> List<T> list(JsonNode array, Function<JsonNode, T> mapper) {
        List<T> out = new ArrayList<>();
        if (array == null || array.isNull()) {
            return out;
        }
        if (array.isArray()) {
            array.forEach(n -> out.add(mapper.apply(n)));
        } else {
            out.add(mapper.apply(array));
        }
        return out;
    }

    static PositionSide positionSide(String value) {
        return value == null || value.isBlank()
                ? null
                : PositionSide.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    static OrderSide side(String value) {
        return value == null || value.isBlank()
                ? null
                : OrderSide.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    static Contract contract(JsonNode n) {
        return new Contract(
                str(n, "symbol"),
                integer(n, "pricePrecision"),
                integer(n, "quantityPrecision"),
                dec(n, "tradeMinQuantity"),
                dec(n, "tradeMinUSDT"),
                dec(n, "takerFeeRate"),
                dec(n, "makerFeeRate"),
                integer(n, "status"));
    }

    static Candle restCandle(String symbol, String interval, JsonNode n) {
        return new Candle(
                symbol,
                interval,
                instant(n, "time"),
                dec(n, "open"),
                dec(n, "high"),
                dec(n, "low"),
                dec(n, "close"),
                dec(n, "volume"));
    }

    static Candle wsCandle(String symbol, String interval, JsonNode n) {
        return new Candle(
                symbol, interval, instant(n, "T"), dec(n, "o"), dec(n, "h"), dec(n, "l"), dec(n, "c"), dec(n, "v"));
    }

    static Balance balance(JsonNode data) {
        JsonNode b = data.has("balance") ? data.get("balance") : data;
        if (b.isArray()) {
            b = b.get(0);
        }
        return new Balance(
                str(b, "asset"),
                dec(b, "balance"),
                dec(b, "equity"),
                dec(b, "unrealizedProfit"),
                dec(b, "realisedProfit"),
                dec(b, "availableMargin"),
                dec(b, "usedMargin"),
                dec(b, "freezedMargin"));
    }

    /**
     * The apiPermissions answer, parsed tolerantly (BingX does not document its field names
     * precisely): the permission list under {@code permissions}, {@code permission} or
     * {@code apiPermissions} (or {@code data} itself) as an array or comma-separated string of
     * numbers or names; the IP whitelist under {@code ipAddresses}, {@code ipWhiteList},
     * {@code ipWhitelist}, {@code ipList} or {@code ips}. No permission list at all is an error.
     */
    static ApiPermissions apiPermissions(JsonNode data) {
        JsonNode list = data.isArray() ? data : first(data, "permissions", "permission", "apiPermissions", "perms");
        if (list == null) {
            throw new IllegalStateException("no permissions in BingX's apiPermissions answer");
        }
        Set<ApiPermission> permissions = EnumSet.noneOf(ApiPermission.class);
        List<String> unrecognised = new ArrayList<>();
        for (String entry : texts(list)) {
            ApiPermission.parse(entry).ifPresentOrElse(permissions::add, () -> unrecognised.add(entry));
        }
        JsonNode ips =
                data.isArray() ? null : first(data, "ipAddresses", "ipWhiteList", "ipWhitelist", "ipList", "ips");
        return new ApiPermissions(permissions, ips == null ? List.of() : texts(ips), unrecognised);
    }

    private static JsonNode first(JsonNode node, String... fields) {
        for (String field : fields) {
            JsonNode v = node.get(field);
            if (v != null && !v.isNull()) {
                return v;
            }
        }
        return null;
    }

    /** An array's members, or a comma-separated string's parts, trimmed, blanks dropped. */
    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(member -> texts.add(member.asText().trim()));
        } else {
            for (String part : node.asText().split(",")) {
                texts.add(part.trim());
            }
        }
        texts.removeIf(String::isEmpty);
        return texts;
    }

    static Position position(JsonNode n) {
        return new Position(
                str(n, "positionId"),
                str(n, "symbol"),
                positionSide(str(n, "positionSide")),
                bool(n, "isolated"),
                dec(n, "positionAmt"),
                dec(n, "availableAmt"),
                dec(n, "avgPrice"),
                dec(n, "initialMargin"),
                integer(n, "leverage"),
                dec(n, "unrealizedProfit"),
                dec(n, "realisedProfit"),
                dec(n, "liquidationPrice"),
                dec(n, "markPrice"));
    }

    static Income income(JsonNode n) {
        return new Income(
                str(n, "symbol"),
                str(n, "incomeType"),
                dec(n, "income"),
                str(n, "asset"),
                str(n, "info"),
                instant(n, "time"),
                str(n, "tranId"),
                str(n, "tradeId"));
    }

    /**
     * An order from {@code data.order} or {@code data} itself. A place-order answer is an acknowledgement:
     * without status (UNKNOWN) or fill fields (null), {@code price} 0 for MARKET, and the client id spelled
     * {@code clientOrderID} (queries spell it {@code clientOrderId}; the first non-empty one is taken).
     */
    static Order order(JsonNode data) {
        JsonNode n = data.has("order") ? data.get("order") : data;
        String clientOrderId = str(n, "clientOrderId");
        if (clientOrderId == null || clientOrderId.isEmpty()) {
            String upper = str(n, "clientOrderID");
            clientOrderId = upper != null && !upper.isEmpty() ? upper : clientOrderId;
        }
        return new Order(
                str(n, "symbol"),
                lng(n, "orderId"),
                clientOrderId,
                side(str(n, "side")),
                positionSide(str(n, "positionSide")),
                str(n, "type"),
                OrderStatus.parse(str(n, "status")),
                dec(n, "price"),
                dec(n, "origQty"),
                dec(n, "executedQty"),
                dec(n, "avgPrice"),
                dec(n, "stopPrice"),
                dec(n, "profit"),
                dec(n, "commission"),
                instant(n, "time"),
                instant(n, "updateTime"));
    }

    static List<Order> orders(JsonNode data) {
        return list(data.has("orders") ? data.get("orders") : data, BingxJson::order);
    }

    static Leverage leverage(String symbol, JsonNode n) {
        return new Leverage(
                symbol,
                integer(n, "longLeverage"),
                integer(n, "shortLeverage"),
                integer(n, "maxLongLeverage"),
                integer(n, "maxShortLeverage"));
    }

    /** {@code {"success":[...],"failed":[...]}}; entries may be ids or objects with orderId / positionId. */
    static BatchResult batch(JsonNode data) {
        if (data == null || data.isNull()) {
            return new BatchResult(List.of(), List.of());
        }
        return new BatchResult(
                list(data.get("success"), BingxJson::batchId), list(data.get("failed"), BingxJson::batchId));
    }

    private static String batchId(JsonNode n) {
        if (n.isObject()) {
            for (String field : new String[] {"orderId", "positionId", "id"}) {
                if (n.hasNonNull(field)) {
                    return n.get(field).asText();
                }
            }
            return n.toString();
        }
        return n.asText();
    }

    static UserDataEvent userDataEvent(JsonNode n) {
        String type = str(n, "e");
        Instant time = n.hasNonNull("E") ? instant(n, "E") : Instant.EPOCH;
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "ORDER_TRADE_UPDATE" -> {
                JsonNode o = n.get("o");
                yield new UserDataEvent.OrderUpdate(
                        time,
                        str(o, "s"),
                        str(o, "c"),
                        lng(o, "i"),
                        side(str(o, "S")),
                        str(o, "o"),
                        dec(o, "q"),
                        dec(o, "p"),
                        dec(o, "ap"),
                        str(o, "x"),
                        OrderStatus.parse(str(o, "X")),
                        dec(o, "n"),
                        positionSide(str(o, "ps")),
                        dec(o, "rp"));
            }
            case "ACCOUNT_UPDATE" -> {
                JsonNode a = n.get("a");
                yield new UserDataEvent.AccountUpdate(
                        time,
                        str(a, "m"),
                        list(
                                a.get("B"),
                                b -> new UserDataEvent.BalanceChange(
                                        str(b, "a"), dec(b, "wb"), dec(b, "cw"), dec(b, "bc"))),
                        list(
                                a.get("P"),
                                p -> new UserDataEvent.PositionChange(
                                        str(p, "s"),
                                        positionSide(str(p, "ps")),
                                        dec(p, "pa"),
                                        dec(p, "ep"),
                                        dec(p, "up"),
                                        str(p, "mt"))));
            }
            case "ACCOUNT_CONFIG_UPDATE" -> {
                JsonNode ac = n.has("ac") ? n.get("ac") : n;
                yield new UserDataEvent.AccountConfigUpdate(
                        time, str(ac, "s"), integer(ac, "l"), integer(ac, "S"), str(ac, "mt"));
            }
            case "listenKeyExpired" -> new UserDataEvent.ListenKeyExpired(time);
            default -> null;
        };
    }
}
