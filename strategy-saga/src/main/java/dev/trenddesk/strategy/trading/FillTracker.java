package dev.trenddesk.strategy.trading;

import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.TradingCommands.RecordExternalPosition;
import dev.trenddesk.api.trading.TradingCommands.RecordExternalPositionGone;
import dev.trenddesk.api.trading.TradingCommands.RecordOrderFill;
import dev.trenddesk.api.trading.TradingCommands.RecordPositionClosedByExchange;
import dev.trenddesk.api.trading.TradingCommands.ReportPositionDesync;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.bingx.BingxClient;
import dev.trenddesk.bingx.model.Income;
import dev.trenddesk.bingx.model.OrderSide;
import dev.trenddesk.bingx.model.OrderStatus;
import dev.trenddesk.bingx.model.Position;
import dev.trenddesk.bingx.model.UserDataEvent;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 *   <li>one BingX user data stream per active session: fills of the session's own orders become
 *       OrderFilled (+ PositionOpened / PositionClosed), fills of its stop-loss / take-profit triggers
 *       close the position with STOP_LOSS / TAKE_PROFIT;</li>
 *   <li>a polling fallback every {@code trenddesk.trading.poll-interval}: pending orders are looked up
 *       by clientOrderId, and positions are compared with BingX's;</li>
 *   <li>reconciliation when a session is first watched (its start, every restart) and after every
 *       stream reconnect: what matches is adopted silently, a different size is a PositionDesyncDetected
 *       (event and alert). A position the session holds that has been gone at BingX for two polls was
 *       closed there: it is closed with the PnL BingX booked, or — when BingX booked none (e.g. the
 *       exchange lost it) — reconciled (EXCHANGE_RECONCILED) by the {@link PositionReconciler}. A position
 *       BingX holds that the session did not open (seen in two polls) is recorded as external
 *       (ExternalPositionDetected) and never traded; ExternalPositionGone when it is no longer there.</li>
 * </ul>
 * Every record it makes is idempotent at the aggregate, so a fill seen by both the stream and the
 * poll is recorded once.
 */
@Component
public class FillTracker {

    private static final String COMPONENT = "fill-tracker";
    private static final Logger log = LoggerFactory.getLogger(FillTracker.class);

    private final TradingLedger ledger;
    private final BingxExchangeAccess access;
    private final OrderExecution execution;
    private final CommandGateway commands;
    private final PositionReconciler reconciler;
    private final Duration pollInterval;
    private final Duration pendingGrace;
    private final Clock clock = Clock.systemUTC();
    private final Map<TradingSessionId, Watch> watches = new ConcurrentHashMap<>();
    private volatile Disposable polling;

    public FillTracker(TradingLedger ledger, BingxExchangeAccess access, OrderExecution execution,
                       CommandGateway commands, PositionReconciler reconciler,
                       @Value("${trenddesk.trading.poll-interval:30s}") Duration pollInterval,
                       @Value("${trenddesk.trading.pending-grace:5s}") Duration pendingGrace) {
        this.ledger = ledger;
        this.access = access;
        this.execution = execution;
        this.commands = commands;
        this.reconciler = reconciler;
        this.pollInterval = pollInterval;
        this.pendingGrace = pendingGrace;
    }

    /** One watched session: its user stream and the positions seen missing at BingX in the last poll. */
    private static final class Watch {
        final TradingLedger.ActiveSession session;
        final Set<String> missing = ConcurrentHashMap.newKeySet();
        final Set<String> unknown = ConcurrentHashMap.newKeySet();
        volatile Disposable stream;

