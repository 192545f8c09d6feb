package dev.trenddesk.strategy.trading;

import static org.axonframework.modelling.saga.SagaLifecycle.associateWith;
import static org.axonframework.modelling.saga.SagaLifecycle.end;
import static org.axonframework.modelling.saga.SagaLifecycle.removeAssociationWith;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.market.CandleClosed;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangeBalance;
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.OrderIntent;
import dev.trenddesk.api.trading.PauseReason;
import dev.trenddesk.api.trading.ReasonCode;
import dev.trenddesk.api.trading.SessionStatus;
import dev.trenddesk.api.trading.StopReason;
import dev.trenddesk.api.trading.TradingCommands.PauseTradingSession;
import dev.trenddesk.api.trading.TradingCommands.RecordExchangePreparation;
import dev.trenddesk.api.trading.TradingCommands.RecordSkippedSignal;
import dev.trenddesk.api.trading.TradingCommands.RequestOrderPlacement;
import dev.trenddesk.api.trading.TradingSessionEvent.ExternalPositionDetected;
import dev.trenddesk.api.trading.TradingSessionEvent.ExternalPositionGone;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderFilled;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlacementRequested;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderRejected;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionClosed;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionOpened;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionReduced;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionPaused;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionResumed;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionSettingsChanged;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStarted;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStopped;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.strategy.decision.ContractRules;
import dev.trenddesk.strategy.feed.MarketSubscriptions;
import java.math.BigDecimal;
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
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trader's bot while its session lasts. Reacts to the shared {@code CandleClosed} of its symbols
 * (live candles of its timeframe only, each candle once, none older than the session) by asking the
 * {@link RiskEngine} — and through it the one strategy function — what to do and recording that as
 * commands on the TradingSession; reacts to the session's own order and position events to know what
 * it holds and what is pending; and, on stop, flattens when asked before it ends.
 *
 * <p>The settings are those of the start until the trader changes them ({@code TradingSessionSettingsChanged}):
 * the next candle is decided with the new ones.
 *
 * <p>State is small and Jackson-friendly (ids, the current settings, positions, pending orders,
 * equity references); resources come in as handler parameters. A persistent deadline per order
 * ({@value #ORDER_CHECK}) makes sure an order whose fill was not reported is looked up at BingX, and
 * one ({@value #PREPARE_RETRY}) sets the account up again when BingX could not be reached at start.
 *
 * <p>Rejections (see {@link Rejections}): "nothing to close" reconciles the position with BingX at once
 * ({@link PositionReconciler}); any other rejection of an intent (symbol + open/close) skips that intent for
 * 2^(n−1) candles (REJECTION_BACKOFF) after its n-th rejection in a row, and the third rejection in a row
 * pauses the bot (REJECTED_REPEATEDLY) and blocks the intent until the trader resumes. No entry is made on
 * a symbol where BingX holds a position the bot did not open (EXTERNAL_POSITION).
 */
@Saga
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class TradingSaga {

    static final String ORDER_CHECK = "trading-order-check";
    static final Duration ORDER_CHECK_AFTER = Duration.ofSeconds(20);
    static final String PREPARE_RETRY = "trading-prepare-retry";
    static final Duration PREPARE_RETRY_FIRST = Duration.ofSeconds(2);
    static final Duration PREPARE_RETRY_MAX = Duration.ofMinutes(5);
    private static final String COMPONENT = "trading-saga";
    private static final Logger log = LoggerFactory.getLogger(TradingSaga.class);

    private TradingSessionId sessionId;
    private UserId userId;
    private TradingSettings settings;
    private SessionStatus status;
    private Instant startedAt;
    private PositionMode effectiveMode;
    private boolean prepared;
    private int prepareFailures;
    private Map<String, RiskEngine.Held> positions = new HashMap<>();
    private Map<String, PendingOrder> pending = new HashMap<>();
    private Map<String, Instant> lastCandle = new HashMap<>();
    /** Stop-loss, take-profit and entry order of each held position (by symbol), to settle crossed levels. */
    private Map<String, Protection> protections = new HashMap<>();

    private RiskEngine.EquityRefs equity;
    /**
     * Entries asked for at the candle {@link #candleEntriesAt}, by clientOrderId: they count as pending for
     * the following symbols of the same candle at once, before their {@code OrderPlacementRequested} arrives
     * (which comes after the other symbols' candles in the event stream).
     */
    private Map<String, RiskEngine.Held> candleEntries = new HashMap<>();

    private Instant candleEntriesAt;
    /** Rejections in a row per intent ("symbol/OPEN", "symbol/CLOSE"). */
    private Map<String, Integer> rejections = new HashMap<>();
    /** Candles of the intent's symbol still to skip after a rejection. */
    private Map<String, Integer> backoff = new HashMap<>();
    /** Intents rejected {@value Rejections#MAX_IN_A_ROW} times in a row: not sent again until the trader resumes. */
    private Set<String> blocked = new HashSet<>();
    /** Positions at BingX the session did not open ("symbol/positionSide"): their symbols are not traded. */
    private Set<String> externals = new HashSet<>();
    /** Close of the last candle seen per symbol (the price a reconciliation falls back on). */
    private Map<String, BigDecimal> lastClose = new HashMap<>();
    /** When each held position was opened (reconciliation looks for BingX's booked PnL from then). */
    private Map<String, Instant> openedAt = new HashMap<>();
    /** Set when the bot stopped with flatten: an entry still on its way then is closed as soon as it fills. */
    private ExitReason flattenReason;

    /** An order requested and not finished yet. */
    record PendingOrder(String clientOrderId, String symbol, OrderIntent intent, RiskEngine.Held entry) {}

    /** The protective levels of a position and the clientOrderId of the order that opened it. */
    record Protection(BigDecimal stopLoss, BigDecimal takeProfit, String entryClientOrderId) {}

    @StartSaga
    @SagaEventHandler(associationProperty = "sessionId")
    public void on(
            TradingSessionStarted event,
            MarketSubscriptions subscriptions,
            ExchangeAccess exchange,
            CommandGateway commands,
            DeadlineManager deadlines) {
        sessionId = event.sessionId();
        userId = event.userId();
        settings = event.settings();
        status = SessionStatus.RUNNING;
        startedAt = event.at();
        effectiveMode = settings.positionMode();
        equity = RiskEngine.EquityRefs.start(event.at(), event.initialBalance());
        for (String symbol : settings.symbols()) {
            associateWith("symbol", symbol);
            subscriptions.acquire(sessionId.toString(), symbol, settings.timeframe());
        }
        exchange.expectBalanceRequests(userId, settings.timeframe().duration());
        if (!prepare(exchange, commands, event.at())) {
            schedulePrepareRetry(deadlines);
        }
    }

    /** Tries again to set up the BingX account (position mode, leverage) until it is done or the session stops. */
    @DeadlineHandler(deadlineName = PREPARE_RETRY)
    public void onPrepareRetry(
            String session, ExchangeAccess exchange, CommandGateway commands, DeadlineManager deadlines, Clock clock) {
        if (prepared || status == SessionStatus.STOPPED) {
            return;
        }
        if (!prepare(exchange, commands, clock.instant())) {
            schedulePrepareRetry(deadlines);
        }
    }

    @SagaEventHandler(associationProperty = "symbol")
    public void on(
            CandleClosed candle,
            ExchangeAccess exchange,
            ExchangeSettlement settlement,
            CommandGateway commands,
            Clock clock,
            PlatformMaintenance maintenance) {
        if (!candle.live()
                || status == SessionStatus.STOPPED
                || candle.timeframe() != settings.timeframe()
                || !settings.symbols().contains(candle.symbol())) {
            return;
        }
        Instant closedAt = candle.closeTime();
        Instant last = lastCandle.get(candle.symbol());
        if ((last != null && !candle.openTime().isAfter(last)) || closedAt.isBefore(startedAt)) {
            return;
        }
        lastCandle.put(candle.symbol(), candle.openTime());
        if (candle.close() != null) {
            lastClose.put(candle.symbol(), candle.close());
        }
        // in market time (ADR 0027): never before the candle's close, which an accelerated market runs ahead of the
        // wall clock
        Instant wall = clock.instant();
        Instant now = wall.isBefore(closedAt) ? closedAt : wall;
        if (!prepared
                && !prepare(exchange, commands, now)
                && !positions.containsKey(candle.symbol())
                && pending.values().stream().noneMatch(p -> p.symbol().equals(candle.symbol()))) {
            // nothing to manage on this symbol: entries wait for the account's setup. A held position is still
            // decided on below (exits and risk closes do not depend on the new leverage); only entries are held back.
            send(commands, notPrepared(candle.symbol(), candle.openTime(), null, now));
            return;
        }
        ExchangeBalance balance;
        ContractRules rules;
        try {
            settle(candle, settlement, now);
            balance = exchange.balance(userId, closedAt, candle.timeframe().duration());
            rules = exchange.rules(candle.symbol());
        } catch (ExchangeAccess.ExchangeUnavailable e) {
            send(
                    commands,
                    new RecordSkippedSignal(
                            sessionId,
                            candle.symbol(),
                            candle.openTime(),
                            null,
                            ReasonCode.EXCHANGE_UNAVAILABLE,
                            e.getMessage(),
                            now));
            return;
        } catch (RuntimeException e) {
            // what the exchange did during the candle is unknown: deciding on a guess could double a close
            log.warn(
                    "Session {}: candle {} {} not settled: {}",
                    sessionId,
                    candle.symbol(),
                    candle.openTime(),
                    e.toString());
            send(
                    commands,
                    new RecordSkippedSignal(
                            sessionId,
                            candle.symbol(),
                            candle.openTime(),
                            null,
                            ReasonCode.EXCHANGE_UNAVAILABLE,
                            "could not settle the candle with BingX: " + e.getMessage(),
                            now));
            return;
        }
        if (candleEntriesAt == null || candle.openTime().isAfter(candleEntriesAt)) {
            candleEntries.clear();
            candleEntriesAt = candle.openTime();
        }
        boolean pendingOnSymbol =
                pending.values().stream().anyMatch(p -> p.symbol().equals(candle.symbol()));
        RiskEngine.Evaluation evaluation = RiskEngine.evaluate(
                sessionId,
                settings,
                status,
                effectiveMode,
                positions.values(),
                pendingEntries(),
                pendingOnSymbol,
                equity,
                candle,
                balance,
                rules,
                now);
        equity = evaluation.refs();
        for (Object command : evaluation.commands()) {
            Object toSend = guarded(command, now, maintenance);
            boolean sent = send(commands, toSend);
            if (sent && toSend instanceof RequestOrderPlacement order && order.intent() == OrderIntent.OPEN) {
                candleEntries.put(
                        order.clientOrderId(),
                        new RiskEngine.Held(
                                order.symbol(),
                                order.direction(),
                                order.positionSide(),
                                order.quantity(),
                                candle.close()));
            }
        }
        backoff.replaceAll((key, left) -> key.startsWith(candle.symbol() + "/") ? left - 1 : left);
        backoff.values().removeIf(left -> left <= 0);
    }

    /**
     * An order request the bot must not send now becomes a skip: an entry on a symbol with an external
     * position, an intent in back-off after a rejection, or one rejected too often in a row; and every entry
     * while the platform is in maintenance mode (closes go out).
     */
    private Object guarded(Object command, Instant now, PlatformMaintenance maintenance) {
        if (!(command instanceof RequestOrderPlacement request)) {
            return command;
        }
        String key = intentKey(request.symbol(), request.intent());
        Direction signal = request.intent() == OrderIntent.OPEN ? request.direction() : null;
        if (request.intent() == OrderIntent.OPEN && !prepared) {
            return notPrepared(request.symbol(), request.candleTime(), signal, now);
        }
        if (request.intent() == OrderIntent.OPEN) {
            Optional<String> inMaintenance = maintenance.reason(
                    request.candleTime().plus(settings.timeframe().duration()));
            if (inMaintenance.isPresent()) {
                return new RecordSkippedSignal(
                        sessionId,
                        request.symbol(),
                        request.candleTime(),
                        signal,
                        ReasonCode.PLATFORM_MAINTENANCE,
                        "the platform is in maintenance (" + inMaintenance.get()
                                + "): no new positions until it ends; exits, stops and take-profits still run",
                        now);
            }
        }
        String what = request.intent() == OrderIntent.OPEN ? "entry" : "close";
        if (request.intent() == OrderIntent.OPEN
                && externals.stream().anyMatch(e -> e.startsWith(request.symbol() + "/"))) {
            return new RecordSkippedSignal(
                    sessionId,
                    request.symbol(),
                    request.candleTime(),
                    signal,
                    ReasonCode.EXTERNAL_POSITION,
                    "BingX holds a position on " + request.symbol()
                            + " that the bot did not open: the bot does not trade this symbol while it is there",
                    now);
        }
        if (blocked.contains(key)) {
            return new RecordSkippedSignal(
                    sessionId,
                    request.symbol(),
                    request.candleTime(),
                    signal,
                    ReasonCode.REJECTED_REPEATEDLY,
                    "BingX rejected the " + what + " on " + request.symbol() + " " + Rejections.MAX_IN_A_ROW
                            + " times in a row: not sent again until you resume the bot",
                    now);
        }
        Integer left = backoff.get(key);
        if (left != null && left > 0) {
            int rejected = rejections.getOrDefault(key, 0);
            return new RecordSkippedSignal(
                    sessionId,
                    request.symbol(),
                    request.candleTime(),
                    signal,
                    ReasonCode.REJECTION_BACKOFF,
                    "BingX rejected the last " + what + " on " + request.symbol()
                            + (rejected > 1 ? " " + rejected + " times in a row" : "") + ": waiting " + left
                            + " more candle" + (left == 1 ? "" : "s") + " before trying again",
                    now);
        }
        return command;
    }

    private RecordSkippedSignal notPrepared(String symbol, Instant candleTime, Direction signal, Instant now) {
        return new RecordSkippedSignal(
                sessionId,
                symbol,
                candleTime,
                signal,
                ReasonCode.ACCOUNT_NOT_PREPARED,
                "leverage and position mode are not set on BingX yet (" + settings.leverage() + "x, "
                        + settings.positionMode() + "); trying again",
                now);
    }

    private static String intentKey(String symbol, OrderIntent intent) {
        return symbol + "/" + intent;
    }

    /** Entries asked for and not filled yet, one per symbol: those recorded and those of the current candle. */
    private List<RiskEngine.Held> pendingEntries() {
        Map<String, RiskEngine.Held> bySymbol = new HashMap<>();
        pending.values().stream()
                .filter(p -> p.entry() != null)
                .forEach(p -> bySymbol.putIfAbsent(p.symbol(), p.entry()));
        candleEntries.values().forEach(entry -> bySymbol.putIfAbsent(entry.symbol(), entry));
        return List.copyOf(bySymbol.values());
    }

    @SagaEventHandler(associationProperty = "sessionId")
    public void on(OrderPlacementRequested event, DeadlineManager deadlines) {
        // the entry as asked for at its candle (priced at the candle's close); else priced at its stop-loss
        RiskEngine.Held entry = event.intent() != OrderIntent.OPEN
                ? null
                : candleEntries.getOrDefault(
                        event.clientOrderId(),
                        new RiskEngine.Held(
                                event.symbol(),
                                event.direction(),
                                event.positionSide(),
                                event.quantity(),
                                event.stopLoss() == null ? java.math.BigDecimal.ZERO : event.stopLoss()));
        pending.put(
                event.clientOrderId(), new PendingOrder(event.clientOrderId(), event.symbol(), event.intent(), entry));
        deadlines.schedule(ORDER_CHECK_AFTER, ORDER_CHECK, event.clientOrderId());
    }

    /**
     * Settles what the exchange did during the candle before deciding on it: when the candle's range crossed
     * the stop-loss or take-profit of the position held on its symbol, the fill may not have reached the
     * session yet, so the exchange is asked. Closed there: the close is recorded now and the candle is decided
     * flat, as the backtest decides it; still open: decided in position.
     */
    private void settle(CandleClosed candle, ExchangeSettlement settlement, Instant now) {
        RiskEngine.Held held = positions.get(candle.symbol());
        Protection levels = protections.get(candle.symbol());
        if (held == null || levels == null || !crossed(held.side(), levels, candle)) {
            return;
        }
        ExchangeSettlement.Outcome outcome = settlement.settle(
                sessionId,
                userId,
                new ExchangeSettlement.Held(
                        held.symbol(),
                        held.side(),
                        held.positionSide(),
                        held.quantity(),
                        held.entryPrice(),
                        levels.stopLoss(),
                        levels.takeProfit(),
                        levels.entryClientOrderId()),
                now);
        if (outcome == ExchangeSettlement.Outcome.CLOSED) {
            positions.remove(candle.symbol());
            protections.remove(candle.symbol());
        }
    }

    /** Whether the candle's high/low reached the stop-loss or the take-profit of a position of this side. */
    static boolean crossed(Direction side, Protection levels, CandleClosed candle) {
        BigDecimal stop = levels.stopLoss();
        BigDecimal target = levels.takeProfit();
        if (side == Direction.LONG) {
            return stop != null && candle.low().compareTo(stop) <= 0
                    || target != null && candle.high().compareTo(target) >= 0;
        }
        return stop != null && candle.high().compareTo(stop) >= 0
                || target != null && candle.low().compareTo(target) <= 0;
    }

    /**
     * Classifies the rejection: "nothing to close" reconciles the position with BingX at once; others back
     * off (2^(n−1) candles after the n-th in a row) and the third in a row pauses the bot.
     */
    @SagaEventHandler(associationProperty = "sessionId")
    public void on(OrderRejected event, PositionReconciler reconciler, CommandGateway commands) {
        PendingOrder order = pending.remove(event.clientOrderId());
        candleEntries.remove(event.clientOrderId());
        if (order == null) {
            endWhenFlat();
            return;
        }
        String key = intentKey(order.symbol(), order.intent());
        Rejections.Kind kind = Rejections.classify(event.code(), event.message());
        if (kind == Rejections.Kind.CREDENTIALS) {
            // the credentials health check pauses the bot with its own reason
            endWhenFlat();
            return;
        }
        RiskEngine.Held held = positions.get(order.symbol());
        if (kind == Rejections.Kind.NOTHING_TO_CLOSE && order.intent() == OrderIntent.CLOSE && held != null) {
            PositionReconciler.Outcome outcome = reconciler.reconcile(
                    sessionId,
                    userId,
                    new PositionReconciler.Held(
                            held.symbol(),
                            held.side(),
                            held.positionSide(),
                            held.quantity(),
                            held.entryPrice(),
                            openedAt.getOrDefault(held.symbol(), startedAt)),
                    lastClose.get(held.symbol()),
                    "BingX answered \"" + event.message() + "\" to the close");
            if (outcome == PositionReconciler.Outcome.RECONCILED) {
                rejections.remove(key);
                backoff.remove(key);
                return;
            }
        }
        int inARow = rejections.merge(key, 1, Integer::sum);
        if (inARow >= Rejections.MAX_IN_A_ROW) {
            backoff.remove(key);
            blocked.add(key);
            if (status == SessionStatus.RUNNING) {
                // the session's TradingSessionPaused sets the saga's status; a pause not recorded leaves the bot
                // running, with this intent blocked, rather than paused here and running in the session
                send(
                        commands,
                        new PauseTradingSession(
                                sessionId,
                                event.at(),
                                PauseReason.REJECTED_REPEATEDLY,
                                "BingX rejected the " + (order.intent() == OrderIntent.OPEN ? "entry" : "close")
                                        + " on "
                                        + order.symbol() + " " + inARow + " times in a row (last: code " + event.code()
                                        + ", "
                                        + event.message()
                                        + "); the bot stopped opening positions until you resume it"));
            }
        } else {
            backoff.put(key, Rejections.backoffCandles(inARow));
        }
        endWhenFlat();
    }

    @SagaEventHandler(associationProperty = "sessionId")
    public void on(OrderFilled event) {
        PendingOrder order = pending.remove(event.clientOrderId());
        candleEntries.remove(event.clientOrderId());
        if (order != null) {
            String key = intentKey(order.symbol(), order.intent());
            rejections.remove(key);
            backoff.remove(key);
        }
    }

    @SagaEventHandler(associationProperty = "sessionId")
    public void on(ExternalPositionDetected event) {
        externals.add(event.symbol() + "/" + event.positionSide());
    }

    @SagaEventHandler(associationProperty = "sessionId")
    public void on(ExternalPositionGone event) {
        externals.remove(event.symbol() + "/" + event.positionSide());
    }

    @SagaEventHandler(associationProperty = "sessionId")
    public void on(PositionOpened event, CommandGateway commands) {
        RiskEngine.Held held = new RiskEngine.Held(
                event.symbol(), event.side(), event.positionSide(), event.quantity(), event.entryPrice());
        positions.put(event.symbol(), held);
        openedAt.put(event.symbol(), event.at());
        protections.put(event.symbol(), new Protection(event.stopLoss(), event.takeProfit(), event.clientOrderId()));
        if (status == SessionStatus.STOPPED && flattenReason != null) {
            // an entry that was on its way when the bot stopped with flatten: closed as soon as it is there
            send(
                    commands,
                    RiskEngine.closeOrder(
                            sessionId,
                            held,
                            flattenReason,
                            ClientOrderIds.of(sessionId, event.symbol(), event.at(), "flatten"),
                            null,
                            event.at()));
        }
    }

    /** Part of the position was closed at BingX (e.g. by hand): the bot manages, and later closes, what is left. */
    @SagaEventHandler(associationProperty = "sessionId")
    public void on(PositionReduced event) {
        positions.computeIfPresent(
                event.symbol(),
                (symbol, held) -> new RiskEngine.Held(
                        symbol, held.side(), held.positionSide(), event.remainingQuantity(), held.entryPrice()));
    }

    @SagaEventHandler(associationProperty = "sessionId")
    public void on(PositionClosed event) {
        positions.remove(event.symbol());
        openedAt.remove(event.symbol());
        rejections.remove(intentKey(event.symbol(), OrderIntent.CLOSE));
        backoff.remove(intentKey(event.symbol(), OrderIntent.CLOSE));
        blocked.remove(intentKey(event.symbol(), OrderIntent.CLOSE));
        protections.remove(event.symbol());
        pending.values().removeIf(p -> p.symbol().equals(event.symbol()) && p.intent() == OrderIntent.CLOSE);
        endWhenFlat();
    }

    /**
     * The trader changed the settings: decisions use them from the next candle. Market data moves to the
     * new (symbol, timeframe) pairs at once; when leverage, position mode or symbols changed, the BingX
     * account is set up again at the next candle, before anything is decided on it.
     */
    @SagaEventHandler(associationProperty = "sessionId")
    public void on(TradingSessionSettingsChanged event, MarketSubscriptions subscriptions) {
        TradingSettings previous = settings;
        TradingSettings next = event.settings();
        settings = next;
        if (next.timeframe() != previous.timeframe()) {
            // candles of the new timeframe open before the last one of the old: the first must not be taken as old
            lastCandle.clear();
        }
        for (String symbol : previous.symbols()) {
            if (!next.symbols().contains(symbol)) {
                removeAssociationWith("symbol", symbol);
            }
            if (!next.symbols().contains(symbol) || next.timeframe() != previous.timeframe()) {
                subscriptions.release(sessionId.toString(), symbol, previous.timeframe());
            }
        }
        for (String symbol : next.symbols()) {
            if (!previous.symbols().contains(symbol)) {
                associateWith("symbol", symbol);
            }
            if (!previous.symbols().contains(symbol) || next.timeframe() != previous.timeframe()) {
                subscriptions.acquire(sessionId.toString(), symbol, next.timeframe());
            }
        }
        if (next.leverage() != previous.leverage()
                || next.positionMode() != previous.positionMode()
                || !next.symbols().equals(previous.symbols())) {
            prepared = false;
            prepareFailures = 0;
        }
    }

    @SagaEventHandler(associationProperty = "sessionId")
    public void on(TradingSessionPaused event) {
        status = SessionStatus.PAUSED;
    }

    @SagaEventHandler(associationProperty = "sessionId")
    public void on(TradingSessionResumed event) {
        status = SessionStatus.RUNNING;
        // the trader looked at why: every intent gets a fresh start
        rejections.clear();
        backoff.clear();
        blocked.clear();
    }

    /** Releases the market data; with flatten, closes every position at market first and ends when flat. */
    @SagaEventHandler(associationProperty = "sessionId")
    public void on(TradingSessionStopped event, MarketSubscriptions subscriptions, CommandGateway commands) {
        status = SessionStatus.STOPPED;
        for (String symbol : settings.symbols()) {
            subscriptions.release(sessionId.toString(), symbol, settings.timeframe());
        }
        if (event.flatten()) {
            ExitReason reason = event.reason() == StopReason.MAX_DRAWDOWN ? ExitReason.RISK : ExitReason.MANUAL;
            flattenReason = reason;
            for (RiskEngine.Held held : new ArrayList<>(positions.values())) {
                boolean closing = pending.values().stream()
                        .anyMatch(p -> p.symbol().equals(held.symbol()) && p.intent() == OrderIntent.CLOSE);
                if (!closing) {
                    send(
                            commands,
                            RiskEngine.closeOrder(
                                    sessionId,
                                    held,
                                    reason,
                                    ClientOrderIds.of(sessionId, held.symbol(), event.at(), "flatten"),
                                    null,
                                    event.at()));
                }
            }
            endWhenFlat();
        } else {
            // the positions stay as they are at BingX and are no longer managed
            end();
        }
    }

    /** The polling fallback for one order: asks BingX for it and records what it says; looks again later if unfinished. */
    @DeadlineHandler(deadlineName = ORDER_CHECK)
    public void onOrderCheck(String clientOrderId, OrderExecution execution, DeadlineManager deadlines) {
        PendingOrder order = pending.get(clientOrderId);
        if (order == null) {
            return;
        }
        try {
            execution.resolve(sessionId, userId, order.intent(), order.symbol(), clientOrderId);
        } catch (RuntimeException e) {
            log.warn("Order {} of session {} could not be looked up: {}", clientOrderId, sessionId, e.getMessage());
        }
        deadlines.schedule(ORDER_CHECK_AFTER, ORDER_CHECK, clientOrderId);
    }

    /** Sets up the BingX account as the settings say and records it; false when BingX could not be reached. */
    private boolean prepare(ExchangeAccess exchange, CommandGateway commands, Instant at) {
        try {
            ExchangeAccess.Preparation done =
                    exchange.prepare(userId, settings.positionMode(), settings.leverage(), settings.symbols());
            effectiveMode = done.effectiveMode();
            prepared = true;
            send(
                    commands,
                    new RecordExchangePreparation(
                            sessionId,
                            settings.positionMode(),
                            done.effectiveMode(),
                            settings.leverage(),
                            done.note(),
                            at));
            return true;
        } catch (ExchangeAccess.ExchangeUnavailable e) {
            log.warn("Session {}: BingX account not prepared yet: {}", sessionId, e.getMessage());
            return false;
        }
    }

    /** The next try after 2 s, doubling up to 5 minutes; the first candle after a failure also tries. */
    private void schedulePrepareRetry(DeadlineManager deadlines) {
        Duration wait = PREPARE_RETRY_FIRST.multipliedBy(1L << Math.min(prepareFailures, 10));
        prepareFailures++;
        deadlines.schedule(
                wait.compareTo(PREPARE_RETRY_MAX) > 0 ? PREPARE_RETRY_MAX : wait, PREPARE_RETRY, sessionId.toString());
    }

    /** Ends once stopped with nothing held and no close pending — and, when flattening, no entry still on its way. */
    private void endWhenFlat() {
        if (status == SessionStatus.STOPPED
                && positions.isEmpty()
                && pending.values().stream()
                        .noneMatch(p -> p.intent() == OrderIntent.CLOSE
                                || (flattenReason != null && p.intent() == OrderIntent.OPEN))) {
            end();
        }
    }

    /** Sends a command; false when it was refused or failed (logged). */
    private boolean send(CommandGateway commands, Object command) {
        try {
            SystemCommands.send(commands, COMPONENT, command);
            return true;
        } catch (RuntimeException e) {
            if (command instanceof RequestOrderPlacement entry && entry.intent() == OrderIntent.OPEN && pastDue(e)) {
                // the trader's subscription lapsed: the decision log says why nothing opens (docs/plans.md)
                send(
                        commands,
                        new RecordSkippedSignal(
                                sessionId,
                                entry.symbol(),
                                entry.candleTime(),
                                entry.direction(),
                                ReasonCode.SUBSCRIPTION_PAST_DUE,
                                "your subscription is past due: no new positions until an admin records the payment;"
                                        + " exits, stops and take-profits still run",
                                entry.at()));
                return false;
            }
            log.warn(
                    "Session {}: {} not recorded: {}",
                    sessionId,
                    command.getClass().getSimpleName(),
                    e.getMessage());
            return false;
        }
    }

    /** Whether the aggregate refused an entry because the trader's subscription is past due. */
    private static boolean pastDue(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof dev.trenddesk.api.common.DomainRejection rejection
                    && rejection.code() == dev.trenddesk.api.common.RejectionCode.ENTRY_SUBSCRIPTION_PAST_DUE) {
                return true;
            }
            if (t instanceof org.axonframework.commandhandling.CommandExecutionException execution
                    && execution
                            .getDetails()
                            .map(String::valueOf)
                            .filter(dev.trenddesk.api.common.RejectionCode.ENTRY_SUBSCRIPTION_PAST_DUE.name()::equals)
                            .isPresent()) {
                return true;
            }
        }
        return false;
    }
}
