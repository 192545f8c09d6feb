package dev.trenddesk.bingx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.bingx.RestTransport.Category;
import dev.trenddesk.bingx.model.ApiPermissions;
import dev.trenddesk.bingx.model.Balance;
import dev.trenddesk.bingx.model.BatchResult;
import dev.trenddesk.bingx.model.Income;
import dev.trenddesk.bingx.model.Leverage;
import dev.trenddesk.bingx.model.MarginType;
import dev.trenddesk.bingx.model.Order;
import dev.trenddesk.bingx.model.OrderRequest;
import dev.trenddesk.bingx.model.Position;
import dev.trenddesk.bingx.model.PositionMode;
import dev.trenddesk.bingx.model.PositionSide;
import dev.trenddesk.bingx.model.UserDataEvent;
import io.netty.handler.codec.http.HttpMethod;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * One BingX account (one API key): account reads, orders, settings, listen keys and the user data
 * stream. Every call is non-blocking and fails with a {@link dev.trenddesk.bingx.error.BingxException}.
 * Reads are retried on transient failures; writes never are: on
 * {@link dev.trenddesk.bingx.error.BingxException.UnknownOutcome} query the order by its
 * clientOrderId before sending again. Get it from {@link BingxClientFactory#client(ApiCredentials)}.
 */
public final class BingxClient {

    private static final String ORDER = "/openApi/swap/v2/trade/order";
    private static final String LISTEN_KEY = "/openApi/user/auth/userDataStream";

    private final ApiCredentials credentials;
    private final RequestSigner signer;
    private final RestTransport transport;
    private final HttpClient websockets;

    BingxClient(ApiCredentials credentials, RestTransport transport, HttpClient websockets) {
        this.credentials = credentials;
        this.transport = transport;
        this.websockets = websockets;
        this.signer =
                new RequestSigner(credentials.secretKey(), transport.config().signEncodedJson());
    }

    /** The API key, masked to its last 4 characters. */
    public String maskedApiKey() {
        return credentials.maskedApiKey();
    }

    /** The USDT futures balance. */
    public Mono<Balance> balance() {
        return get("/openApi/swap/v2/user/balance", Map.of(), Category.QUERY, BingxJson::balance);
    }

    /**
     * The key's own permissions and IP whitelist ({@code GET /openApi/v1/account/apiPermissions}):
     * check that a key cannot withdraw or transfer before using it, and whether it may trade.
     */
    public Mono<ApiPermissions> apiPermissions() {
        return get("/openApi/v1/account/apiPermissions", Map.of(), Category.QUERY, BingxJson::apiPermissions);
    }

    /** Open positions, of one symbol or (null) all. */
    public Mono<List<Position>> positions(String symbol) {
        return get(
                "/openApi/swap/v2/user/positions",
                optional("symbol", symbol),
                Category.QUERY,
                data -> BingxJson.list(data, BingxJson::position));
    }

    /**
     * Ledger entries (realised PnL, funding and trading fees); any argument may be null (BingX
     * default: the last 7 days).
     */
    public Mono<List<Income>> income(String symbol, String incomeType, Instant startTime, Instant endTime) {
        Map<String, String> params = optional("symbol", symbol);
        putIfPresent(params, "incomeType", incomeType);
        putIfPresent(params, "startTime", startTime == null ? null : Long.toString(startTime.toEpochMilli()));
        putIfPresent(params, "endTime", endTime == null ? null : Long.toString(endTime.toEpochMilli()));
        return get(
                "/openApi/swap/v2/user/income",
                params,
                Category.QUERY,
                data -> BingxJson.list(data, BingxJson::income));
    }

    /**
     * Places an order. Never retried: a {@code UnknownOutcome} failure means the order may exist, so
     * query it by clientOrderId before deciding to send it again.
     */
    public Mono<Order> placeOrder(OrderRequest request) {
        return send(HttpMethod.POST, ORDER, orderParams(request), Category.ORDER, BingxJson::order);
    }

    /** Validates an order at the exchange without placing it. */
    public Mono<Order> testOrder(OrderRequest request) {
        return send(HttpMethod.POST, ORDER + "/test", orderParams(request), Category.ORDER, BingxJson::order);
    }

    /** Cancels an order by its exchange id. */
    public Mono<Order> cancelOrder(String symbol, long orderId) {
        return send(HttpMethod.DELETE, ORDER, byOrderId(symbol, orderId), Category.QUERY, BingxJson::order);
    }

    /** Cancels an order by its clientOrderId. */
    public Mono<Order> cancelOrderByClientOrderId(String symbol, String clientOrderId) {
        return send(HttpMethod.DELETE, ORDER, byClientOrderId(symbol, clientOrderId), Category.QUERY, BingxJson::order);
    }

    /** Cancels every open order of a symbol. */
    public Mono<BatchResult> cancelAllOrders(String symbol) {
        return send(
                HttpMethod.DELETE,
                "/openApi/swap/v2/trade/allOpenOrders",
                Map.of("symbol", symbol),
                Category.QUERY,
                BingxJson::batch);
    }

    /** An order by its exchange id; fails with NotFound when there is none. */
    public Mono<Order> queryOrder(String symbol, long orderId) {
        return get(ORDER, byOrderId(symbol, orderId), Category.QUERY, BingxJson::order);
    }

    /** An order by its clientOrderId; fails with NotFound when there is none. */
    public Mono<Order> queryOrderByClientOrderId(String symbol, String clientOrderId) {
        return get(ORDER, byClientOrderId(symbol, clientOrderId), Category.QUERY, BingxJson::order);
    }

    /** Open orders, of one symbol or (null) all. */
    public Mono<List<Order>> openOrders(String symbol) {
        return get("/openApi/swap/v2/trade/openOrders", optional("symbol", symbol), Category.QUERY, BingxJson::orders);
    }

    /** Closes every position (of one symbol, or all when null) at market. */
    public Mono<BatchResult> closeAllPositions(String symbol) {
        return send(
                HttpMethod.POST,
                "/openApi/swap/v2/trade/closeAllPositions",
                optional("symbol", symbol),
                Category.ORDER,
                BingxJson::batch);
    }

    /** A symbol's leverage for both sides. */
    public Mono<Leverage> leverage(String symbol) {
        return get(
                "/openApi/swap/v2/trade/leverage",
                Map.of("symbol", symbol),
                Category.LEVERAGE,
                data -> BingxJson.leverage(symbol, data));
    }

    /** Sets the leverage of one side (LONG / SHORT in hedge mode, BOTH in one-way mode). */
    public Mono<Void> setLeverage(String symbol, PositionSide side, int leverage) {
        return send(
                        HttpMethod.POST,
                        "/openApi/swap/v2/trade/leverage",
                        Map.of("symbol", symbol, "side", side.name(), "leverage", Integer.toString(leverage)),
                        Category.LEVERAGE,
                        data -> data)
                .then();
    }

    /** A symbol's margin type. */
    public Mono<MarginType> marginType(String symbol) {
        return get(
                "/openApi/swap/v2/trade/marginType",
                Map.of("symbol", symbol),
                Category.LEVERAGE,
                data -> MarginType.valueOf(BingxJson.str(data, "marginType").toUpperCase(Locale.ROOT)));
    }

    /** Sets a symbol's margin type. */
    public Mono<Void> setMarginType(String symbol, MarginType marginType) {
        return send(
                        HttpMethod.POST,
                        "/openApi/swap/v2/trade/marginType",
                        Map.of("symbol", symbol, "marginType", marginType.name()),
                        Category.LEVERAGE,
                        data -> data)
                .then();
    }

    /** Hedge or one-way mode. */
    public Mono<PositionMode> positionMode() {
        return get(
                "/openApi/swap/v1/positionSide/dual",
                Map.of(),
                Category.LEVERAGE,
                data -> BingxJson.bool(data, "dualSidePosition") ? PositionMode.HEDGE : PositionMode.ONE_WAY);
    }

    /** Switches hedge / one-way mode; refused (109401) while orders or positions are open. */
    public Mono<Void> setPositionMode(PositionMode mode) {
        return send(
                        HttpMethod.POST,
                        "/openApi/swap/v1/positionSide/dual",
                        Map.of("dualSidePosition", Boolean.toString(mode == PositionMode.HEDGE)),
                        Category.LEVERAGE,
                        data -> data)
                .then();
    }

    /** Creates a listen key for the user data stream (valid 60 minutes unless extended). */
    public Mono<String> createListenKey() {
        return transport.keyOnly(HttpMethod.POST, LISTEN_KEY, Map.of(), credentials, data -> {
            String key = BingxJson.str(data, "listenKey");
            if (key == null && data.has("data")) {
                key = BingxJson.str(data.get("data"), "listenKey");
            }
            if (key == null) {
                throw new IllegalStateException("no listenKey in the answer");
            }
            return key;
        });
    }

    /** Extends a listen key by another 60 minutes. */
    public Mono<Void> extendListenKey(String listenKey) {
        return transport
                .keyOnly(HttpMethod.PUT, LISTEN_KEY, Map.of("listenKey", listenKey), credentials, data -> data)
                .then();
    }

    /** Invalidates a listen key. */
    public Mono<Void> closeListenKey(String listenKey) {
        return transport
                .keyOnly(HttpMethod.DELETE, LISTEN_KEY, Map.of("listenKey", listenKey), credentials, data -> data)
                .then();
    }

    /**
     * The user data stream: order updates, account updates, config updates and connection events.
     * Each subscription creates its own listen key, extends it every
     * {@link BingxClientConfig#listenKeyRenewal()}, replaces it when it expires, reconnects on drops
     * and closes the key when cancelled. After a {@link UserDataEvent.StreamConnected} with
     * {@code reconnect} set, reconcile over REST: events may have been lost.
     */
    public Flux<UserDataEvent> userDataStream() {
        return UserDataStream.events(this, websockets, transport.config());
    }

    private <T> Mono<T> get(String path, Map<String, String> params, Category category, Function<JsonNode, T> parser) {
        return transport.signed(HttpMethod.GET, path, params, credentials, signer, category, parser);
    }

    private <T> Mono<T> send(
            HttpMethod method,
            String path,
            Map<String, String> params,
            Category category,
            Function<JsonNode, T> parser) {
        return transport.signed(method, path, params, credentials, signer, category, parser);
    }

    /** The wire params of an order (business params; the signer adds recvWindow and timestamp). */
    static Map<String, String> orderParams(OrderRequest r) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("symbol", r.symbol());
        p.put("side", r.side().name());
        p.put("positionSide", r.positionSide().name());
        p.put("type", r.type().name());
        p.put("quantity", plain(r.quantity()));
        putIfPresent(p, "price", r.price() == null ? null : plain(r.price()));
        putIfPresent(p, "stopPrice", r.stopPrice() == null ? null : plain(r.stopPrice()));
        putIfPresent(p, "timeInForce", r.timeInForce());
        putIfPresent(
                p, "reduceOnly", r.reduceOnly() == null ? null : r.reduceOnly().toString());
        putIfPresent(p, "workingType", r.workingType());
        putIfPresent(p, "stopLoss", r.stopLoss() == null ? null : r.stopLoss().toJson());
        putIfPresent(
                p, "takeProfit", r.takeProfit() == null ? null : r.takeProfit().toJson());
        putIfPresent(p, "clientOrderId", r.clientOrderId());
        return p;
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static Map<String, String> byOrderId(String symbol, long orderId) {
        return Map.of("symbol", symbol, "orderId", Long.toString(orderId));
    }

    private static Map<String, String> byClientOrderId(String symbol, String clientOrderId) {
        return Map.of("symbol", symbol, "clientOrderId", clientOrderId);
    }

    private static Map<String, String> optional(String key, String value) {
        Map<String, String> params = new LinkedHashMap<>();
        putIfPresent(params, key, value);
        return params;
    }

    private static void putIfPresent(Map<String, String> params, String key, String value) {
        if (value != null) {
            params.put(key, value);
        }
    }
}