        Watch(TradingLedger.ActiveSession session) {
            this.session = session;
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
                w.stream.dispose();
            }
        });
        watches.clear();
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
                subscribe(watch);
            }
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
                    gone.stream.dispose();
                }
            }
        }
    }

    private void subscribe(Watch watch) {
        try {
            BingxClient client = access.client(watch.session.userId());
            watch.stream = client.userDataStream()
                    .publishOn(Schedulers.boundedElastic())
                    .subscribe(event -> onUserData(watch, event),
                            e -> log.warn("User stream of session {} ended: {}", watch.session.sessionId(), e.getMessage()));
        } catch (RuntimeException e) {
            log.warn("User stream of session {} not started: {}", watch.session.sessionId(), e.getMessage());
        }
    }

    void onUserData(Watch watch, UserDataEvent event) {
        try {
            switch (event) {
                case UserDataEvent.OrderUpdate update when update.status() == OrderStatus.FILLED -> onFill(watch, update);
                case UserDataEvent.StreamConnected connected when connected.reconnect() -> poll(watch);
                default -> {
                    // other updates change nothing the session records
                }
            }
        } catch (RuntimeException e) {
            log.warn("User data of session {} not handled: {}", watch.session.sessionId(), e.getMessage());
        }
    }

    private void onFill(Watch watch, UserDataEvent.OrderUpdate update) {
        TradingSessionId sessionId = watch.session.sessionId();
        access.forgetBalance(watch.session.userId());
        String coid = update.clientOrderId() == null ? "" : update.clientOrderId().toLowerCase(java.util.Locale.ROOT);
        Optional<TradingLedger.PendingOrder> own = coid.isEmpty() ? Optional.empty() : ledger.order(coid);
        BigDecimal fee = update.fee() == null ? BigDecimal.ZERO : update.fee().abs();
        if (own.isPresent() && own.get().sessionId().equals(sessionId)) {
            BigDecimal pnl = own.get().intent() == dev.trenddesk.api.trading.OrderIntent.CLOSE ? update.realisedPnl() : null;
            record(new RecordOrderFill(sessionId, coid, Long.toString(update.orderId()), update.avgPrice(),
                    update.quantity(), fee, pnl, clock.instant()));
            return;
        }
        Optional<TradingLedger.LedgerPosition> held = ledger.positions(sessionId).stream()
                .filter(p -> p.symbol().equals(update.symbol())).findFirst();
        if (held.isEmpty() || !closes(held.get(), update)) {
            return;
        }
        ExitReason reason = switch (update.type() == null ? "" : update.type()) {
            case "STOP_MARKET", "STOP" -> ExitReason.STOP_LOSS;
            case "TAKE_PROFIT_MARKET", "TAKE_PROFIT" -> ExitReason.TAKE_PROFIT;
            default -> ExitReason.MANUAL;
        };
        record(new RecordPositionClosedByExchange(sessionId, update.symbol(), Long.toString(update.orderId()),
                update.avgPrice(), fee, update.realisedPnl(), reason, clock.instant()));
    }

    private static boolean closes(TradingLedger.LedgerPosition held, UserDataEvent.OrderUpdate update) {
        OrderSide closing = held.side() == Direction.LONG ? OrderSide.SELL : OrderSide.BUY;
        boolean sideMatches = update.positionSide() == null
                || update.positionSide().name().equals(held.positionSide().name())
                || held.positionSide() == ExchangePositionSide.BOTH;
        return update.side() == closing && sideMatches;
    }

    /** Pending orders, then positions against BingX's; reads the balance too, so candles find a recent one. */
    void poll(Watch watch) {
        TradingSessionId sessionId = watch.session.sessionId();
        Instant now = clock.instant();
        for (TradingLedger.PendingOrder order : ledger.pendingOrders(sessionId)) {
            if (order.requestedAt().plus(pendingGrace).isBefore(now)) {
                execution.resolve(sessionId, watch.session.userId(), order.intent(), order.symbol(), order.clientOrderId());
            }
        }
        BingxClient client = access.client(watch.session.userId());
        List<Position> atExchange = client.positions(null).block(Duration.ofSeconds(15));
        if (atExchange == null) {
            return;
        }
        try {
            access.readBalance(watch.session.userId());
        } catch (ExchangeAccess.ExchangeUnavailable e) {
            log.debug("Balance of session {} not read: {}", sessionId, e.getMessage());
        }
        List<TradingLedger.LedgerPosition> believed = ledger.positions(sessionId);
        Set<String> pendingSymbols = new HashSet<>();
        ledger.pendingOrders(sessionId).forEach(o -> pendingSymbols.add(o.symbol()));
        for (TradingLedger.LedgerPosition held : believed) {
            if (pendingSymbols.contains(held.symbol())) {
                continue;
            }
            Optional<Position> match = atExchange.stream().filter(p -> p.symbol().equals(held.symbol())
                    && p.positionSide().name().equals(held.side().name())).findFirst();
            if (match.isEmpty()) {
                if (!watch.missing.add(held.symbol())) {
                    closedAtExchange(watch, client, held);
                    watch.missing.remove(held.symbol());
                }
                continue;
            }
            watch.missing.remove(held.symbol());
            BigDecimal amount = match.get().positionAmt().abs();
            if (amount.compareTo(held.quantity()) != 0) {
                record(new ReportPositionDesync(sessionId, held.symbol(), held.positionSide(), held.quantity(), amount,
                        "BingX holds " + amount.toPlainString() + " " + held.symbol() + " " + held.side()
                                + ", the session believes " + held.quantity().toPlainString(), now));
            }
        }
        Set<String> unknownNow = new HashSet<>();
        for (Position position : atExchange) {
            boolean known = believed.stream().anyMatch(h -> h.symbol().equals(position.symbol())
                    && h.side().name().equals(position.positionSide().name()));
            String key = position.symbol() + "/" + position.positionSide();
            if (!known && !pendingSymbols.contains(position.symbol()) && position.positionAmt().signum() != 0) {
                unknownNow.add(key);
            }
            // reported when seen in two polls in a row: the ledger may lag the events by a moment
            if (unknownNow.contains(key) && watch.unknown.contains(key)) {
                ExchangePositionSide side = ExchangePositionSide.valueOf(position.positionSide().name());
                Direction direction = side == ExchangePositionSide.SHORT
                        || (side == ExchangePositionSide.BOTH && position.positionAmt().signum() < 0)
                        ? Direction.SHORT : Direction.LONG;
                record(new RecordExternalPosition(sessionId, position.symbol(), side, direction,
                        position.positionAmt().abs(), position.avgPrice(), "BingX holds a " + position.positionSide()
                                + " position of " + position.positionAmt().abs().toPlainString() + " "
                                + position.symbol() + " that this session did not open; it is left untouched", now));
            }
        }
        watch.unknown.retainAll(unknownNow);
        watch.unknown.addAll(unknownNow);
        for (String external : ledger.externalPositions(sessionId)) {
            boolean there = atExchange.stream().anyMatch(p -> external.equals(p.symbol() + "/" + p.positionSide())
                    && p.positionAmt().signum() != 0);
            if (!there) {
                int slash = external.indexOf('/');
                record(new RecordExternalPositionGone(sessionId, external.substring(0, slash),
                        ExchangePositionSide.valueOf(external.substring(slash + 1)), now));
            }
        }
    }

    /** A held position gone at BingX: closed there (stop, take-profit or by hand); PnL and fees from BingX's income. */
    private void closedAtExchange(Watch watch, BingxClient client, TradingLedger.LedgerPosition held) {
        List<Income> income = client.income(held.symbol(), null, held.openedAt().minusSeconds(1), null)
                .block(Duration.ofSeconds(15));
        BigDecimal pnl = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        boolean booked = false;
        for (Income entry : income == null ? List.<Income>of() : income) {
            if (entry.time() != null && entry.time().isBefore(held.openedAt().minusSeconds(1))) {
                continue;
            }
            if ("REALIZED_PNL".equals(entry.incomeType())) {
                pnl = pnl.add(entry.income());
                booked = true;
            } else if ("TRADING_FEE".equals(entry.incomeType())) {
                fees = fees.add(entry.income().abs());
            }
        }
        TradingSessionId sessionId = watch.session.sessionId();
        if (!booked) {
            // the exchange is the source of truth: a position it no longer has is closed on the platform too
            reconciler.closeAsGone(sessionId, client, new PositionReconciler.Held(held.symbol(), held.side(),
                    held.positionSide(), held.quantity(), held.entryPrice(), held.openedAt()), null,
                    "the position was missing at BingX in two polls in a row and BingX booked no PnL for it");
            return;
        }
        BigDecimal exit = held.entryPrice().add(pnl.divide(held.quantity().multiply(BigDecimal.valueOf(held.side().sign())),
                MathContext.DECIMAL64));
        ExitReason reason = reasonByPrice(held, exit, pnl);
        // fees from the income include the entry fee, which the session already counted
        record(new RecordPositionClosedByExchange(sessionId, held.symbol(), null, exit, BigDecimal.ZERO, pnl, reason,
                clock.instant()));
    }

    private static ExitReason reasonByPrice(TradingLedger.LedgerPosition held, BigDecimal exit, BigDecimal pnl) {
        if (held.stopLoss() != null && held.takeProfit() != null) {
            BigDecimal toStop = exit.subtract(held.stopLoss()).abs();
            BigDecimal toTarget = exit.subtract(held.takeProfit()).abs();
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
