package dev.trenddesk.simulator;

import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * BingX's REST API: routing, fault injection, rate limits, API-key and signature checks, then the
 * endpoint itself against the {@link Exchange}.
 */
final class BingxApi {

    static final String API_KEY_HEADER = "X-BX-APIKEY";
    private static final long DEFAULT_RECV_WINDOW = 5_000;
    private static final long MAX_FUTURE_MILLIS = 1_000;
    private static final int DEFAULT_KLINE_LIMIT = 500;
    private static final int MAX_KLINE_LIMIT = 1440;
    private static final int DEFAULT_DEPTH_LIMIT = 20;
    private static final List<Integer> DEPTH_LIMITS = List.of(5, 10, 20, 50, 100, 500, 1000);
    private static final int DEFAULT_TRADES_LIMIT = 500;
    private static final int MAX_TRADES_LIMIT = 1000;

    /** How a request authenticates. */
    private enum Auth {
        PUBLIC,
        API_KEY,
        SIGNED,
        TRADE
    }

    /** Every endpoint the simulator serves. */
    private enum Endpoint {
        SERVER_TIME("GET", "/openApi/swap/v2/server/time", Auth.PUBLIC, null),
        CONTRACTS("GET", "/openApi/swap/v2/quote/contracts", Auth.PUBLIC, null),
        KLINES("GET", "/openApi/swap/v3/quote/klines", Auth.PUBLIC, null),
        TICKER("GET", "/openApi/swap/v2/quote/ticker", Auth.PUBLIC, null),
        DEPTH("GET", "/openApi/swap/v2/quote/depth", Auth.PUBLIC, null),
        TRADES("GET", "/openApi/swap/v2/quote/trades", Auth.PUBLIC, null),
        PREMIUM_INDEX("GET", "/openApi/swap/v2/quote/premiumIndex", Auth.PUBLIC, null),
        BALANCE("GET", "/openApi/swap/v2/user/balance", Auth.SIGNED, null),
        POSITIONS("GET", "/openApi/swap/v2/user/positions", Auth.SIGNED, null),
        INCOME("GET", "/openApi/swap/v2/user/income", Auth.SIGNED, null),
        API_PERMISSIONS("GET", "/openApi/v1/account/apiPermissions", Auth.SIGNED, null),
        BALANCE_V3("GET", "/openApi/swap/v3/user/balance", Auth.SIGNED, RateLimiter.Limit.QUERIES),
        ALL_ORDERS("GET", "/openApi/swap/v2/trade/allOrders", Auth.SIGNED, RateLimiter.Limit.QUERIES),
        FULL_ORDER("GET", "/openApi/swap/v1/trade/fullOrder", Auth.SIGNED, RateLimiter.Limit.QUERIES),
        ALL_FILL_ORDERS("GET", "/openApi/swap/v2/trade/allFillOrders", Auth.SIGNED, RateLimiter.Limit.QUERIES),
        PLACE_ORDER("POST", "/openApi/swap/v2/trade/order", Auth.TRADE, RateLimiter.Limit.ORDERS),
        TEST_ORDER("POST", "/openApi/swap/v2/trade/order/test", Auth.TRADE, RateLimiter.Limit.ORDERS),
        CANCEL_ORDER("DELETE", "/openApi/swap/v2/trade/order", Auth.TRADE, RateLimiter.Limit.QUERIES),
        CANCEL_ALL("DELETE", "/openApi/swap/v2/trade/allOpenOrders", Auth.TRADE, RateLimiter.Limit.QUERIES),
        QUERY_ORDER("GET", "/openApi/swap/v2/trade/order", Auth.SIGNED, RateLimiter.Limit.QUERIES),
        OPEN_ORDERS("GET", "/openApi/swap/v2/trade/openOrders", Auth.SIGNED, RateLimiter.Limit.QUERIES),
        CLOSE_ALL("POST", "/openApi/swap/v2/trade/closeAllPositions", Auth.TRADE, RateLimiter.Limit.ORDERS),
        CANCEL_ALL_AFTER("POST", "/openApi/swap/v2/trade/cancelAllAfter", Auth.TRADE, RateLimiter.Limit.ORDERS),
        GET_LEVERAGE("GET", "/openApi/swap/v2/trade/leverage", Auth.SIGNED, RateLimiter.Limit.SETTINGS),
        SET_LEVERAGE("POST", "/openApi/swap/v2/trade/leverage", Auth.TRADE, RateLimiter.Limit.SETTINGS),
        GET_MARGIN_TYPE("GET", "/openApi/swap/v2/trade/marginType", Auth.SIGNED, RateLimiter.Limit.SETTINGS),
        SET_MARGIN_TYPE("POST", "/openApi/swap/v2/trade/marginType", Auth.TRADE, RateLimiter.Limit.SETTINGS),
        GET_POSITION_MODE("GET", "/openApi/swap/v1/positionSide/dual", Auth.SIGNED, RateLimiter.Limit.SETTINGS),
        SET_POSITION_MODE("POST", "/openApi/swap/v1/positionSide/dual", Auth.TRADE, RateLimiter.Limit.SETTINGS),
        CREATE_LISTEN_KEY("POST", "/openApi/user/auth/userDataStream", Auth.API_KEY, null),
        EXTEND_LISTEN_KEY("PUT", "/openApi/user/auth/userDataStream", Auth.API_KEY, null),
        DELETE_LISTEN_KEY("DELETE", "/openApi/user/auth/userDataStream", Auth.API_KEY, null);

