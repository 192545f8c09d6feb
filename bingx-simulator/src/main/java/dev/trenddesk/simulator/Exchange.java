package dev.trenddesk.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The matching engine and the books of every account. Every public operation is synchronized on the
 * exchange, so market moves, order placement and fills never interleave.
 *
 * <p>Market orders fill at once at the current path price (taker fee); a limit order that is
 * marketable when placed fills at the current price (taker), otherwise it rests and fills when the
 * path reaches its price (maker fee). STOP_MARKET and TAKE_PROFIT_MARKET orders trigger on the path
 * price and fill at their stop price, or at the current price when the market jumped over it.
 *
 * <p>Placement answers (see {@link PlaceAnswer}): by default an acknowledgement, as BingX gives; a MARKET
 * order, and a LIMIT order marketable when placed, is then <em>pending</em> (status NEW, {@code fillAt}
 * set) and fills {@code fillDelay} later at the price of that moment (a pending LIMIT no longer
 * marketable then rests). Pending orders fill on the scheduled wake-up or any tick after their time; a
 * stepped clock fills every pending order before it moves the market (so the fill price is the price at
 * placement), and after a restart every pending order fills at the first tick.
 *
 * <p>Persistence: every operation that changes the books marks them dirty and ends with
 * {@link #commit()}, which (with a data directory) writes the whole state before the operation
 * returns, and only then hands the user-data events it produced to the WebSocket. Candle closes mark
 * the clock dirty too, so the saved market time trails the live one by at most one candle.
 */
final class Exchange implements SymbolReplay.Listener {

    /** Where the exchange sends what a WebSocket client would see. */
    interface Events {
        void userEvent(String apiKey, Map<String, Object> event);

        void kline(SymbolReplay replay, Candle candle, boolean closed);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MONEY_SCALE = 8;
    private static final Set<String> ORDER_TYPES = Set.of("MARKET", "LIMIT", "STOP_MARKET", "TAKE_PROFIT_MARKET",
            "TRIGGER_MARKET", "TRIGGER_LIMIT");
    private static final long SEVEN_DAYS_MILLIS = 7 * 24 * 3_600_000L;
    private static final int DEFAULT_HISTORY_LIMIT = 500;
    private static final int MAX_HISTORY_LIMIT = 1000;

    private final Market market;
    private final LongSupplier serverClock;
    private final Events events;
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private long nextOrderId = 1_900_000_000_000_000_000L;
    private long nextPositionId = 1_800_000_000_000_000_000L;
    private long nextTranId = 1;
    /** User-data events of the running operation, sent after its changes are saved. */
    private final List<Runnable> outbox = new ArrayList<>();
    private boolean dirty;
    /** Writes {@link #saved} durably; null keeps everything in memory. */
    private Runnable saver;
    private PlaceAnswer placeAnswer = PlaceAnswer.ACKNOWLEDGED;
    private long fillDelayMillis = 5;
    /** Asked to run {@link #tick()} after the given milliseconds, so a pending order fills on time. */
    private LongConsumer wakeUp = delay -> { };
    /** Orders left pending by the previous run fill at the first tick after a restart. */
    private boolean pendingFromRestore;

    Exchange(Market market, LongSupplier serverClock, Events events) {
        this.market = market;
        this.serverClock = serverClock;
        this.events = events;
    }

    /** How placements are answered, and how to be woken when a pending order is due. */
    synchronized void answerPlacements(PlaceAnswer answer, java.time.Duration fillDelay, LongConsumer wakeUp) {
        this.placeAnswer = answer;
        this.fillDelayMillis = fillDelay.toMillis();
        this.wakeUp = wakeUp;
    }

    // ----------------------------------------------------------------------------------- clock

    /** Brings the market up to the current market time and fires due cancelAllAfter timers. */
    synchronized void tick() {
        try {
            if (market.mode() != ClockMode.STEPPED) {
                market.advance(this);
            }
            fillPending(pendingFromRestore);
            pendingFromRestore = false;
            long now = serverClock.getAsLong();
            for (Account account : accounts.values()) {
                if (account.cancelAllAt != 0 && now >= account.cancelAllAt) {
                    account.cancelAllAt = 0;
                    dirty = true;
                    cancelAll(account, null);
                }
            }
        } finally {
            commit();
        }
    }

    /** Stepped mode: closes {@code candles} candles, matching and pushing on the way; returns market time. */
    synchronized long step(int candles) {
        try {
            // an acknowledged order fills at the price it was placed at, before the market moves on
            fillPending(true);
            market.step(candles, this);
            return market.time();
        } finally {
            commit();
        }
    }

    synchronized Map<String, Object> clock() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("mode", market.mode().name());
        view.put("speed", market.speed());
        view.put("marketTime", market.time());
        return view;
    }

    // ----------------------------------------------------------------------------- persistence

    /** From now on every change is written by {@code saver} (which reads {@link #saved}) before it is answered. */
    synchronized void persistWith(Runnable saver) {
        this.saver = saver;
    }

    /** Writes the state now (closing), whether or not anything changed. */
    synchronized void saveNow() {
        dirty = true;
        commit();
    }

    /**
     * Ends an operation: writes the state when it changed (the caller holds the lock), then sends the
     * user-data events the operation produced. A failed write is thrown and its events are dropped, so
     * no client hears of a change that is not on disk.
     */
    private void commit() {
        List<Runnable> produced = List.copyOf(outbox);
        outbox.clear();
        if (dirty && saver != null) {
            saver.run();
        }
        dirty = false;
        produced.forEach(Runnable::run);
    }

    /**
     * The state to write. Closed orders and income older than {@link #SEVEN_DAYS_MILLIS} of server time
     * (BingX's own history window) are forgotten here, in memory too, so the file stays bounded.
     */
    synchronized SavedState saved(List<SavedState.ListenKeyState> listenKeys) {
        long now = serverClock.getAsLong();
        for (Account account : accounts.values()) {
            account.forget(now - SEVEN_DAYS_MILLIS);
        }
        return new SavedState(SavedState.FORMAT_VERSION, System.currentTimeMillis(), market.saved(), nextOrderId,
                nextPositionId, nextTranId, accounts.values().stream().map(Account::saved).toList(), listenKeys);
    }

    /** Takes over the books and id counters of {@code state} (the market was built from it already). */
    synchronized void restore(SavedState state) {
        accounts.clear();
        for (SavedState.AccountState saved : state.accounts()) {
            accounts.put(saved.apiKey(), Account.restore(saved));
        }
        nextOrderId = state.nextOrderId();
        nextPositionId = state.nextPositionId();
        nextTranId = state.nextTranId();
        pendingFromRestore = accounts.values().stream()
                .anyMatch(a -> a.openOrders().stream().anyMatch(Order::isPending));
    }

    // -------------------------------------------------------------------------------- accounts

    /** Creates an account; empty when the API key already exists. */
    synchronized Optional<Account> createAccount(String apiKey, String secretKey, BigDecimal balance,
                                                 Set<String> permissions, List<String> ipWhitelist,
                                                 boolean hedgeMode, int leverage) {
        try {
            if (accounts.containsKey(apiKey)) {
                return Optional.empty();
            }
            Account account = new Account(apiKey, secretKey, balance, permissions, ipWhitelist, hedgeMode, leverage);
            accounts.put(apiKey, account);
            dirty = true;
            return Optional.of(account);
        } finally {
            commit();
        }
    }

    /** {@code GET /openApi/v1/account/apiPermissions}: the key's permissions (BingX's numbers) and IP whitelist. */
    synchronized Map<String, Object> apiPermissions(Account account) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("apiKey", account.apiKey);
        view.put("permissions", account.permissionNumbers());
        view.put("ipAddresses", account.ipWhitelist);
        view.put("note", "");
        return view;
    }

    /** Gives {@code account} its own place-order answer (admin API). */
    synchronized void placeAnswer(Account account, PlaceAnswer answer) {
        try {
            account.placeAnswer = answer;
            dirty = true;
        } finally {
            commit();
        }
    }

    /** The place-order answer {@code account} gets: its own, else the configured one. */
    synchronized PlaceAnswer placeAnswer(Account account) {
        return account.placeAnswer != null ? account.placeAnswer : placeAnswer;
    }

    /** The admin view of every account, in creation order. */
    synchronized List<Map<String, Object>> adminViews() {
        return accounts.values().stream().map(this::adminView).toList();
    }

    synchronized Optional<Account> account(String apiKey) {
        return Optional.ofNullable(accounts.get(apiKey));
    }

    synchronized void reset() {
        try {
            accounts.clear();
            dirty = true;
        } finally {
            commit();
        }
    }

    /** The admin view of an account: balances, positions, open orders and every order ever placed. */
    synchronized Map<String, Object> adminView(Account account) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("apiKey", account.apiKey);
        view.put("balance", Views.decimal(account.balance));
        view.put("equity", Views.decimal(equity(account)));
        view.put("positionMode", account.hedgeMode ? "HEDGE" : "ONE_WAY");
        view.put("placeAnswer", placeAnswer(account).name());
        view.put("permissions", account.permissions.stream().sorted().toList());
        view.put("ipWhitelist", account.ipWhitelist);
        view.put("positions", positions(account, null));
        view.put("openOrders", account.openOrders().stream().map(Views::order).toList());
        view.put("orders", account.orders.stream().map(Views::order).toList());
        view.put("incomes", account.incomes.stream().map(Views::income).toList());
        view.put("fills", account.fills.stream().map(Views::fill).toList());
        return view;
    }

    // ----------------------------------------------------------------------------- market data

    synchronized List<Map<String, Object>> klines(String symbol, KlineInterval interval, Long startTime, Long endTime,
                                                  int limit) {
        return MarketData.klines(replay(symbol), interval, startTime, endTime, limit).stream().map(Views::klineRow)
                .toList();
    }

    /** The 24-hour ticker of {@code symbol}, or of every contract (an array) when it is null. */
    synchronized Object ticker(String symbol) {
        if (symbol != null) {
            return MarketData.ticker(replay(symbol));
        }
        return market.replays().stream().map(MarketData::ticker).toList();
    }

    synchronized Map<String, Object> depth(String symbol, int limit) {
        return Views.depth(MarketData.book(replay(symbol), limit));
    }

    synchronized List<Map<String, Object>> trades(String symbol, int limit) {
        return MarketData.recentTrades(replay(symbol), limit).stream().map(Views::trade).toList();
    }

    private SymbolReplay replay(String symbol) {
        SymbolReplay replay = market.replay(symbol);
        if (replay == null) {
            throw new BingxException(BingxException.BAD_SYMBOL, "symbol not exist: " + symbol);
        }
        return replay;
    }

    // ------------------------------------------------------------------------------- balances

    synchronized Map<String, Object> balance(Account account) {
        BigDecimal unrealised = unrealised(account);
        BigDecimal used = usedMargin(account);
        BigDecimal frozen = frozenMargin(account, null);
        Map<String, Object> balance = new LinkedHashMap<>();
        balance.put("userId", account.apiKey.hashCode() & Integer.MAX_VALUE);
        balance.put("asset", "USDT");
        balance.put("balance", Views.decimal(account.balance));
        balance.put("equity", Views.decimal(account.balance.add(unrealised)));
        balance.put("unrealizedProfit", Views.decimal(unrealised));
        balance.put("realisedProfit", Views.decimal(account.realisedProfit));
        balance.put("availableMargin", Views.decimal(available(account, null).max(BigDecimal.ZERO)));
        balance.put("usedMargin", Views.decimal(used));
        balance.put("freezedMargin", Views.decimal(frozen));
        return Map.of("balance", balance);
    }

    /**
     * {@code GET /openApi/swap/v3/user/balance}: an array of the perpetual account's assets, each with the
     * v2 balance's fields. USDT carries the books; USDC is listed empty (no USDC contract is simulated).
     */
    @SuppressWarnings("unchecked")
    synchronized List<Map<String, Object>> balancesV3(Account account) {
        Map<String, Object> usdt = new LinkedHashMap<>((Map<String, Object>) balance(account).get("balance"));
        usdt.put("shortUid", String.valueOf(usdt.get("userId")));
        Map<String, Object> usdc = new LinkedHashMap<>(usdt);
        usdc.put("asset", "USDC");
        for (String field : List.of("balance", "equity", "unrealizedProfit", "realisedProfit", "availableMargin",
                "usedMargin", "freezedMargin")) {
            usdc.put(field, "0");
        }
        return List.of(usdt, usdc);
    }

    synchronized List<Map<String, Object>> positions(Account account, String symbol) {
        List<Map<String, Object>> views = new ArrayList<>();
        for (Position position : account.positions.values()) {
            if (symbol == null || symbol.equals(position.symbol)) {
                views.add(positionView(account, position));
            }
        }
        return views;
    }

    private Map<String, Object> positionView(Account account, Position position) {
        BigDecimal mark = replay(position.symbol).price();
        int leverage = account.leverage(position.symbol, position.direction());
        BigDecimal lockedByCloses = account.openOrders().stream()
                .filter(o -> o.restsAsLimit() && o.symbol.equals(position.symbol) && closes(o, position))
                .map(o -> o.quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal liquidation = liquidationPrice(account, position);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("symbol", position.symbol);
        view.put("positionId", String.valueOf(position.positionId));
        view.put("positionSide", position.direction());
        view.put("isolated", "ISOLATED".equals(account.marginType(position.symbol)));
        view.put("positionAmt", Views.decimal(position.quantity));
        view.put("availableAmt", Views.decimal(position.quantity.subtract(lockedByCloses).max(BigDecimal.ZERO)));
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

    /**
     * The price at which the position's margin, less its loss, falls to the maintenance margin
     * ({@link Contract#MAINTENANCE_MARGIN_RATE} of its value): long {@code E × (1 − 1/L) / (1 − m)}, short
     * {@code E × (1 + 1/L) / (1 + m)}, rounded to the tick. Isolated positions are liquidated there; for
     * cross positions (not liquidated) the same figure is shown.
     */
    private BigDecimal liquidationPrice(Account account, Position position) {
        int leverage = account.leverage(position.symbol, position.direction());
        BigDecimal oneOverLeverage = BigDecimal.ONE.divide(BigDecimal.valueOf(leverage), MONEY_SCALE, RoundingMode.HALF_UP);
        BigDecimal m = Contract.MAINTENANCE_MARGIN_RATE;
        BigDecimal price = position.isLong
                ? position.avgPrice.multiply(BigDecimal.ONE.subtract(oneOverLeverage))
                        .divide(BigDecimal.ONE.subtract(m), MONEY_SCALE, RoundingMode.HALF_UP)
                : position.avgPrice.multiply(BigDecimal.ONE.add(oneOverLeverage))
                        .divide(BigDecimal.ONE.add(m), MONEY_SCALE, RoundingMode.HALF_UP);
        return replay(position.symbol).contract().roundPrice(price);
    }

    // ----------------------------------------------------------------------------------- funding

    /** {@code GET /openApi/swap/v2/quote/premiumIndex}: one symbol's mark price and funding, or every symbol's. */
    synchronized Object premiumIndex(Optional<String> symbol) {
        if (symbol.isPresent()) {
            return premiumIndex(replay(symbol.get()));
        }
        return market.replays().stream().map(this::premiumIndex).toList();
    }

    private Map<String, Object> premiumIndex(SymbolReplay replay) {
        BigDecimal mark = replay.price();
        List<BigDecimal> closes = fundingCloses(replay, replay.liveIndex() - 1, mark);
        BigDecimal premium = Funding.premium(closes);
        BigDecimal index = replay.contract().roundPrice(mark.divide(BigDecimal.ONE.add(premium), MathContext.DECIMAL64));
        long now = market.time();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("symbol", replay.symbol());
        view.put("markPrice", Views.decimal(mark));
        view.put("indexPrice", Views.decimal(index));
        view.put("lastFundingRate", Views.decimal(Funding.rate(closes)));
        view.put("nextFundingTime", Funding.nextFundingTime(now));
        view.put("time", now);
        return view;
    }

    /** The closes of the {@link Funding#WINDOW} candles up to {@code lastClosed} followed by {@code last}. */
    private static List<BigDecimal> fundingCloses(SymbolReplay replay, long lastClosed, BigDecimal last) {
        List<BigDecimal> closes = new ArrayList<>();
        for (long index = Math.max(0, lastClosed - Funding.WINDOW + 2); index <= lastClosed; index++) {
            closes.add(replay.candle(index).close());
        }
        closes.add(last);
        return closes;
    }

    /**
     * A funding time: every position of the symbol pays (long, positive rate) or receives notional at the
     * mark price × rate, booked as FUNDING_FEE income, taken from (or added to) the wallet and announced by
     * an ACCOUNT_UPDATE with reason FUNDING_FEE.
     */
    private void chargeFunding(SymbolReplay replay) {
        BigDecimal mark = replay.price();
        BigDecimal rate = Funding.rate(fundingCloses(replay, replay.liveIndex() - 1, mark));
        long now = serverClock.getAsLong();
        for (Account account : accounts.values()) {
            for (Position position : List.copyOf(account.positions.values())) {
                if (!position.symbol.equals(replay.symbol()) || position.quantity.signum() == 0) {
                    continue;
                }
                BigDecimal amount = position.quantity.multiply(mark).multiply(rate).setScale(MONEY_SCALE, RoundingMode.HALF_UP);
                BigDecimal income = position.isLong ? amount.negate() : amount;
                account.balance = account.balance.add(income);
                account.realisedProfit = account.realisedProfit.add(income);
                position.realisedProfit = position.realisedProfit.add(income);
                account.incomes.add(new Income(nextTranId++, position.symbol, "FUNDING_FEE", income,
                        "Funding fee " + rate.toPlainString(), now, 0));
                publishAccount(account, position, "FUNDING_FEE", income);
            }
        }
    }

    synchronized List<Map<String, Object>> income(Account account, Params params) {
        long end = params.longValue("endTime").orElse(serverClock.getAsLong());
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

    private BigDecimal unrealised(Account account) {
        return account.positions.values().stream()
                .map(p -> p.unrealisedProfit(replay(p.symbol).price()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private BigDecimal equity(Account account) {
        return account.balance.add(unrealised(account));
    }

    private BigDecimal usedMargin(Account account) {
        return account.positions.values().stream()
                .map(p -> p.initialMargin(account.leverage(p.symbol, p.direction())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Margin held by resting limit orders that would open a position, except {@code excluded}. */
    private BigDecimal frozenMargin(Account account, Order excluded) {
        BigDecimal frozen = BigDecimal.ZERO;
        for (Order order : account.openOrders()) {
            if (order != excluded && order.restsAsLimit() && !order.isClosing()) {
                frozen = frozen.add(order.quantity.multiply(order.price)
                        .divide(BigDecimal.valueOf(order.leverage), MONEY_SCALE, RoundingMode.HALF_UP));
            }
        }
        return frozen;
    }

    private BigDecimal available(Account account, Order excluded) {
        return equity(account).subtract(usedMargin(account)).subtract(frozenMargin(account, excluded));
    }

    private boolean hasMarginFor(Account account, BigDecimal quantity, BigDecimal price, int leverage, Order excluded) {
        BigDecimal notional = quantity.multiply(price);
        BigDecimal needed = notional.divide(BigDecimal.valueOf(leverage), MONEY_SCALE, RoundingMode.HALF_UP)
                .add(notional.multiply(Contract.TAKER_FEE_RATE));
        return available(account, excluded).compareTo(needed) >= 0;
    }

    // --------------------------------------------------------------------------------- orders

    /** Validates and places an order (or only validates it when {@code test}); answers data.order. */
    synchronized Map<String, Object> placeOrder(Account account, Params params, boolean test) {
        try {
            tick();
            OrderRequest request = orderRequest(account, params);
            SymbolReplay replay = replay(request.symbol());
            BigDecimal price = replay.price();
            if (!request.clientOrderId().isEmpty() && account.ordersByClientId.containsKey(request.clientOrderId())) {
                throw new BingxException(BingxException.DUPLICATE_ORDER,
                        "Duplicate clientOrderId: " + request.clientOrderId());
            }
            String direction = direction(account, request);
            int leverage = account.leverage(request.symbol(), direction);
            boolean marketable = "MARKET".equals(request.type()) || ("LIMIT".equals(request.type())
                    && (isBuy(request) ? price.compareTo(request.price()) <= 0 : price.compareTo(request.price()) >= 0));
            if (!isConditional(request)) {
                BigDecimal closable = closableQuantity(account, request);
                boolean closing = account.hedgeMode ? isHedgeClose(request) : request.reduceOnly();
                if (closing && closable.compareTo(request.quantity()) < 0) {
                    throw BingxException.invalid(closable.signum() == 0 ? "No position to close"
                            : "Quantity exceeds the position: " + closable.toPlainString());
                }
                BigDecimal opening = request.quantity().subtract(closable).max(BigDecimal.ZERO);
                if (!closing && opening.signum() > 0
                        && !hasMarginFor(account, opening, marketable ? price : request.price(), leverage, null)) {
                    throw new BingxException(BingxException.INSUFFICIENT_MARGIN, "Insufficient margin");
                }
            }
            if ((request.stopLoss() != null || request.takeProfit() != null)
                    && (account.hedgeMode ? isHedgeClose(request) : request.reduceOnly())) {
                throw BingxException.invalid("stopLoss/takeProfit can only be attached to an opening order");
            }
            long now = serverClock.getAsLong();
            boolean acknowledge = placeAnswer(account) == PlaceAnswer.ACKNOWLEDGED;
            if (test) {
                Order tested = new Order(0, request, now, leverage);
                return Map.of("order", acknowledge ? Views.acknowledgement(tested) : Views.placed(tested));
            }
            Boolean triggerRising = Order.isTriggerType(request.type()) ? request.stopPrice().compareTo(price) >= 0 : null;
            Order order = new Order(nextOrderId++, request, now, leverage, triggerRising);
            account.add(order);
            publish(account, order, "NEW", BigDecimal.ZERO, BigDecimal.ZERO);
            if (marketable && acknowledge) {
                order.fillAt = now + fillDelayMillis;
                wakeAfterCommit = true;
            } else if (marketable) {
                execute(account, order, price, false);
            }
            return Map.of("order", acknowledge ? Views.acknowledgement(order) : Views.placed(order));
        } finally {
            boolean wake = wakeAfterCommit;
            wakeAfterCommit = false;
            try {
                commit();
            } finally {
                if (wake) {
                    wakeUp.accept(fillDelayMillis);
                }
            }
        }
    }

    private boolean wakeAfterCommit;

    /**
     * Fills the pending (acknowledged, not yet filled) orders that are due — or all of them — at the
     * current price: a MARKET order as taker; a LIMIT order as taker while still marketable, else it rests.
     */
    private void fillPending(boolean all) {
        long now = serverClock.getAsLong();
        for (Account account : accounts.values()) {
            for (Order order : account.openOrders()) {
                if (!order.isPending() || !order.isOpen() || !all && order.fillAt > now) {
                    continue;
                }
                order.fillAt = 0;
                dirty = true;
                BigDecimal price = replay(order.symbol).price();
                boolean marketable = !"LIMIT".equals(order.type)
                        || (order.isBuy() ? price.compareTo(order.price) <= 0 : price.compareTo(order.price) >= 0);
                if (marketable) {
                    execute(account, order, price, false);
                }
            }
        }
    }

    private OrderRequest orderRequest(Account account, Params params) {
        String symbol = params.required("symbol");
        Contract contract = replay(symbol).contract();
        String side = params.required("side").toUpperCase();
        if (!side.equals("BUY") && !side.equals("SELL")) {
            throw BingxException.invalid("side must be BUY or SELL");
        }
        String type = params.required("type").toUpperCase();
        if (!ORDER_TYPES.contains(type)) {
            throw BingxException.invalid("unsupported order type: " + type);
        }
        if (account.hedgeMode && params.optional("reduceOnly").isPresent()) {
            // BingX refuses the field itself in hedge mode, true or false: side + positionSide say what closes
            throw new BingxException(BingxException.BAD_SYMBOL,
                    "In the Hedge mode, the 'ReduceOnly' field can not be filled.");
        }
        boolean reduceOnly = params.bool("reduceOnly").orElse(false);
        String positionSide;
        if (account.hedgeMode) {
            positionSide = params.optional("positionSide").map(String::toUpperCase)
                    .orElseThrow(() -> BingxException.invalid("positionSide is required in hedge mode"));
            if (!positionSide.equals("LONG") && !positionSide.equals("SHORT")) {
                throw BingxException.invalid("positionSide must be LONG or SHORT in hedge mode");
            }
        } else {
            positionSide = params.optional("positionSide").map(String::toUpperCase).orElse("BOTH");
            if (!positionSide.equals("BOTH")) {
                throw BingxException.invalid("In the One-way mode, the 'PositionSide' field can only be set to BOTH.");
            }
        }
        BigDecimal quantity = contract.truncateQuantity(params.decimal("quantity")
                .orElseThrow(() -> BingxException.invalid("quantity is required")));
        if (quantity.compareTo(contract.tradeMinQuantity()) < 0) {
            throw BingxException.invalid("quantity below the minimum " + contract.tradeMinQuantity().toPlainString());
        }
        BigDecimal price = params.decimal("price").map(contract::truncatePrice).orElse(null);
        BigDecimal stopPrice = params.decimal("stopPrice").map(contract::truncatePrice).orElse(null);
        boolean limitPrice = type.equals("LIMIT") || type.equals("TRIGGER_LIMIT");
        if (limitPrice && (price == null || price.signum() <= 0)) {
            throw BingxException.invalid("price is required for " + type + " orders");
        }
        if (!limitPrice) {
            price = null;
        }
        if ((type.endsWith("_MARKET") || type.equals("TRIGGER_LIMIT")) && (stopPrice == null || stopPrice.signum() <= 0)) {
            throw BingxException.invalid("stopPrice is required for " + type);
        }
        BigDecimal notionalPrice = price != null ? price : stopPrice != null ? stopPrice : replay(symbol).price();
        if (quantity.multiply(notionalPrice).compareTo(contract.tradeMinUsdt()) < 0) {
            throw BingxException.invalid("order value below the minimum " + contract.tradeMinUsdt() + " USDT");
        }
        String clientOrderId = clientOrderId(params).orElse("");
        if (clientOrderId.length() > 40) {
            throw BingxException.invalid("clientOrderId must be 1 to 40 characters");
        }
        Order.Attached stopLoss = attached(params, "stopLoss", "STOP_MARKET", contract);
        Order.Attached takeProfit = attached(params, "takeProfit", "TAKE_PROFIT_MARKET", contract);
        return new OrderRequest(symbol, side, positionSide, type, quantity, price, stopPrice, clientOrderId,
                reduceOnly, params.optional("workingType").orElse("MARK_PRICE"),
                params.optional("timeInForce").orElse("GTC"), stopLoss, takeProfit);
    }

    /**
     * The client order id, lower-cased as BingX does, from {@code clientOrderId} or {@code clientOrderID}
     * (BingX accepts both spellings; ccxt sends the latter); both given and different → 80014.
     */
    private static Optional<String> clientOrderId(Params params) {
        Optional<String> camel = params.optional("clientOrderId").map(String::toLowerCase);
        Optional<String> upper = params.optional("clientOrderID").map(String::toLowerCase);
        if (camel.isPresent() && upper.isPresent() && !camel.equals(upper)) {
            throw BingxException.invalid("clientOrderId and clientOrderID differ");
        }
        return camel.or(() -> upper);
    }

    private static Order.Attached attached(Params params, String name, String expectedType, Contract contract) {
        Optional<String> json = params.optional(name);
        if (json.isEmpty()) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(json.get());
        } catch (IOException e) {
            throw BingxException.invalid(name + " is not valid JSON");
        }
        String type = node.path("type").asText(expectedType).toUpperCase();
        if (!type.equals(expectedType)) {
            throw BingxException.invalid(name + " type must be " + expectedType);
        }
        JsonNode stopPrice = node.path("stopPrice");
        BigDecimal value;
        try {
            value = stopPrice.isNumber() ? stopPrice.decimalValue() : new BigDecimal(stopPrice.asText());
        } catch (NumberFormatException e) {
            throw BingxException.invalid(name + " needs a numeric stopPrice");
        }
        if (value.signum() <= 0) {
            throw BingxException.invalid(name + " needs a positive stopPrice");
        }
        return new Order.Attached(type, contract.truncatePrice(value));
    }

    private static boolean isBuy(OrderRequest request) {
        return "BUY".equals(request.side());
    }

    /** Orders that wait for a price (stops, take-profits, plan orders): checked when they execute, not when placed. */
    private static boolean isConditional(OrderRequest request) {
        return request.type().endsWith("_MARKET") || Order.isTriggerType(request.type());
    }

    private static boolean isHedgeClose(OrderRequest request) {
        return request.positionSide().equals("LONG") != isBuy(request);
    }

    /** LONG or SHORT: which leverage applies to the position this order opens or closes. */
    private static String direction(Account account, OrderRequest request) {
        if (account.hedgeMode) {
            return request.positionSide();
        }
        return isBuy(request) ? "LONG" : "SHORT";
    }

    /** How much of the request would reduce an existing position right now. */
    private BigDecimal closableQuantity(Account account, OrderRequest request) {
        if (account.hedgeMode) {
            if (!isHedgeClose(request)) {
                return BigDecimal.ZERO;
            }
            Position position = account.positions.get(Account.positionKey(request.symbol(), request.positionSide()));
            return position == null ? BigDecimal.ZERO : position.quantity;
        }
        Position position = account.positions.get(Account.positionKey(request.symbol(), "BOTH"));
        if (position == null || position.isLong == isBuy(request)) {
            return BigDecimal.ZERO;
        }
        return position.quantity.min(request.quantity());
    }

    private static boolean closes(Order order, Position position) {
        return order.isClosing() && order.positionSide.equals(position.positionSide);
    }

    synchronized Map<String, Object> cancelOrder(Account account, Params params) {
        try {
            Order order = findOrder(account, params);
            if (!order.isOpen()) {
                throw new BingxException(80018, "order is already " + order.status.toLowerCase());
            }
            cancel(account, order, Order.CANCELLED);
            return Map.of("order", Views.order(order));
        } finally {
            commit();
        }
    }

    synchronized Map<String, Object> queryOrder(Account account, Params params) {
        return Map.of("order", Views.order(findOrder(account, params)));
    }

    private Order findOrder(Account account, Params params) {
        String symbol = params.required("symbol");
        replay(symbol);
        Optional<Long> orderId = params.longValue("orderId");
        Optional<String> clientOrderId = clientOrderId(params);
        if (orderId.isEmpty() && clientOrderId.isEmpty()) {
            throw BingxException.invalid("orderId or clientOrderId is required");
        }
        Order order = orderId.isPresent() ? account.ordersById.get(orderId.get())
                : account.ordersByClientId.get(clientOrderId.get());
        if (order == null || !order.symbol.equals(symbol)) {
            throw new BingxException(BingxException.ORDER_NOT_FOUND, "order not exist");
        }
        return order;
    }

    synchronized Map<String, Object> openOrders(Account account, Params params) {
        Optional<String> symbol = params.optional("symbol");
        symbol.ifPresent(this::replay);
        return Map.of("orders", account.openOrders().stream()
                .filter(o -> symbol.map(o.symbol::equals).orElse(true))
                .map(Views::order).toList());
    }

    /**
     * {@code GET /openApi/swap/v2/trade/allOrders} ({@code withOpen} false: finished orders only, a
     * startTime–endTime range of at most 7 days, by default the last 7 days) and
     * {@code GET /openApi/swap/v1/trade/fullOrder} ({@code withOpen} true: open orders too, any range).
     * Optional symbol (all symbols without), orderId (that order and later ones), limit 1–1000 (default
     * 500: the latest ones, or the first ones from orderId on). Oldest first. Times are creation times.
     */
    synchronized Map<String, Object> orderHistory(Account account, Params params, boolean withOpen) {
        Optional<String> symbol = params.optional("symbol");
        symbol.ifPresent(this::replay);
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
            end = endTime.orElse(Math.max(serverClock.getAsLong(), startTime.orElse(0L)));
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
                .sorted(java.util.Comparator.comparingLong(o -> o.orderId))
                .toList();
        List<Order> page = fromOrderId.isPresent() ? matching.subList(0, Math.min(limit, matching.size()))
                : matching.subList(Math.max(0, matching.size() - limit), matching.size());
        return Map.of("orders", page.stream().map(Views::order).toList());
    }

    /**
     * {@code GET /openApi/swap/v2/trade/allFillOrders}: the account's executions between startTs and endTs
     * (both required), optionally of one symbol or one orderId. tradingUnit (required) COIN or CONT: one
     * contract is one coin here, so both give the same volumes. currency USDT (default) or USDC (none).
     */
    synchronized Map<String, Object> fillHistory(Account account, Params params) {
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
        symbol.ifPresent(this::replay);
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

    /** Cancels every open order (of one symbol when given); answers {success:[orders], failed:null}. */
    synchronized Map<String, Object> cancelAll(Account account, String symbol) {
        try {
            if (symbol != null) {
                replay(symbol);
            }
            List<Map<String, Object>> cancelled = new ArrayList<>();
            for (Order order : account.openOrders()) {
                if (symbol == null || symbol.equals(order.symbol)) {
                    cancel(account, order, Order.CANCELLED);
                    cancelled.add(Views.order(order));
                }
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("success", cancelled);
            data.put("failed", null);
            return data;
        } finally {
            commit();
        }
    }

    /** Closes every position (of one symbol when given) at market; answers the closing order ids. */
    synchronized Map<String, Object> closeAllPositions(Account account, String symbol) {
        try {
            tick();
            if (symbol != null) {
                replay(symbol);
            }
            List<Long> orderIds = new ArrayList<>();
            for (Position position : List.copyOf(account.positions.values())) {
                if (symbol != null && !symbol.equals(position.symbol)) {
                    continue;
                }
                String side = position.isLong ? "SELL" : "BUY";
                OrderRequest request = new OrderRequest(position.symbol, side, position.positionSide, "MARKET",
                        position.quantity, null, null, "", !account.hedgeMode, "MARK_PRICE", "GTC", null, null);
                Order order = new Order(nextOrderId++, request, serverClock.getAsLong(),
                        account.leverage(position.symbol, position.direction()));
                account.add(order);
                publish(account, order, "NEW", BigDecimal.ZERO, BigDecimal.ZERO);
                execute(account, order, replay(position.symbol).price(), false);
                orderIds.add(order.orderId);
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("success", orderIds);
            data.put("failed", null);
            return data;
        } finally {
            commit();
        }
    }

    /** Arms (ACTIVATE, timeOut in seconds) or disarms (CLOSE) the dead-man switch. */
    synchronized Map<String, Object> cancelAllAfter(Account account, Params params) {
        try {
            String type = params.required("type").toUpperCase();
            Map<String, Object> data = new LinkedHashMap<>();
            switch (type) {
                case "ACTIVATE" -> {
                    long seconds = params.longValue("timeOut").orElseThrow(() -> BingxException.invalid("timeOut is required"));
                    if (seconds < 10 || seconds > 120) {
                        throw BingxException.invalid("timeOut must be between 10 and 120 seconds");
                    }
                    account.cancelAllAt = serverClock.getAsLong() + seconds * 1000;
                    dirty = true;
                    data.put("triggerTime", account.cancelAllAt);
                    data.put("status", "ACTIVATED");
                    data.put("note", "all open orders are cancelled at triggerTime unless extended or closed");
                }
                case "CLOSE" -> {
                    account.cancelAllAt = 0;
                    dirty = true;
                    data.put("triggerTime", 0);
                    data.put("status", "CLOSED");
                    data.put("note", "the countdown is closed");
                }
                default -> throw BingxException.invalid("type must be ACTIVATE or CLOSE");
            }
            return data;
        } finally {
            commit();
        }
    }

    // ------------------------------------------------------------------------------- settings

    synchronized Map<String, Object> leverage(Account account, String symbol) {
        replay(symbol);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("longLeverage", account.leverage(symbol, "LONG"));
        data.put("shortLeverage", account.leverage(symbol, "SHORT"));
        data.put("maxLongLeverage", Contract.MAX_LEVERAGE);
        data.put("maxShortLeverage", Contract.MAX_LEVERAGE);
        return data;
    }

    synchronized Map<String, Object> setLeverage(Account account, Params params) {
        try {
            String symbol = params.required("symbol");
            replay(symbol);
            String side = params.required("side").toUpperCase();
            int leverage = params.longValue("leverage").map(Long::intValue)
                    .orElseThrow(() -> BingxException.invalid("leverage is required"));
            if (account.hedgeMode && !side.equals("LONG") && !side.equals("SHORT")) {
                throw BingxException.invalid("side must be LONG or SHORT in hedge mode");
            }
            if (!account.hedgeMode && !side.equals("BOTH")) {
                throw new BingxException(BingxException.BAD_SYMBOL,
                        "In the One-way mode, the 'PositionSide' field can only be set to BOTH.");
            }
            if (leverage < 1) {
                throw BingxException.invalid("leverage must be at least 1");
            }
            if (leverage > Contract.MAX_LEVERAGE) {
                throw new BingxException(BingxException.LEVERAGE_ABOVE_MAX,
                        "leverage above the maximum " + Contract.MAX_LEVERAGE);
            }
            for (String direction : side.equals("BOTH") ? List.of("LONG", "SHORT") : List.of(side)) {
                account.leverages.put(symbol + "/" + direction, leverage);
            }
            dirty = true;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("leverage", leverage);
            data.put("symbol", symbol);
            return data;
        } finally {
            commit();
        }
    }

    synchronized Map<String, Object> marginType(Account account, String symbol) {
        replay(symbol);
        return Map.of("marginType", account.marginType(symbol));
    }

    synchronized Map<String, Object> setMarginType(Account account, Params params) {
        try {
            String symbol = params.required("symbol");
            replay(symbol);
            String marginType = params.required("marginType").toUpperCase();
            if (!marginType.equals("ISOLATED") && !marginType.equals("CROSSED")) {
                throw BingxException.invalid("marginType must be ISOLATED or CROSSED");
            }
            account.marginTypes.put(symbol, marginType);
            dirty = true;
            return Map.of("symbol", symbol, "marginType", marginType);
        } finally {
            commit();
        }
    }

    synchronized Map<String, Object> positionMode(Account account) {
        return Map.of("dualSidePosition", String.valueOf(account.hedgeMode));
    }

    synchronized Map<String, Object> setPositionMode(Account account, Params params) {
        try {
            boolean hedge = params.bool("dualSidePosition")
                    .orElseThrow(() -> BingxException.invalid("dualSidePosition is required"));
            if (hedge != account.hedgeMode && (!account.positions.isEmpty() || !account.openOrders().isEmpty())) {
                throw new BingxException(BingxException.POSITION_MODE_CONFLICT,
                        "position mode cannot be changed while orders or positions are open");
            }
            account.hedgeMode = hedge;
            dirty = true;
            return positionMode(account);
        } finally {
            commit();
        }
    }

    // ------------------------------------------------------------------------------- matching

    @Override
    public void onPrice(SymbolReplay replay, BigDecimal previous, BigDecimal price, boolean continuous) {
        for (Account account : accounts.values()) {
            for (Order order : account.openOrders()) {
                if (!order.isOpen() || order.isPending() || !order.symbol.equals(replay.symbol())) {
                    continue;
                }
                if (order.isTrigger() && !order.triggered) {
                    BigDecimal stop = order.stopPrice;
                    boolean fires = Boolean.FALSE.equals(order.triggerRising) ? price.compareTo(stop) <= 0
                            : price.compareTo(stop) >= 0;
                    if (fires) {
                        fireTrigger(account, order, passedThrough(previous, price, stop, continuous) ? stop : price);
                    }
                    continue;
                }
                boolean limit = order.restsAsLimit();
                BigDecimal trigger = limit ? order.price : order.stopPrice;
                if (order.isClosing() && liquidatedBefore(account, order, trigger, previous, price)) {
                    continue;
                }
                boolean belowFires = limit || "TAKE_PROFIT_MARKET".equals(order.type) ? order.isBuy() : !order.isBuy();
                boolean reached = belowFires ? price.compareTo(trigger) <= 0 : price.compareTo(trigger) >= 0;
                if (reached) {
                    execute(account, order, passedThrough(previous, price, trigger, continuous) ? trigger : price, limit);
                }
            }
            for (Position position : List.copyOf(account.positions.values())) {
                if (position.symbol.equals(replay.symbol())) {
                    BigDecimal liquidation = liquidationReached(account, position, price);
                    if (liquidation != null) {
                        liquidate(account, position, liquidation);
                    }
                }
            }
        }
    }

    private static boolean passedThrough(BigDecimal previous, BigDecimal price, BigDecimal level, boolean continuous) {
        return continuous && previous.min(price).compareTo(level) <= 0 && previous.max(price).compareTo(level) >= 0;
    }

    /**
     * A plan order's stopPrice was reached at {@code at}: a TRIGGER_MARKET fills there as taker; a
     * TRIGGER_LIMIT fills there as taker when its limit is marketable, else rests as a limit at its price
     * (maker when it fills later). Its margin and quantity are checked when it fills, as for stops.
     */
    private void fireTrigger(Account account, Order order, BigDecimal at) {
        if ("TRIGGER_MARKET".equals(order.type)) {
            execute(account, order, at, false);
            return;
        }
        boolean marketable = order.isBuy() ? at.compareTo(order.price) <= 0 : at.compareTo(order.price) >= 0;
        if (marketable) {
            execute(account, order, at, false);
            return;
        }
        order.triggered = true;
        order.updateTime = serverClock.getAsLong();
        dirty = true;
    }

    /** The liquidation price of an isolated position when {@code price} reached it, else null. */
    private BigDecimal liquidationReached(Account account, Position position, BigDecimal price) {
        if (position.quantity.signum() == 0 || !"ISOLATED".equals(account.marginType(position.symbol))) {
            return null;
        }
        BigDecimal liquidation = liquidationPrice(account, position);
        boolean reached = position.isLong ? price.compareTo(liquidation) <= 0 : price.compareTo(liquidation) >= 0;
        return reached ? liquidation : null;
    }

    /**
     * True when the position {@code order} closes is liquidated in this price move before the order's
     * trigger is reached (its liquidation price lies nearer to {@code previous} than the trigger): the
     * liquidation comes first and the order is cancelled with the position.
     */
    private boolean liquidatedBefore(Account account, Order order, BigDecimal trigger, BigDecimal previous,
                                     BigDecimal price) {
        Position position = account.positions.get(Account.positionKey(order.symbol, order.positionSide));
        if (position == null || !closes(order, position)) {
            return false;
        }
        BigDecimal liquidation = liquidationReached(account, position, price);
        return liquidation != null
                && liquidation.subtract(previous).abs().compareTo(trigger.subtract(previous).abs()) < 0;
    }

    /**
     * Liquidates an isolated position at its liquidation price: its closing orders are cancelled, a
     * LIQUIDATION order closes the whole quantity there (realised PnL booked as REALIZED_PNL), and what is
     * left of the position's margin is taken too (INSURANCE_CLEAR income, the order's commission), so the
     * wallet loses exactly the position's initial margin. The loss never exceeds it, also after a gap.
     */
    private void liquidate(Account account, Position position, BigDecimal liquidation) {
        int leverage = account.leverage(position.symbol, position.direction());
        BigDecimal margin = position.initialMargin(leverage);
        for (Order order : account.openOrders()) {
            if (order.symbol.equals(position.symbol) && closes(order, position)) {
                cancel(account, order, Order.CANCELLED);
            }
        }
        long now = serverClock.getAsLong();
        OrderRequest request = new OrderRequest(position.symbol, position.isLong ? "SELL" : "BUY",
                position.positionSide, Order.LIQUIDATION, position.quantity, liquidation, null, "",
                !account.hedgeMode, "MARK_PRICE", "GTC", null, null);
        Order order = new Order(nextOrderId++, request, now, leverage);
        account.add(order);
        BigDecimal realised = (position.isLong ? liquidation.subtract(position.avgPrice)
                : position.avgPrice.subtract(liquidation)).multiply(position.quantity)
                .setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        BigDecimal clearance = margin.add(realised).max(BigDecimal.ZERO).setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        BigDecimal change = realised.subtract(clearance);
        account.balance = account.balance.add(change);
        account.realisedProfit = account.realisedProfit.add(change);
        position.realisedProfit = position.realisedProfit.add(change);
        order.status = Order.FILLED;
        order.executedQty = position.quantity;
        order.avgPrice = liquidation;
        order.profit = realised;
        order.commission = clearance.negate();
        order.updateTime = now;
        account.incomes.add(new Income(nextTranId++, position.symbol, "REALIZED_PNL", realised, "Liquidation",
                now, order.orderId));
        if (clearance.signum() > 0) {
            account.incomes.add(new Income(nextTranId++, position.symbol, "INSURANCE_CLEAR", clearance.negate(),
                    "Liquidation clearance", now, order.orderId));
        }
        account.fills.add(new Fill(nextTranId++, order.orderId, order.symbol, order.side, order.positionSide, order.type,
                "", order.workingType, liquidation, position.quantity, clearance.negate(), realised, false, now));
        publish(account, order, "TRADE", clearance, realised);
        position.quantity = BigDecimal.ZERO;
        account.positions.remove(Account.positionKey(position.symbol, position.positionSide));
        publishAccount(account, position);
    }

    @Override
    public void onKline(SymbolReplay replay, Candle candle, boolean closed) {
        // market data is the same series after a restart, so it need not wait for a write
        events.kline(replay, candle, closed);
        dirty |= closed;
        if (closed && Funding.isFundingTime(candle.openTime() + SymbolReplay.PERIOD_MILLIS)) {
            chargeFunding(replay);
        }
    }

    /**
     * Fills {@code order} completely at {@code price}: closes what it closes, opens what it opens,
     * books PnL and fee, attaches its stop-loss / take-profit. An order that finds nothing to close,
     * or no margin for what it would open, expires instead.
     */
    private void execute(Account account, Order order, BigDecimal price, boolean maker) {
        String key = Account.positionKey(order.symbol, order.positionSide);
        Position position = account.positions.get(key);
        BigDecimal closeQty;
        BigDecimal openQty;
        if (account.hedgeMode) {
            closeQty = order.isClosing() ? (position == null ? BigDecimal.ZERO : position.quantity.min(order.quantity))
                    : BigDecimal.ZERO;
            openQty = order.isClosing() ? BigDecimal.ZERO : order.quantity;
        } else {
            boolean reduces = position != null && position.isLong != order.isBuy();
            closeQty = reduces ? position.quantity.min(order.quantity) : BigDecimal.ZERO;
            openQty = order.reduceOnly ? BigDecimal.ZERO : order.quantity.subtract(closeQty);
        }
        boolean opensLong = account.hedgeMode ? "LONG".equals(order.positionSide) : order.isBuy();
        if (closeQty.signum() == 0 && openQty.signum() == 0
                || openQty.signum() > 0 && !hasMarginFor(account, openQty,
                price, account.leverage(order.symbol, opensLong ? "LONG" : "SHORT"), order)) {
            cancel(account, order, Order.EXPIRED);
            return;
        }
        BigDecimal realised = BigDecimal.ZERO;
        if (closeQty.signum() > 0) {
            realised = (position.isLong ? price.subtract(position.avgPrice) : position.avgPrice.subtract(price))
                    .multiply(closeQty).setScale(MONEY_SCALE, RoundingMode.HALF_UP);
            position.quantity = position.quantity.subtract(closeQty);
        }
        if (openQty.signum() > 0) {
            if (position == null || position.quantity.signum() == 0) {
                if (position != null) {
                    account.positions.remove(key);
                }
                position = new Position(nextPositionId++, order.symbol, order.positionSide, opensLong);
                account.positions.put(key, position);
            }
            position.add(openQty, price);
        }
        BigDecimal executed = closeQty.add(openQty);
        BigDecimal fee = executed.multiply(price).multiply(maker ? Contract.MAKER_FEE_RATE : Contract.TAKER_FEE_RATE)
                .setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        account.balance = account.balance.add(realised).subtract(fee);
        account.realisedProfit = account.realisedProfit.add(realised).subtract(fee);
        position.realisedProfit = position.realisedProfit.add(realised).subtract(fee);
        long now = serverClock.getAsLong();
        order.status = Order.FILLED;
        order.executedQty = executed;
        order.avgPrice = price;
        order.profit = realised;
        order.commission = fee.negate();
        order.updateTime = now;
        if (closeQty.signum() > 0) {
            account.incomes.add(new Income(nextTranId++, order.symbol, "REALIZED_PNL", realised, "Position closed",
                    now, order.orderId));
        }
        account.incomes.add(new Income(nextTranId++, order.symbol, "TRADING_FEE", fee.negate(), "Trading fee",
                now, order.orderId));
        account.fills.add(new Fill(nextTranId++, order.orderId, order.symbol, order.side, order.positionSide, order.type,
                order.clientOrderId, order.workingType, price, executed, fee.negate(), realised, maker, now));
        publish(account, order, "TRADE", fee, realised);
        if (position.quantity.signum() == 0) {
            account.positions.remove(key);
            cancelProtection(account, position);
        } else if (openQty.signum() > 0) {
            attachProtection(account, order, openQty);
        }
        publishAccount(account, position);
    }

    private void attachProtection(Account account, Order entry, BigDecimal quantity) {
        for (Order.Attached attached : new Order.Attached[] {entry.stopLoss, entry.takeProfit}) {
            if (attached == null) {
                continue;
            }
            OrderRequest request = new OrderRequest(entry.symbol, entry.isBuy() ? "SELL" : "BUY", entry.positionSide,
                    attached.type(), quantity, null, attached.stopPrice(), "", !account.hedgeMode, entry.workingType,
                    "GTC", null, null);
            Order protection = new Order(nextOrderId++, request, serverClock.getAsLong(), entry.leverage);
            account.add(protection);
            publish(account, protection, "NEW", BigDecimal.ZERO, BigDecimal.ZERO);
        }
    }

    /** A closed position takes its stop-loss / take-profit orders with it. */
    private void cancelProtection(Account account, Position position) {
        for (Order order : account.openOrders()) {
            if (order.isConditional() && order.symbol.equals(position.symbol) && closes(order, position)) {
                cancel(account, order, Order.CANCELLED);
            }
        }
    }

    private void cancel(Account account, Order order, String status) {
        order.status = status;
        order.fillAt = 0;
        order.updateTime = serverClock.getAsLong();
        publish(account, order, status.equals(Order.EXPIRED) ? "EXPIRED" : "CANCELED", BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** Every change of an order is published, so this also marks the books changed. */
    private void publish(Account account, Order order, String executionType, BigDecimal fee, BigDecimal realised) {
        send(account, Views.orderTradeUpdate(order, executionType, fee, realised, serverClock.getAsLong()));
    }

    private void send(Account account, Map<String, Object> event) {
        dirty = true;
        String apiKey = account.apiKey;
        outbox.add(() -> events.userEvent(apiKey, event));
    }

    private void publishAccount(Account account, Position touched) {
        publishAccount(account, touched, "ORDER", BigDecimal.ZERO);
    }

    /** ACCOUNT_UPDATE with reason {@code m} (ORDER, FUNDING_FEE) and the wallet change {@code bc} outside PnL and fees. */
    private void publishAccount(Account account, Position touched, String reason, BigDecimal balanceChange) {
        Map<String, Object> wallet = new LinkedHashMap<>();
        wallet.put("a", "USDT");
        wallet.put("wb", Views.decimal(account.balance));
        wallet.put("cw", Views.decimal(account.balance));
        wallet.put("bc", Views.decimal(balanceChange));
        BigDecimal mark = replay(touched.symbol).price();
        Map<String, Object> position = new LinkedHashMap<>();
        position.put("s", touched.symbol);
        position.put("pa", Views.decimal(touched.quantity));
        position.put("ep", Views.decimal(touched.avgPrice));
        position.put("up", Views.decimal(touched.unrealisedProfit(mark)));
        position.put("mt", "ISOLATED".equals(account.marginType(touched.symbol)) ? "isolated" : "cross");
        position.put("iw", "0");
        position.put("ps", touched.direction());
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("m", reason);
        update.put("B", List.of(wallet));
        update.put("P", List.of(position));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("e", "ACCOUNT_UPDATE");
        event.put("E", serverClock.getAsLong());
        event.put("a", update);
        send(account, event);
    }
}
