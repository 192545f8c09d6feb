package dev.trenddesk.strategy.trading;

import dev.trenddesk.api.market.MarketClock;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.TradingCommands.RecordExchangeFill;
import dev.trenddesk.api.trading.TradingCommands.RecordExternalPosition;
import dev.trenddesk.api.trading.TradingCommands.RecordExternalPositionGone;
import dev.trenddesk.api.trading.TradingCommands.RecordFundingFee;
import dev.trenddesk.api.trading.TradingCommands.RecordPositionClosedByExchange;
import dev.trenddesk.api.trading.TradingCommands.ReportPositionDesync;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.strategy.exchange.ExchangeOrder;
import dev.trenddesk.strategy.exchange.ExchangePosition;
import dev.trenddesk.strategy.exchange.IncomeLine;
import dev.trenddesk.strategy.exchange.IncomeLine.IncomeType;
import dev.trenddesk.strategy.exchange.OrderState;
import dev.trenddesk.strategy.exchange.OrderTypes;
import dev.trenddesk.strategy.exchange.TradingConnection;
import dev.trenddesk.strategy.exchange.UserStreamEvent;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Fills and reconciliation for every active session of this node:
 * <ul>
 *   <li>one BingX user data stream per active session, always with the trader's current verified key
 *       (moved when the key changes — {@link dev.trenddesk.strategy.credentials.VerifiedKeyChanged} —
 *       and checked again, with ended streams restarted, every poll): every fill is sent to the session
 *       as {@code RecordExchangeFill}, and the session classifies it from its own state (its own order,
 *       another session's, a stop-loss / take-profit / manual close), never from the ledger, which may
 *       lag the fills;</li>
 *   <li>a polling fallback every {@code trenddesk.trading.poll-interval}: pending orders are looked up
 *       by clientOrderId, and positions are compared with BingX's;</li>
 *   <li>reconciliation when a session is first watched (its start, every restart) and after every
 *       stream reconnect: what matches is adopted silently, a different size seen in two polls in a row is a
 *       PositionDesyncDetected (event and alert; in one poll only it is a fill recorded between the ledger's
 *       read and BingX's). A position the session holds that has been gone at BingX for two polls was
 *       closed there: it is closed with the PnL BingX booked, or — when BingX booked none (e.g. the
 *       exchange lost it) — reconciled (EXCHANGE_RECONCILED) by the {@link PositionReconciler}. A position
 *       BingX holds that the session did not open (seen in two polls) is recorded as external
 *       (ExternalPositionDetected) and never traded; ExternalPositionGone when it is no longer there.
 *       What earlier polls
 *       saw is kept in {@link PollMarks}, so "two polls" holds across restarts.</li>
 * </ul>
 * Funding: every poll, and at once when the stream announces a funding charge (ACCOUNT_UPDATE with reason
 * FUNDING_FEE, which carries no transaction id), the FUNDING_FEE income lines BingX booked since each held
 * position opened are sent as {@code RecordFundingFee}; the session records each BingX tranId once. A
 * liquidation (BingX's LIQUIDATION order, or an INSURANCE_CLEAR income line next to the close) closes the
 * position with exit reason LIQUIDATION.
 * Every record it makes is idempotent at the aggregate, so a fill seen by both the stream and the
 * poll is recorded once. As the {@link ExchangeSettlement} of the trading saga it also settles, before a
 * candle's decision, a position whose stop-loss or take-profit the candle crossed (the fill often arrives
 * after the candle).
 */
@Component
public class FillTracker implements ExchangeSettlement {

    private static final String COMPONENT = "fill-tracker";
    private static final Logger log = LoggerFactory.getLogger(FillTracker.class);

    private final TradingLedger ledger;
    private final DefaultExchangeAccess access;
    private final OrderExecution execution;
    private final CommandGateway commands;
    private final PositionReconciler reconciler;
    private final PollMarks marks;
    private final Duration pollInterval;
    private final Duration pendingGrace;
    private final Clock clock = Clock.systemUTC();
    /** The time fills and closes are recorded in when the exchange gives none of its own (ADR 0027). */
    private final MarketClock market;

    private final Map<TradingSessionId, Watch> watches = new ConcurrentHashMap<>();
    /** Exchange orders whose close was recorded by a settlement: their fill arriving later closes nothing. */
    private final Set<String> settledOrders = java.util.Collections.newSetFromMap(
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > 10_000;
                }
            }));
    /** Funding tranIds already sent per session (the aggregate dedupes; this only spares repeated commands). */
    private final Map<TradingSessionId, Set<String>> fundingSent = new ConcurrentHashMap<>();

    private volatile Disposable polling;

    public FillTracker(
            TradingLedger ledger,
            DefaultExchangeAccess access,
            OrderExecution execution,
            CommandGateway commands,
            PositionReconciler reconciler,
            PollMarks marks,
            MarketClock market,
            @Value("${trenddesk.trading.poll-interval:30s}") Duration pollInterval,
            @Value("${trenddesk.trading.pending-grace:5s}") Duration pendingGrace) {
        this.market = market;
        this.ledger = ledger;
        this.access = access;
        this.execution = execution;
        this.commands = commands;
        this.reconciler = reconciler;
        this.marks = marks;
        this.pollInterval = pollInterval;
        this.pendingGrace = pendingGrace;
    }

    /**
     * One watched session and its user data stream. (What the poll saw in earlier rounds lives in
     * {@link PollMarks}, so it outlives a restart.)
     */
    static final class Watch {
        final TradingLedger.ActiveSession session;
        volatile Stream stream;
        /** Connections of the current stream so far (each StreamConnected). */
        final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        /** Whether a poll of this session is running: another one asked meanwhile is skipped. */
        final java.util.concurrent.atomic.AtomicBoolean polling = new java.util.concurrent.atomic.AtomicBoolean();

        Watch(TradingLedger.ActiveSession session) {
            this.session = session;
        }
    }

    /** A user data stream, the fingerprint of the key it was opened with, and whether it has ended. */
    private record Stream(
            String keyFingerprint, Disposable subscription, java.util.concurrent.atomic.AtomicBoolean ended) {

        boolean serves(String fingerprint) {
            return !ended.get() && !subscription.isDisposed() && keyFingerprint.equals(fingerprint);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        polling = Flux.interval(Duration.ZERO, pollInterval, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(tick -> reactor.core.publisher.Mono.fromRunnable(this::pollAll)
                        .subscribeOn(Schedulers.boundedElastic())
                        .onErrorResume(e -> {
                            log.warn("Trading poll failed: {}", e.getMessage());
                            return reactor.core.publisher.Mono.empty();
                        }))
                .subscribe();
    }

    @jakarta.annotation.PreDestroy
    public void stop() {
        Disposable p = polling;
        if (p != null) {
            p.dispose();
        }
        watches.values().forEach(w -> {
            if (w.stream != null) {
                w.stream.subscription().dispose();
            }
        });
        watches.clear();
    }

    /** Whether the session's user data stream is open with this key (tests). */
    boolean streaming(TradingSessionId sessionId, String keyFingerprint) {
        Watch watch = watches.get(sessionId);
        Stream stream = watch == null ? null : watch.stream;
        return stream != null && stream.serves(keyFingerprint) && watch.connections.get() > 0;
    }

    /** One polling round over every active session (also watches sessions started since the last round). */
    public void pollAll() {
        List<TradingLedger.ActiveSession> active = ledger.activeSessions();
        Set<TradingSessionId> ids = new HashSet<>();
        for (TradingLedger.ActiveSession session : active) {
            ids.add(session.sessionId());
            Watch watch = watches.get(session.sessionId());
            if (watch == null) {
                watch = new Watch(session);
                watches.put(session.sessionId(), watch);
            }
            ensureStream(watch);
            try {
                poll(watch);
            } catch (RuntimeException e) {
                log.debug("Session {} not polled: {}", session.sessionId(), e.getMessage());
            }
        }
        // a stopped session is watched until its last order (a flatten) is done
        for (TradingSessionId id : new ArrayList<>(watches.keySet())) {
            if (!ids.contains(id) && ledger.pendingOrders(id).isEmpty()) {
                Watch gone = watches.remove(id);
                if (gone != null && gone.stream != null) {
                    gone.stream.subscription().dispose();
                }
                marks.forget(id);
                fundingSent.remove(id);
            }
        }
    }

    /**
     * The session's user data stream runs with the trader's current verified key: opened when there is
     * none, opened again when it ended, and moved to the new key when the trader's verified key changed
     * (a stream on a replaced key sees nothing, or fails to renew its listen key forever).
     */
    void ensureStream(Watch watch) {
        DefaultExchangeAccess.KeyedClient keyed;
        try {
            keyed = access.keyedClient(watch.session.userId());
        } catch (RuntimeException e) {
            log.debug("User stream of session {} not checked: {}", watch.session.sessionId(), e.getMessage());
            return;
        }
        synchronized (watch) {
            Stream current = watch.stream;
            if (current != null && current.serves(keyed.keyFingerprint())) {
                return;
            }
            if (current != null) {
                log.info(
                        "User stream of session {} {}: opening a new one",
                        watch.session.sessionId(),
                        current.ended().get() ? "had ended" : "ran with a replaced key");
                current.subscription().dispose();
            }
            java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
            watch.connections.set(0);
            try {
                Disposable subscription = keyed.client()
                        .userStream()
                        .publishOn(Schedulers.boundedElastic())
                        .subscribe(
                                event -> onUserData(watch, event),
                                e -> {
                                    ended.set(true);
                                    log.warn(
                                            "User stream of session {} ended: {}",
                                            watch.session.sessionId(),
                                            e.getMessage());
                                },
                                () -> ended.set(true));
                watch.stream = new Stream(keyed.keyFingerprint(), subscription, ended);
            } catch (RuntimeException e) {
                watch.stream = null;
                log.warn("User stream of session {} not started: {}", watch.session.sessionId(), e.getMessage());
            }
        }
    }

    /** The trader's verified key changed: their sessions' streams move to it now, and a poll catches up on the gap. */
    @EventListener
    public void on(dev.trenddesk.strategy.credentials.VerifiedKeyChanged changed) {
        for (Watch watch : watches.values()) {
            if (watch.session.userId().equals(changed.userId())) {
                reactor.core.publisher.Mono.fromRunnable(() -> {
                            ensureStream(watch);
                            poll(watch);
                        })
                        .subscribeOn(Schedulers.boundedElastic())
                        .subscribe(
                                ok -> {},
                                e -> log.debug(
                                        "Session {} not polled after a key change: {}",
                                        watch.session.sessionId(),
                                        e.getMessage()));
            }
        }
    }

    void onUserData(Watch watch, UserStreamEvent event) {
        try {
            switch (event) {
                case UserStreamEvent.OrderUpdate update
                when update.status() == OrderState.FILLED -> onFill(watch, update);
                case UserStreamEvent.FundingCharged funding -> {
                    access.forgetBalance(watch.session.userId());
                    recordFunding(
                            watch, access.client(watch.session.userId()), ledger.positions(watch.session.sessionId()));
                }
                case UserStreamEvent.Connected connected -> {
                    watch.connections.incrementAndGet();
                    if (connected.reconnect()) {
                        poll(watch);
                    }
                }
                default -> {
                    // other updates change nothing the session records
                }
            }
        } catch (RuntimeException e) {
            log.warn("User data of session {} not handled: {}", watch.session.sessionId(), e.getMessage());
        }
    }

    /**
     * A fill, sent as it is to the session, which classifies it from its own state (its own order, even
     * before OrderPlaced; another session's; a stop-loss, take-profit or manual close of a position it
     * holds). Nothing here reads the ledger, which may not have the order or the position yet (a
     * stop-loss can fill 116 ms after its entry).
     */
    private void onFill(Watch watch, UserStreamEvent.OrderUpdate update) {
        access.forgetBalance(watch.session.userId());
        if (settledOrders.contains(update.orderId())) {
            return; // recorded when the candle was settled; the position held now may be a newer one
        }
        BigDecimal price =
                update.averagePrice() != null && update.averagePrice().signum() > 0
                        ? update.averagePrice()
                        : update.price();
        record(new RecordExchangeFill(
                watch.session.sessionId(),
                update.symbol(),
                update.clientOrderId(),
                update.orderId(),
                update.side() == dev.trenddesk.api.trading.OrderSide.BUY
                        ? dev.trenddesk.api.trading.OrderSide.BUY
                        : dev.trenddesk.api.trading.OrderSide.SELL,
                update.positionSide(),
                update.type(),
                price,
                update.quantity(),
                update.fee() == null ? BigDecimal.ZERO : update.fee().abs(),
                update.realisedPnl(),
                market.exchangeTimeOr(update.eventTime())));
    }

    /**
     * Settles a position whose stop-loss or take-profit the candle crossed: still held at BingX → OPEN; gone →
     * its close is recorded with BingX's fill (the first realised PnL booked after the entry filled, and the
     * order that booked it) and CLOSED. The entry's fill time on BingX's own clock bounds the search, so the
     * close of an earlier position on the symbol is never taken for this one.
     */
    @Override
    public Outcome settle(
            TradingSessionId sessionId, dev.trenddesk.api.common.UserId userId, Held position, Instant at) {
        TradingConnection client = access.client(userId);
        List<ExchangePosition> atExchange = block(client.positions(position.symbol()), "read the positions");
        boolean open = atExchange != null
                && atExchange.stream()
                        .anyMatch(p -> p.symbol().equals(position.symbol())
                                && p.side().name().equals(position.side().name())
                                && p.amount().signum() != 0);
        if (open) {
            return Outcome.OPEN;
        }
        ExchangeOrder entry = block(
                client.queryOrderByClientOrderId(position.symbol(), position.entryClientOrderId()),
                "look up the entry order");
        if (entry == null) {
            throw new ExchangeAccess.ExchangeUnavailable(
                    0,
                    access.exchangeName() + " did not find the entry order "
                            + position.entryClientOrderId() + " of the " + position.side() + " position on "
                            + position.symbol()
                            + ", so whether that position was closed cannot be told",
                    null);
        }
        Instant filledAt = entry.updateTime() != null ? entry.updateTime() : entry.time();
        List<IncomeLine> income = block(client.income(position.symbol(), null, filledAt, null), "read the income");
        String entryId = entry.orderId();
        Optional<IncomeLine> closing = (income == null ? List.<IncomeLine>of() : income)
                .stream()
                        .filter(i -> i.type() == IncomeType.REALIZED_PNL
                                && i.time() != null
                                && !i.time().isBefore(filledAt)
                                && !entryId.equals(i.orderId()))
                        .min(java.util.Comparator.comparing(IncomeLine::time));
        if (closing.isEmpty()) {
            throw new ExchangeAccess.ExchangeUnavailable(
                    0,
                    "the " + position.side() + " position on "
                            + position.symbol() + " is gone at " + access.exchangeName()
                            + " but its closing fill is not booked yet",
                    null);
        }
        BigDecimal pnl = closing.get().amount();
        String orderId = closing.get().orderId();
        BigDecimal exit = null;
        BigDecimal fee = income.stream()
                .filter(i -> (i.type() == IncomeType.TRADING_FEE || i.type() == IncomeType.LIQUIDATION_CLEARANCE)
                        && orderId != null
                        && orderId.equals(i.orderId()))
                .map(i -> i.amount().abs())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        ExitReason reason = income.stream()
                        .anyMatch(i -> i.type() == IncomeType.LIQUIDATION_CLEARANCE
                                && orderId != null
                                && orderId.equals(i.orderId()))
                ? ExitReason.LIQUIDATION
                : null;
        try {
            ExchangeOrder fill = block(client.queryOrder(position.symbol(), orderId), "look up the closing order");
            if (fill.status() == OrderState.FILLED
                    && fill.averagePrice() != null
                    && fill.averagePrice().signum() > 0) {
                exit = fill.averagePrice();
                if (fill.commission() != null) {
                    fee = fill.commission().abs();
                }
                ExitReason byIncome = reason;
                reason = switch (fill.type() == null ? "" : fill.type()) {
                    case OrderTypes.STOP_MARKET, OrderTypes.STOP -> ExitReason.STOP_LOSS;
                    case OrderTypes.TAKE_PROFIT_MARKET, OrderTypes.TAKE_PROFIT -> ExitReason.TAKE_PROFIT;
                    case OrderTypes.LIQUIDATION -> ExitReason.LIQUIDATION;
                    default -> byIncome;
                };
            }
        } catch (RuntimeException e) {
            log.debug("Closing order {} of {} not looked up: {}", orderId, position.symbol(), e.getMessage());
        }
        if (exit == null) {
            exit = position.entryPrice()
                    .add(pnl.divide(
                            position.quantity()
                                    .multiply(BigDecimal.valueOf(position.side().sign())),
                            MathContext.DECIMAL64));
        }
        if (reason == null) {
            reason = reasonByPrice(position.stopLoss(), position.takeProfit(), exit, pnl);
        }
        access.forgetBalance(userId);
        SystemCommands.send(
                commands,
                COMPONENT,
                new RecordPositionClosedByExchange(sessionId, position.symbol(), orderId, exit, fee, pnl, reason, at));
        // only a recorded close makes the order's late fill redundant; when the send failed, that fill (by the
        // stream) is what closes the position. Between the send and this line the session holds no position
        // on the symbol (the saga re-enters only after this returns), so a fill arriving then closes nothing.
        if (orderId != null) {
            settledOrders.add(orderId);
        }
        return Outcome.CLOSED;
    }

    private <T> T block(reactor.core.publisher.Mono<T> call, String what) {
        try {
            return call.block(Duration.ofSeconds(15));
        } catch (RuntimeException e) {
            throw new ExchangeAccess.ExchangeUnavailable(
                    0,
                    access.exchangeName() + " could not " + what + ": "
                            + (e instanceof dev.trenddesk.strategy.exchange.ExchangeException x
                                    ? DefaultExchangeAccess.describe(x)
                                    : e.getMessage()),
                    e);
        }
    }

    /**
     * Pending orders, then positions against BingX's; reads the balance too, so candles find a recent one.
     * Polls of one session never overlap (pollAll's, the reconnect's, the key change's): one asked while
     * another runs is skipped, so two of them cannot count as "two polls in a row".
     */
    void poll(Watch watch) {
        if (!watch.polling.compareAndSet(false, true)) {
            log.debug("Session {} not polled: its previous poll is still running", watch.session.sessionId());
            return;
        }
        try {
            pollOnce(watch);
        } finally {
            watch.polling.set(false);
        }
    }

    private void pollOnce(Watch watch) {
        TradingSessionId sessionId = watch.session.sessionId();
        Instant now = clock.instant();
        for (TradingLedger.PendingOrder order : ledger.pendingOrders(sessionId)) {
            if (order.recordedAt().plus(pendingGrace).isBefore(now)) {
                execution.resolve(
                        sessionId, watch.session.userId(), order.intent(), order.symbol(), order.clientOrderId());
            }
        }
        // the ledger first, BingX after: a position the ledger holds was placed before BingX is asked, so a
        // position opened meanwhile is not taken for one missing at BingX
        List<TradingLedger.LedgerPosition> believed = ledger.positions(sessionId);
        Set<String> pendingSymbols = new HashSet<>();
        ledger.pendingOrders(sessionId).forEach(o -> pendingSymbols.add(o.symbol()));
        List<String> externals = ledger.externalPositions(sessionId);
        TradingConnection client = access.client(watch.session.userId());
        List<ExchangePosition> atExchange = client.positions(null).block(Duration.ofSeconds(15));
        if (atExchange == null) {
            return;
        }
        try {
            access.readBalance(watch.session.userId());
        } catch (ExchangeAccess.ExchangeUnavailable e) {
            log.debug("Balance of session {} not read: {}", sessionId, e.getMessage());
        }
        Set<String> heldKeys = new HashSet<>();
        Set<String> sizeDiffers = new HashSet<>();
        for (TradingLedger.LedgerPosition held : believed) {
            String key = PollMarks.positionKey(held.symbol(), held.side(), held.openedAt());
            heldKeys.add(key);
            if (pendingSymbols.contains(held.symbol())) {
                continue;
            }
            Optional<ExchangePosition> match = atExchange.stream()
                    .filter(p -> p.symbol().equals(held.symbol())
                            && p.side().name().equals(held.side().name()))
                    .findFirst();
            if (match.isEmpty()) {
                if (marks.markMissing(sessionId, key, now) && closedAtExchange(watch, client, held)) {
                    marks.clearMissing(sessionId, key);
                }
                continue;
            }
            marks.clearMissing(sessionId, key);
            BigDecimal amount = match.get().amount().abs();
            if (amount.compareTo(held.quantity()) != 0
                    && sizeDiffers.add(key)
                    && marks.markSizeDiffers(sessionId, key, now)) {
                record(new ReportPositionDesync(
                        sessionId,
                        held.symbol(),
                        held.positionSide(),
                        held.quantity(),
                        amount,
                        "BingX holds " + amount.toPlainString() + " " + held.symbol() + " " + held.side()
                                + ", the session believes " + held.quantity().toPlainString(),
                        now));
            }
        }
        marks.retainMissing(sessionId, heldKeys);
        marks.retainSizeDiffers(sessionId, sizeDiffers);
        recordFunding(watch, client, believed);
        Set<String> unknownBefore = marks.unknown(sessionId);
        Set<String> unknownNow = new HashSet<>();
        for (ExchangePosition position : atExchange) {
            boolean known = believed.stream()
                    .anyMatch(h -> h.symbol().equals(position.symbol())
                            && h.side().name().equals(position.side().name()));
            String key = position.symbol() + "/" + position.side();
            if (!known
                    && !pendingSymbols.contains(position.symbol())
                    && position.amount().signum() != 0) {
                unknownNow.add(key);
            }
            // reported when seen in two polls in a row: the ledger may lag the events by a moment
            if (unknownNow.contains(key) && unknownBefore.contains(key)) {
                ExchangePositionSide side = position.side();
                Direction direction = side == ExchangePositionSide.SHORT
                                || (side == ExchangePositionSide.BOTH
                                        && position.amount().signum() < 0)
                        ? Direction.SHORT
                        : Direction.LONG;
                record(new RecordExternalPosition(
                        sessionId,
                        position.symbol(),
                        side,
                        direction,
                        position.amount().abs(),
                        position.averagePrice(),
                        access.exchangeName() + " holds a "
                                + position.side() + " position of "
                                + position.amount().abs().toPlainString() + " "
                                + position.symbol() + " that this session did not open; it is left untouched",
                        now));
            }
        }
        marks.replaceUnknown(sessionId, unknownNow, now);
        for (String external : externals) {
            boolean there = atExchange.stream()
                    .anyMatch(p -> external.equals(p.symbol() + "/" + p.side())
                            && p.amount().signum() != 0);
            if (!there) {
                int slash = external.indexOf('/');
                record(new RecordExternalPositionGone(
                        sessionId,
                        external.substring(0, slash),
                        ExchangePositionSide.valueOf(external.substring(slash + 1)),
                        now));
            }
        }
    }

    /**
     * A held position gone at BingX in two polls: closed there (stop, take-profit or by hand); PnL and fees
     * from BingX's income. With nothing booked, BingX is asked for the position once more before it is closed
     * to match (as a rejection's reconciliation does). False when nothing could be decided (its mark stays,
     * the next poll tries again).
     */
    private boolean closedAtExchange(Watch watch, TradingConnection client, TradingLedger.LedgerPosition held) {
        List<IncomeLine> income = client.income(
                        held.symbol(), null, held.openedAt().minusSeconds(1), null)
                .block(Duration.ofSeconds(15));
        BigDecimal pnl = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal clearance = BigDecimal.ZERO;
        boolean booked = false;
        boolean liquidated = false;
        Instant closedAt = null; // BingX's time of the last booked PnL: when the position was closed there
        for (IncomeLine entry : income == null ? List.<IncomeLine>of() : income) {
            if (entry.time() != null && entry.time().isBefore(held.openedAt().minusSeconds(1))) {
                continue;
            }
            if (entry.type() == IncomeType.REALIZED_PNL) {
                pnl = pnl.add(entry.amount());
                booked = true;
                if (entry.time() != null && (closedAt == null || entry.time().isAfter(closedAt))) {
                    closedAt = entry.time();
                }
            } else if (entry.type() == IncomeType.TRADING_FEE) {
                fees = fees.add(entry.amount().abs());
            } else if (entry.type() == IncomeType.LIQUIDATION_CLEARANCE) {
                clearance = clearance.add(entry.amount().abs());
                liquidated = true;
            }
        }
        TradingSessionId sessionId = watch.session.sessionId();
        if (!booked) {
            // the exchange is the source of truth: a position it no longer has is closed on the platform too,
            // once BingX, asked again for this symbol, still has none
            PositionReconciler.Outcome outcome = reconciler.reconcile(
                    sessionId,
                    watch.session.userId(),
                    new PositionReconciler.Held(
                            held.symbol(),
                            held.side(),
                            held.positionSide(),
                            held.quantity(),
                            held.entryPrice(),
                            held.openedAt()),
                    null,
                    "the position was missing at BingX in two polls in a row and BingX booked no PnL for it");
            return outcome != PositionReconciler.Outcome.UNAVAILABLE;
        }
        BigDecimal exit = held.entryPrice()
                .add(pnl.divide(
                        held.quantity().multiply(BigDecimal.valueOf(held.side().sign())), MathContext.DECIMAL64));
        ExitReason reason = liquidated ? ExitReason.LIQUIDATION : reasonByPrice(held, exit, pnl);
        // fees from the income include the entry fee, which the session already counted; a liquidation's
        // clearance (the rest of the margin BingX kept) is the close's fee
        record(new RecordPositionClosedByExchange(
                sessionId, held.symbol(), null, exit, clearance, pnl, reason, market.exchangeTimeOr(closedAt)));
        return true;
    }

    /**
     * Sends the FUNDING_FEE lines BingX booked on each held position's symbol since it opened (one income
     * request for all of them); the session records each tranId once and only for the position it held at
     * the line's time.
     */
    void recordFunding(Watch watch, TradingConnection client, List<TradingLedger.LedgerPosition> held) {
        if (held.isEmpty()) {
            return;
        }
        TradingSessionId sessionId = watch.session.sessionId();
        Set<String> sent = fundingSent.computeIfAbsent(sessionId, k -> ConcurrentHashMap.newKeySet());
        Map<String, Instant> since = new HashMap<>();
        held.forEach(h -> since.merge(h.symbol(), h.openedAt().minusSeconds(1), (a, b) -> a.isBefore(b) ? a : b));
        Instant earliest = since.values().stream().min(Instant::compareTo).orElseThrow();
        List<IncomeLine> lines;
        try {
            lines = client.income(null, IncomeType.FUNDING_FEE, earliest, null).block(Duration.ofSeconds(15));
        } catch (RuntimeException e) {
            log.debug("Funding of session {} not read: {}", sessionId, e.getMessage());
            return;
        }
        for (IncomeLine line : lines == null ? List.<IncomeLine>of() : lines) {
            Instant from = line.symbol() == null ? null : since.get(line.symbol());
            if (from == null
                    || line.type() != IncomeType.FUNDING_FEE
                    || line.transactionId() == null
                    || line.transactionId().isBlank()
                    || line.amount() == null
                    || line.time() == null
                    || line.time().isBefore(from)
                    || sent.contains(line.transactionId())) {
                continue;
            }
            try {
                SystemCommands.send(
                        commands,
                        COMPONENT,
                        new RecordFundingFee(
                                sessionId,
                                line.symbol(),
                                line.amount(),
                                line.transactionId(),
                                line.time(),
                                market.instant()));
                sent.add(line.transactionId());
            } catch (RuntimeException e) {
                log.warn(
                        "Could not record the funding fee {} of session {}: {}",
                        line.transactionId(),
                        sessionId,
                        e.getMessage());
            }
        }
    }

    private static ExitReason reasonByPrice(TradingLedger.LedgerPosition held, BigDecimal exit, BigDecimal pnl) {
        return reasonByPrice(held.stopLoss(), held.takeProfit(), exit, pnl);
    }

    private static ExitReason reasonByPrice(
            BigDecimal stopLoss, BigDecimal takeProfit, BigDecimal exit, BigDecimal pnl) {
        if (stopLoss != null && takeProfit != null) {
            BigDecimal toStop = exit.subtract(stopLoss).abs();
            BigDecimal toTarget = exit.subtract(takeProfit).abs();
            return toStop.compareTo(toTarget) <= 0 ? ExitReason.STOP_LOSS : ExitReason.TAKE_PROFIT;
        }
        return pnl.signum() < 0 ? ExitReason.STOP_LOSS : ExitReason.TAKE_PROFIT;
    }

    private void record(Object command) {
        try {
            SystemCommands.send(commands, COMPONENT, command);
        } catch (RuntimeException e) {
            log.warn("Could not record {}: {}", command.getClass().getSimpleName(), e.getMessage());
        }
    }
}