        final String method;
        final String path;
        final Auth auth;
        final RateLimiter.Limit keyLimit;

        Endpoint(String method, String path, Auth auth, RateLimiter.Limit keyLimit) {
            this.method = method;
            this.path = path;
            this.auth = auth;
            this.keyLimit = keyLimit;
        }

        static Optional<Endpoint> find(String method, String path) {
            for (Endpoint endpoint : values()) {
                if (endpoint.method.equals(method) && endpoint.path.equals(path)) {
                    return Optional.of(endpoint);
                }
            }
            return Optional.empty();
        }
    }

    /** One received request, as far as the API needs it. */
    record Request(String method, String path, String query, String body, HttpHeaders headers, String ip) {
        String apiKey() {
            return headers.get(API_KEY_HEADER);
        }

        /** The parameter string: the query for GET/DELETE; the query, or else the form body, for POST/PUT. */
        String paramString() {
            boolean bodyAllowed = method.equals("POST") || method.equals("PUT");
            return bodyAllowed && query.isEmpty() ? body : query;
        }
    }

    private final SimulatorConfig config;
    private final Exchange exchange;
    private final WsHub hub;
    private final Faults faults;
    private final RateLimiter limiter;
    private final LongSupplier serverClock;
    private final LongSupplier wallClock;

    BingxApi(
            SimulatorConfig config,
            Exchange exchange,
            WsHub hub,
            Faults faults,
            RateLimiter limiter,
            LongSupplier serverClock,
            LongSupplier wallClock) {
        this.config = config;
        this.exchange = exchange;
        this.hub = hub;
        this.faults = faults;
        this.limiter = limiter;
        this.serverClock = serverClock;
        this.wallClock = wallClock;
    }

    Mono<Reply> handle(Request request) {
        Optional<Endpoint> endpoint = Endpoint.find(request.method(), request.path());
        if (endpoint.isEmpty()) {
            return Mono.just(Reply.error(404, 404, "no such endpoint: " + request.method() + " " + request.path()));
        }
        Optional<Faults.Fault> fault = faults.take(request.path());
        if (fault.isEmpty()) {
            return Mono.fromSupplier(() -> process(endpoint.get(), request));
        }
        Faults.Fault f = fault.get();
        return switch (f.type()) {
            case LATENCY ->
                Mono.delay(Duration.ofMillis(f.millis()))
                        .then(Mono.fromSupplier(() -> process(endpoint.get(), request)));
            case TIMEOUT_504 ->
                Mono.fromSupplier(() -> {
                    if (f.executed()) {
                        process(endpoint.get(), request);
                    }
                    return Reply.text(504, "504 Gateway Time-out");
                });
            case HTTP_ERROR, HTTP_429 -> Mono.just(Reply.error(f.status(), f.status(), "injected HTTP " + f.status()));
            case RATE_BLOCK_100410 ->
                Mono.fromSupplier(() -> {
                    long until = wallClock.getAsLong() + f.millis();
                    limiter.block(request.apiKey() != null ? "key:" + request.apiKey() : "ip:" + request.ip(), until);
                    return Reply.rateBlocked(until);
                });
            case REJECT -> Mono.just(Reply.error(200, f.code(), f.msg()));
            case WS_DROP, CLOCK_SKEW -> Mono.fromSupplier(() -> process(endpoint.get(), request));
        };
    }

