package dev.trenddesk.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The simulated exchange as its APIs see it: every operation of the REST, admin and clock APIs, each one
 * atomic. It owns the clock steps, the persistence of the books and the order placement; the work itself
 * is done by its parts, one job each:
 * <ul>
 *   <li>{@link Books}: the accounts, id counters, the changed mark and the outbox of user-data events;</li>
 *   <li>{@link OrderValidation}: a place-order request checked as BingX does;</li>
 *   <li>{@link Matching}: fills, triggers, cancels and liquidations as the price moves;</li>
 *   <li>{@link Margin}: equity, used / frozen / available margin, liquidation prices;</li>
 *   <li>{@link FundingFees}: the premium index and the fee at each funding time;</li>
 *   <li>{@link AccountSettings}: leverage, margin type, position mode, cancel-all-after;</li>
 *   <li>{@link AccountHistory}: order, fill and income queries;</li>
 *   <li>{@link AccountViews} and {@link Views}: the JSON shapes.</li>
 * </ul>
 *
 * <p><b>One lock.</b> The exchange's monitor is the only lock of the books: every operation here is
 * {@code synchronized}, and the market's callbacks ({@link #onPrice}, {@link #onKline}) only run inside
 * {@link #tick()} and {@link #step(int)}, which hold it. The parts keep no lock of their own and are
 * reached only through the exchange, so market moves, order placement and fills never interleave;
 * {@link Books} asserts the lock is held whenever a change is marked or an event queued. A part that
 * needs another part gets it in its constructor, never the exchange itself.
 *
 * <p>Placement answers (see {@link PlaceAnswer}): by default an acknowledgement, as BingX gives; a MARKET
 * order, and a LIMIT order marketable when placed, is then <em>pending</em> (status NEW, {@code fillAt}
 * set) and fills {@code fillDelay} later at the price of that moment (a pending LIMIT no longer
 * marketable then rests). Pending orders fill on the scheduled wake-up or any tick after their time; a
 * stepped clock fills every pending order before it moves (so the fill price is the price at
 * placement), and after a restart every pending order fills at the first tick.
 *
 * <p>Persistence: every operation that changes the books marks them changed and ends with
 * {@link #commit()}, which (with a data directory) writes the whole state before the operation
 * returns, and only then hands the user-data events it produced to the WebSocket. Candle closes mark
 * the clock changed too, so the saved market time trails the live one by at most one candle.
 */
final class Exchange implements SymbolReplay.Listener {

    /** Where the exchange sends what a WebSocket client would see. */
    interface Events {
        void userEvent(String apiKey, Map<String, Object> event);

        void kline(SymbolReplay replay, Candle candle, boolean closed);
    }

    private final Market market;
    private final Events events;
    private final Books books;
    private final Margin margin;
    private final OrderValidation validation;
    private final Matching matching;
    private final FundingFees funding;
    private final AccountSettings settings;
    private final AccountHistory history;
    private final AccountViews views;
    /** Writes {@link #saved} durably; null keeps everything in memory. */
    private Runnable saver;

    private PlaceAnswer placeAnswer = PlaceAnswer.ACKNOWLEDGED;
    private long fillDelayMillis = 5;
    /** Asked to run {@link #tick()} after the given milliseconds, so a pending order fills on time. */
    private LongConsumer wakeUp = delay -> {};
    /** Orders left pending by the previous run fill at the first tick after a restart. */
    private boolean pendingFromRestore;
    /** Set by a placement that left an order pending: the wake-up is asked for once its commit is done. */
    private boolean wakeAfterCommit;

    Exchange(Market market, LongSupplier serverClock, Events events) {
        this.market = market;
        this.events = events;
        this.books = new Books(market, serverClock, events, this);
        this.margin = new Margin(books);
        this.validation = new OrderValidation(books, margin);
        this.matching = new Matching(books, margin);
        this.funding = new FundingFees(books);
        this.settings = new AccountSettings(books);
        this.history = new AccountHistory(books);
        this.views = new AccountViews(books, margin);
    }

    /** How placements are answered, and how to be woken when a pending order is due. */
    synchronized void answerPlacements(PlaceAnswer answer, Duration fillDelay, LongConsumer wakeUp) {
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
            matching.fillPending(pendingFromRestore);
            pendingFromRestore = false;
            long now = books.serverNow();
            for (Account account : books.accounts.values()) {
                if (account.cancelAllAt != 0 && now >= account.cancelAllAt) {
                    account.cancelAllAt = 0;
                    books.changed();
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
            matching.fillPending(true);
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

    /** Called by the market while {@link #tick()} or {@link #step(int)} holds the lock. */
    @Override
    public void onPrice(SymbolReplay replay, BigDecimal previous, BigDecimal price, boolean continuous) {
        matching.match(replay, previous, price, continuous);
    }

    /** Called by the market while {@link #tick()} or {@link #step(int)} holds the lock. */
    @Override
    public void onKline(SymbolReplay replay, Candle candle, boolean closed) {
        // market data is the same series after a restart, so it need not wait for a write
        events.kline(replay, candle, closed);
        if (closed) {
            books.changed();
        }
        if (closed && Funding.isFundingTime(candle.openTime() + SymbolReplay.PERIOD_MILLIS)) {
            funding.charge(replay);
        }
    }

    // ----------------------------------------------------------------------------- persistence

    /** From now on every change is written by {@code saver} (which reads {@link #saved}) before it is answered. */
    synchronized void persistWith(Runnable saver) {
        this.saver = saver;
    }

    /** Writes the state now (closing), whether or not anything changed. */
    synchronized void saveNow() {
        books.changed();
        commit();
    }

    /**
     * Ends an operation: writes the state when it changed (the caller holds the lock), then sends the
     * user-data events the operation produced. A failed write is thrown and its events are dropped, so
     * no client hears of a change that is not on disk.
     */
    private void commit() {
        List<Runnable> produced = books.takeEvents();
        if (books.isChanged() && saver != null) {
            saver.run();
        }
        books.clearChanged();
        produced.forEach(Runnable::run);
    }

    /** Runs an operation that may change the books, and commits it whether it answers or throws. */
    private <T> T changing(Supplier<T> operation) {
        try {
            return operation.get();
        } finally {
            commit();
        }
    }

    /**
     * The state to write. Closed orders and income older than {@link AccountHistory#SEVEN_DAYS_MILLIS} of
     * wall-clock time (BingX's own history window; stamps are market time, so an accelerated market keeps that
     * many times more of it) are forgotten here, in memory too, so the file stays bounded.
     */
    synchronized SavedState saved(List<SavedState.ListenKeyState> listenKeys) {
        long before = books.now() - AccountHistory.SEVEN_DAYS_MILLIS * market.speed();
        for (Account account : books.accounts.values()) {
            account.forget(before);
        }
        return new SavedState(
                SavedState.FORMAT_VERSION,
                System.currentTimeMillis(),
                market.saved(),
                books.nextOrderId,
                books.nextPositionId,
                books.nextTranId,
                books.accounts.values().stream().map(Account::saved).toList(),
                listenKeys);
    }

    /** Takes over the books and id counters of {@code state} (the market was built from it already). */
    synchronized void restore(SavedState state) {
        books.accounts.clear();
        for (SavedState.AccountState saved : state.accounts()) {
            books.accounts.put(saved.apiKey(), Account.restore(saved));
        }
        books.nextOrderId = state.nextOrderId();
        books.nextPositionId = state.nextPositionId();
        books.nextTranId = state.nextTranId();
        pendingFromRestore = books.accounts.values().stream()
                .anyMatch(a -> a.openOrders().stream().anyMatch(Order::isPending));
    }

    // -------------------------------------------------------------------------------- accounts

    /** Creates an account; empty when the API key already exists. */
    synchronized Optional<Account> createAccount(
            String apiKey,
            String secretKey,
            BigDecimal balance,
            Set<String> permissions,
            List<String> ipWhitelist,
            boolean hedgeMode,
            int leverage) {
        return changing(() -> {
            if (books.accounts.containsKey(apiKey)) {
                return Optional.empty();
            }
            Account account = new Account(apiKey, secretKey, balance, permissions, ipWhitelist, hedgeMode, leverage);
            books.accounts.put(apiKey, account);
            books.changed();
            return Optional.of(account);
        });
    }

    synchronized Optional<Account> account(String apiKey) {
        return Optional.ofNullable(books.accounts.get(apiKey));
    }

    synchronized void reset() {
        changing(() -> {
            books.accounts.clear();
            books.changed();
            return null;
        });
    }

    /** Gives {@code account} its own place-order answer (admin API). */
    synchronized void placeAnswer(Account account, PlaceAnswer answer) {
        changing(() -> {
            account.placeAnswer = answer;
            books.changed();
            return null;
        });
    }

    /** The place-order answer {@code account} gets: its own, else the configured one. */
    synchronized PlaceAnswer placeAnswer(Account account) {
        return account.placeAnswer != null ? account.placeAnswer : placeAnswer;
    }

    /** The admin view of every account, in creation order. */
    synchronized List<Map<String, Object>> adminViews() {
        return books.accounts.values().stream().map(this::adminView).toList();
    }

    /** The admin view of an account: balances, positions, open orders and every order ever placed. */
    synchronized Map<String, Object> adminView(Account account) {
        return views.adminView(account, placeAnswer(account));
    }

    /** {@code GET /openApi/v1/account/apiPermissions}: the key's permissions (BingX's numbers) and IP whitelist. */
    synchronized Map<String, Object> apiPermissions(Account account) {
        return views.apiPermissions(account);
    }

    // ----------------------------------------------------------------------------- market data

    synchronized List<Map<String, Object>> klines(
            String symbol, KlineInterval interval, Long startTime, Long endTime, int limit) {
        return MarketData.klines(books.replay(symbol), interval, startTime, endTime, limit).stream()
                .map(Views::klineRow)
                .toList();
    }

    /** The 24-hour ticker of {@code symbol}, or of every contract (an array) when it is null. */
    synchronized Object ticker(String symbol) {
        if (symbol != null) {
            return MarketData.ticker(books.replay(symbol));
        }
        return market.replays().stream().map(MarketData::ticker).toList();
    }

    synchronized Map<String, Object> depth(String symbol, int limit) {
        return Views.depth(MarketData.book(books.replay(symbol), limit));
    }

    synchronized List<Map<String, Object>> trades(String symbol, int limit) {
        return MarketData.recentTrades(books.replay(symbol), limit).stream()
                .map(Views::trade)
                .toList();
    }

    /** {@code GET /openApi/swap/v2/quote/premiumIndex}: one symbol's mark price and funding, or every symbol's. */
    synchronized Object premiumIndex(Optional<String> symbol) {
        return funding.premiumIndex(symbol);
    }

    // ------------------------------------------------------------------------------- balances

    synchronized Map<String, Object> balance(Account account) {
        return views.balance(account);
    }

    /** {@code GET /openApi/swap/v3/user/balance}: USDT with the books, USDC empty. */
    synchronized List<Map<String, Object>> balancesV3(Account account) {
        return views.balancesV3(account);
    }

    synchronized List<Map<String, Object>> positions(Account account, String symbol) {
        return views.positions(account, symbol);
    }

    synchronized List<Map<String, Object>> income(Account account, Params params) {
        return history.income(account, params);
    }

    // --------------------------------------------------------------------------------- orders

    /** Validates and places an order (or only validates it when {@code test}); answers data.order. */
    synchronized Map<String, Object> placeOrder(Account account, Params params, boolean test) {
        try {
            tick();
            OrderRequest request = validation.orderRequest(account, params);
            BigDecimal price = books.replay(request.symbol()).price();
            int leverage = account.leverage(request.symbol(), OrderValidation.direction(account, request));
            boolean marketable = OrderValidation.marketable(request, price);
            validation.checkPlacement(account, request, price, marketable, leverage);
            long now = books.now();
            boolean acknowledge = placeAnswer(account) == PlaceAnswer.ACKNOWLEDGED;
            if (test) {
                Order tested = new Order(0, request, now, leverage);
                return Map.of("order", acknowledge ? Views.acknowledgement(tested) : Views.placed(tested));
            }
            Boolean triggerRising =
                    Order.isTriggerType(request.type()) ? request.stopPrice().compareTo(price) >= 0 : null;
            Order order = new Order(books.newOrderId(), request, now, leverage, triggerRising);
            matching.accept(account, order);
            if (marketable && acknowledge) {
                order.fillAt = books.serverNow() + fillDelayMillis; // a delay on the wall clock
                wakeAfterCommit = true;
            } else if (marketable) {
                matching.execute(account, order, price, false);
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

    synchronized Map<String, Object> cancelOrder(Account account, Params params) {
        return changing(() -> {
            Order order = history.findOrder(account, params);
            if (!order.isOpen()) {
                throw new BingxException(80018, "order is already " + order.status.toLowerCase());
            }
            matching.cancel(account, order, Order.CANCELLED);
            return Map.of("order", Views.order(order));
        });
    }

    synchronized Map<String, Object> queryOrder(Account account, Params params) {
        return Map.of("order", Views.order(history.findOrder(account, params)));
    }

    synchronized Map<String, Object> openOrders(Account account, Params params) {
        return history.openOrders(account, params);
    }

    /** allOrders ({@code withOpen} false) and fullOrder ({@code withOpen} true): see {@link AccountHistory}. */
    synchronized Map<String, Object> orderHistory(Account account, Params params, boolean withOpen) {
        return history.orderHistory(account, params, withOpen);
    }

    /** allFillOrders: see {@link AccountHistory}. */
    synchronized Map<String, Object> fillHistory(Account account, Params params) {
        return history.fillHistory(account, params);
    }

    /** Cancels every open order (of one symbol when given); answers {success:[orders], failed:null}. */
    synchronized Map<String, Object> cancelAll(Account account, String symbol) {
        return changing(() -> {
            if (symbol != null) {
                books.replay(symbol);
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put(
                    "success",
                    matching.cancelAll(account, symbol).stream()
                            .map(Views::order)
                            .toList());
            data.put("failed", null);
            return data;
        });
    }

    /** Closes every position (of one symbol when given) at market; answers the closing order ids. */
    synchronized Map<String, Object> closeAllPositions(Account account, String symbol) {
        return changing(() -> {
            tick();
            if (symbol != null) {
                books.replay(symbol);
            }
            List<Long> orderIds = new ArrayList<>();
            for (Position position : List.copyOf(account.positions.values())) {
                if (symbol == null || symbol.equals(position.symbol)) {
                    orderIds.add(matching.closeAtMarket(account, position).orderId);
                }
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("success", orderIds);
            data.put("failed", null);
            return data;
        });
    }

    // ------------------------------------------------------------------------------- settings

    /** Arms (ACTIVATE, timeOut in seconds) or disarms (CLOSE) the dead-man switch. */
    synchronized Map<String, Object> cancelAllAfter(Account account, Params params) {
        return changing(() -> settings.cancelAllAfter(account, params));
    }

    synchronized Map<String, Object> leverage(Account account, String symbol) {
        return settings.leverage(account, symbol);
    }

    synchronized Map<String, Object> setLeverage(Account account, Params params) {
        return changing(() -> settings.setLeverage(account, params));
    }

    synchronized Map<String, Object> marginType(Account account, String symbol) {
        return settings.marginType(account, symbol);
    }

    synchronized Map<String, Object> setMarginType(Account account, Params params) {
        return changing(() -> settings.setMarginType(account, params));
    }

    synchronized Map<String, Object> positionMode(Account account) {
        return settings.positionMode(account);
    }

    synchronized Map<String, Object> setPositionMode(Account account, Params params) {
        return changing(() -> settings.setPositionMode(account, params));
    }
}
