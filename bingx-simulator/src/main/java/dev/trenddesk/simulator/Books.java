package dev.trenddesk.simulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The books every part of the {@link Exchange} reads and changes: the accounts, the id counters, whether
 * anything changed since the last write, and the user-data events of the running operation (sent once
 * its changes are saved).
 *
 * <p>Not thread-safe on purpose: the exchange's parts ({@link OrderValidation}, {@link Matching},
 * {@link Margin}, {@link FundingFees}, {@link AccountSettings}, {@link AccountHistory},
 * {@link AccountViews}) hold no lock of their own and are only called by the exchange while it holds its
 * lock (its monitor). Marking a change ({@link #changed()}) and queuing a user-data event ({@link #send})
 * assert that lock is held (surefire runs with assertions on), so a part that changes the books outside
 * it fails in the tests.
 */
final class Books {

    /** Money (balances, PnL, fees, margins) is kept to 8 decimals. */
    static final int MONEY_SCALE = 8;

    final Market market;
    private final LongSupplier serverClock;
    private final Exchange.Events events;
    /** The exchange, whose monitor guards these books. */
    private final Object lock;

    final Map<String, Account> accounts = new LinkedHashMap<>();
    long nextOrderId = 1_900_000_000_000_000_000L;
    long nextPositionId = 1_800_000_000_000_000_000L;
    long nextTranId = 1;
    /** User-data events of the running operation, sent after its changes are saved. */
    private final List<Runnable> outbox = new ArrayList<>();

    private boolean dirty;

    Books(Market market, LongSupplier serverClock, Exchange.Events events, Object lock) {
        this.market = market;
        this.serverClock = serverClock;
        this.events = events;
        this.lock = lock;
    }

    /**
     * The exchange's time (epoch ms) of orders, fills, income and user-data events: market time, the clock the
     * candles run on, as BingX has one clock for both (accelerated or stepped, the market runs apart from the
     * wall clock).
     */
    long now() {
        return market.time();
    }

    /** Server time (epoch ms, the wall clock with any skew fault): the request window and cancel-all timers. */
    long serverNow() {
        return serverClock.getAsLong();
    }

    long newOrderId() {
        return nextOrderId++;
    }

    long newPositionId() {
        return nextPositionId++;
    }

    long newTranId() {
        return nextTranId++;
    }

    /** The replay of {@code symbol}, or a {@link BingxException#BAD_SYMBOL} error when no such contract is simulated. */
    SymbolReplay replay(String symbol) {
        SymbolReplay replay = market.replay(symbol);
        if (replay == null) {
            throw new BingxException(BingxException.BAD_SYMBOL, "symbol not exist: " + symbol);
        }
        return replay;
    }

    /** Marks the books changed: the running operation writes them before it answers. */
    void changed() {
        assert Thread.holdsLock(lock) : "the exchange's books change only under its lock";
        dirty = true;
    }

    /** Whether the books changed since they were last written (or the mark was last cleared). */
    boolean isChanged() {
        return dirty;
    }

    /** The books are written (or there is nowhere to write them). */
    void clearChanged() {
        dirty = false;
    }

    /** The user-data events produced since the last call, in order; empties the outbox. */
    List<Runnable> takeEvents() {
        List<Runnable> produced = List.copyOf(outbox);
        outbox.clear();
        return produced;
    }

    /** ORDER_TRADE_UPDATE: every change of an order is published, so this also marks the books changed. */
    void publish(Account account, Order order, String executionType, BigDecimal fee, BigDecimal realised) {
        send(account, Views.orderTradeUpdate(order, executionType, fee, realised, now()));
    }

    /** ACCOUNT_UPDATE after an order touched {@code touched}. */
    void publishAccount(Account account, Position touched) {
        publishAccount(account, touched, "ORDER", BigDecimal.ZERO);
    }

    /** ACCOUNT_UPDATE with reason {@code m} (ORDER, FUNDING_FEE) and the wallet change {@code bc} outside PnL and fees. */
    void publishAccount(Account account, Position touched, String reason, BigDecimal balanceChange) {
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
        event.put("E", now());
        event.put("a", update);
        send(account, event);
    }

    private void send(Account account, Map<String, Object> event) {
        changed();
        String apiKey = account.apiKey;
        outbox.add(() -> events.userEvent(apiKey, event));
    }
}