    private Reply process(Endpoint endpoint, Request request) {
        long now = wallClock.getAsLong();
        String apiKey = request.apiKey();
        String ipSubject = "ip:" + request.ip();
        String keySubject = apiKey == null ? null : "key:" + apiKey;
        Optional<RateLimiter.Refusal> refusal = limiter.blocked(ipSubject, now)
                .or(() -> keySubject == null ? Optional.empty() : limiter.blocked(keySubject, now));
        if (refusal.isEmpty() && config.rateLimitsEnabled()) {
            RateLimiter.Limit ipLimit =
                    endpoint.auth == Auth.PUBLIC ? RateLimiter.Limit.MARKET_DATA : RateLimiter.Limit.ACCOUNT;
            refusal = limiter.acquire(ipSubject, ipLimit, now);
            if (refusal.isEmpty() && keySubject != null && endpoint.keyLimit != null) {
                refusal = limiter.acquire(keySubject, endpoint.keyLimit, now);
            }
        }
        if (refusal.isPresent()) {
            return refusal.get().blocked()
                    ? Reply.rateBlocked(refusal.get().unblockAt())
                    : Reply.error(429, 429, "Too Many Requests");
        }
        try {
            String paramString = request.paramString();
            Params params = Params.parse(paramString);
            Account account = null;
            if (endpoint.auth != Auth.PUBLIC) {
                account = Optional.ofNullable(apiKey)
                        .flatMap(exchange::account)
                        .orElseThrow(() -> new BingxException(BingxException.BAD_API_KEY, "Incorrect apiKey"));
                if (endpoint.auth != Auth.API_KEY) {
                    verifySignature(account, paramString, params);
                }
                if (endpoint.auth == Auth.TRADE && !account.canTrade()) {
                    throw new BingxException(
                            BingxException.PERMISSION_DENIED,
                            "Permission denied: this API key has no trade permission");
                }
            }
            return dispatch(endpoint, account, params);
        } catch (BingxException e) {
            return Reply.error(200, e.code(), e.getMessage());
        }
    }

    private void verifySignature(Account account, String paramString, Params params) {
        String signature = Signatures.signatureOf(paramString)
                .orElseThrow(() -> new BingxException(BingxException.NULL_SIGNATURE, "Null signature"));
        if (!Signatures.verify(
                account.secretKey, Signatures.signedPayload(paramString, config.signaturePayload()), signature)) {
            throw new BingxException(BingxException.BAD_SIGNATURE, "Signature verification failed");
        }
        long timestamp = params.longValue("timestamp")
                .orElseThrow(
                        () -> new BingxException(BingxException.TIMESTAMP_OUTSIDE_WINDOW, "timestamp is required"));
        long recvWindow = params.longValue("recvWindow").orElse(DEFAULT_RECV_WINDOW);
        long now = serverClock.getAsLong();
        if (timestamp > now + MAX_FUTURE_MILLIS || now - timestamp > recvWindow) {
            throw new BingxException(
                    BingxException.TIMESTAMP_OUTSIDE_WINDOW,
                    "timestamp for this request is outside of the recvWindow (server time " + now + ")");
        }
    }

    private Reply dispatch(Endpoint endpoint, Account account, Params params) {
        Optional<String> symbol = params.optional("symbol");
        return switch (endpoint) {
            case SERVER_TIME -> Reply.ok(Map.of("serverTime", serverClock.getAsLong()));
            case CONTRACTS -> Reply.ok(contracts());
            case KLINES -> Reply.ok(klines(params));
            case TICKER -> Reply.ok(exchange.ticker(symbol.orElse(null)));
            case DEPTH -> Reply.ok(exchange.depth(params.required("symbol"), depthLimit(params)));
            case TRADES -> Reply.ok(exchange.trades(params.required("symbol"), tradesLimit(params)));
            case PREMIUM_INDEX -> Reply.ok(exchange.premiumIndex(params.optional("symbol")));
            case BALANCE -> Reply.ok(exchange.balance(account));
            case POSITIONS -> Reply.ok(exchange.positions(account, symbol.orElse(null)));
            case INCOME -> Reply.ok(exchange.income(account, params));
            case API_PERMISSIONS -> Reply.ok(exchange.apiPermissions(account));
            case BALANCE_V3 -> Reply.ok(exchange.balancesV3(account));
            case ALL_ORDERS -> Reply.ok(exchange.orderHistory(account, params, false));
            case FULL_ORDER -> Reply.ok(exchange.orderHistory(account, params, true));
            case ALL_FILL_ORDERS -> Reply.ok(exchange.fillHistory(account, params));
            case PLACE_ORDER -> Reply.ok(exchange.placeOrder(account, params, false));
            case TEST_ORDER -> Reply.ok(exchange.placeOrder(account, params, true));
            case CANCEL_ORDER -> Reply.ok(exchange.cancelOrder(account, params));
            case CANCEL_ALL -> Reply.ok(exchange.cancelAll(account, symbol.orElse(null)));
            case QUERY_ORDER -> Reply.ok(exchange.queryOrder(account, params));
            case OPEN_ORDERS -> Reply.ok(exchange.openOrders(account, params));
            case CLOSE_ALL -> Reply.ok(exchange.closeAllPositions(account, symbol.orElse(null)));
            case CANCEL_ALL_AFTER -> Reply.ok(exchange.cancelAllAfter(account, params));
            case GET_LEVERAGE -> Reply.ok(exchange.leverage(account, params.required("symbol")));
            case SET_LEVERAGE -> Reply.ok(exchange.setLeverage(account, params));
            case GET_MARGIN_TYPE -> Reply.ok(exchange.marginType(account, params.required("symbol")));
            case SET_MARGIN_TYPE -> Reply.ok(exchange.setMarginType(account, params));
            case GET_POSITION_MODE -> Reply.ok(exchange.positionMode(account));
            case SET_POSITION_MODE -> Reply.ok(exchange.setPositionMode(account, params));
            case CREATE_LISTEN_KEY -> {
                String listenKey = hub.createListenKey(account.apiKey);
                exchange.saveNow();
                yield Reply.json(200, Map.of("listenKey", listenKey));
            }
            case EXTEND_LISTEN_KEY ->
                listenKeyChanged(hub.extendListenKey(account.apiKey, params.required("listenKey")));
            case DELETE_LISTEN_KEY ->
                listenKeyChanged(hub.deleteListenKey(account.apiKey, params.required("listenKey")));
        };
    }

    private Reply listenKeyChanged(boolean known) {
        if (!known) {
            return Reply.error(404, 80017, "listenKey does not exist");
        }
        exchange.saveNow();
        return Reply.empty(200);
    }

    private static List<Map<String, Object>> contracts() {
        List<Map<String, Object>> contracts = new ArrayList<>();
        int id = 1;
        for (Contract contract : Contract.ALL) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("contractId", String.valueOf(id++));
            view.put("symbol", contract.symbol());
            view.put("quantityPrecision", contract.quantityPrecision());
            view.put("pricePrecision", contract.pricePrecision());
            view.put("takerFeeRate", Contract.TAKER_FEE_RATE);
            view.put("makerFeeRate", Contract.MAKER_FEE_RATE);
            view.put("tradeMinQuantity", contract.tradeMinQuantity());
            view.put("tradeMinUSDT", contract.tradeMinUsdt());
            view.put("currency", "USDT");
            view.put("asset", contract.symbol().substring(0, contract.symbol().indexOf('-')));
            view.put("status", 1);
            view.put("apiStateOpen", "true");
            view.put("apiStateClose", "true");
            view.put("maxLongLeverage", Contract.MAX_LEVERAGE);
            view.put("maxShortLeverage", Contract.MAX_LEVERAGE);
            contracts.add(view);
        }
        return contracts;
    }

    private List<Map<String, Object>> klines(Params params) {
        String symbol = params.required("symbol");
        String code = params.required("interval");
        KlineInterval interval = KlineInterval.of(code)
                .filter(i -> config.intervals().contains(i.code()))
                .orElseThrow(() -> BingxException.invalid(
                        "the simulator serves the intervals " + config.intervals() + ", not " + code));
        int limit = params.longValue("limit").map(Long::intValue).orElse(DEFAULT_KLINE_LIMIT);
        if (limit < 1 || limit > MAX_KLINE_LIMIT) {
            throw BingxException.invalid("limit must be between 1 and " + MAX_KLINE_LIMIT);
        }
        return exchange.klines(
                symbol,
                interval,
                params.longValue("startTime").orElse(null),
                params.longValue("endTime").orElse(null),
                limit);
    }

    private static int depthLimit(Params params) {
        int limit = params.longValue("limit").map(Long::intValue).orElse(DEFAULT_DEPTH_LIMIT);
        if (!DEPTH_LIMITS.contains(limit)) {
            throw BingxException.invalid("limit must be one of " + DEPTH_LIMITS);
        }
        return limit;
    }

    private static int tradesLimit(Params params) {
        int limit = params.longValue("limit").map(Long::intValue).orElse(DEFAULT_TRADES_LIMIT);
        if (limit < 1 || limit > MAX_TRADES_LIMIT) {
            throw BingxException.invalid("limit must be between 1 and " + MAX_TRADES_LIMIT);
        }
        return limit;
    }
}
