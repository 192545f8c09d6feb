package dev.trenddesk.command.trading;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.RejectionCode;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.OrderIntent;
import dev.trenddesk.api.trading.PauseReason;
import dev.trenddesk.api.trading.RiskLimitKind;
import dev.trenddesk.api.trading.SessionStatus;
import dev.trenddesk.api.trading.StopReason;
import dev.trenddesk.api.trading.TradingCommands.ChangeTradingSessionSettings;
import dev.trenddesk.api.trading.TradingCommands.PauseTradingSession;
import dev.trenddesk.api.trading.TradingCommands.RecordEquity;
import dev.trenddesk.api.trading.TradingCommands.RecordExchangeFill;
import dev.trenddesk.api.trading.TradingCommands.RecordExchangePreparation;
import dev.trenddesk.api.trading.TradingCommands.RecordExternalPosition;
import dev.trenddesk.api.trading.TradingCommands.RecordExternalPositionGone;
import dev.trenddesk.api.trading.TradingCommands.RecordFundingFee;
import dev.trenddesk.api.trading.TradingCommands.RecordOrderFill;
import dev.trenddesk.api.trading.TradingCommands.RecordOrderPlaced;
import dev.trenddesk.api.trading.TradingCommands.RecordOrderRejected;
import dev.trenddesk.api.trading.TradingCommands.RecordPositionClosedByExchange;
import dev.trenddesk.api.trading.TradingCommands.RecordPositionReconciled;
import dev.trenddesk.api.trading.TradingCommands.RecordRiskLimitBreach;
import dev.trenddesk.api.trading.TradingCommands.RecordSignal;
import dev.trenddesk.api.trading.TradingCommands.RecordSkippedSignal;
import dev.trenddesk.api.trading.TradingCommands.ReportPositionDesync;
import dev.trenddesk.api.trading.TradingCommands.RequestOrderPlacement;
import dev.trenddesk.api.trading.TradingCommands.ResumeTradingSession;
import dev.trenddesk.api.trading.TradingCommands.StartTradingSession;
import dev.trenddesk.api.trading.TradingCommands.StopTradingSession;
import dev.trenddesk.api.trading.TradingSessionEvent.EquityObserved;
import dev.trenddesk.api.trading.TradingSessionEvent.ExchangeAccountPrepared;
import dev.trenddesk.api.trading.TradingSessionEvent.ExternalPositionDetected;
import dev.trenddesk.api.trading.TradingSessionEvent.ExternalPositionGone;
import dev.trenddesk.api.trading.TradingSessionEvent.FundingFeeCharged;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderFilled;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlaced;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlacementRequested;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderRejected;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionClosed;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionDesyncDetected;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionOpened;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionReconciled;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionReduced;
import dev.trenddesk.api.trading.TradingSessionEvent.RiskLimitBreached;
import dev.trenddesk.api.trading.TradingSessionEvent.SignalGenerated;
import dev.trenddesk.api.trading.TradingSessionEvent.SignalSkipped;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionPaused;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionResumed;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionSettingsChanged;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStarted;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStopped;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.command.AggregateView;
import dev.trenddesk.command.plan.PlanStore;
import dev.trenddesk.command.platform.PlatformHalts;
import dev.trenddesk.command.platform.PlatformSettingsStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One run of one trader's bot: its status, the settings it trades on (those of the start until the
 * trader changes them), the orders it asked for (by clientOrderId), the positions it holds and the risk limits already reported. People start, pause,
 * resume and stop it; the trading saga and execution component record what they decide and see.
 *
 * <p>Recording commands are idempotent: a repeated order request, placement, fill or close (a
 * redelivered event, a restart) changes nothing, which is what keeps "exactly one order per decision"
 * true in the audit trail as well as at the exchange. After a stop only closing orders (flatten) and
 * their outcomes are still recorded; decisions arriving late are dropped.
 *
 * <p>Snapshotted (see {@link TradingSessionConfiguration}); its state is plain fields and records
 * so that the Jackson serializer can write it. {@link #view()} shows it (time travel replays it); the
 * fields below the "shown" mark are kept for that view only and decide nothing.
 *
 * <p>{@code @Revision("2")}: the state knows its exchange since revision 2. Axon skips snapshots of another
 * revision (those taken before, without it) and replays the events instead, whose upcasters name BingX.
 */
@Revision("2")
@Aggregate(snapshotTriggerDefinition = "tradingSessionSnapshotTrigger", cache = "tradingSessionCache")
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class TradingSession implements AggregateView {

    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("^[a-z0-9_-]{1,40}$");
    /** The prefix of every clientOrderId the platform sends (ADR 0007). */
    private static final String PLATFORM_ORDER_PREFIX = "td";
    /** The client id prefix of an exchange's own liquidation orders (Binance's convention; BingX's is not documented). */
    private static final String LIQUIDATION_ORDER_PREFIX = "autoclose";

    @AggregateIdentifier
    private TradingSessionId id;

    private UserId userId;
    /** The exchange the session trades on: that of the trader's verified credentials at the start. */
    private ExchangeName exchange;

    private SessionStatus status;
    /** Why the bot is paused; null while it is not. */
    private PauseReason pauseReason;

    private TradingSettings settings;
    private Map<String, OrderState> orders = new HashMap<>();
    private Map<String, HeldPosition> positions = new HashMap<>();
    private LocalDate dailyLossReportedOn;
    private boolean drawdownReported;
    private Map<String, BigDecimal> lastDesync = new HashMap<>();
    private Set<String> usedClientOrderIds = new HashSet<>();
    /**
     * Exchange order ids of fills that closed a position at the exchange (stop-loss, take-profit, by hand): the
     * same fill reported again (late by the stream after the bot settled the candle, or by a lookup) closes
     * nothing, not even a newer position on the symbol.
     */
    private Set<String> exchangeCloses = new HashSet<>();
    /** BingX transaction ids of the funding fees recorded (FundingFeeCharged): a line read again records nothing. */
    private Set<String> fundingTranIds = new HashSet<>();
    /** Positions at the exchange this session did not open ("symbol/positionSide" → size); never traded. */
    private Map<String, BigDecimal> externalPositions = new HashMap<>();

    // shown: what the session did, for view() only (a snapshot taken before these existed counts from then on)
    private BigDecimal initialBalance;
    private Instant startedAt;
    private StopReason stopReason;
    private String stopDetail;
    private String stoppedBy;
    private Instant stoppedAt;
    private PositionMode positionMode;
    private Integer leverage;
    private int signals;
    private int skippedCandles;
    private int trades;
    private int wins;
    private int losses;
    private BigDecimal netPnl = BigDecimal.ZERO;
    private BigDecimal funding;
    private RiskLimitKind lastRiskBreach;
    private String lastDesyncDetail;
    private String lastReconciliation;
    private BigDecimal equity;
    private BigDecimal equityPeak;

    /**
     * What the session knows, as time travel shows it.
     *
     * @param openPositions  by "symbol:side"
     * @param orders         the orders the session still tracks (clientOrderId → REQUESTED, PLACED, REJECTED or
     *                       FILLED); finished orders of a closed position are dropped
     * @param externalPositions by "symbol:positionSide": the size BingX holds that the bot did not open
     * @param trades         closes and partial closes; wins and losses by their net PnL (realised PnL − fees)
     * @param funding        funding fees booked on the session's positions, signed; null before the first
     * @param exchange       the exchange the session trades on
     */
    public record View(
            String sessionId,
            String userId,
            ExchangeName exchange,
            SessionStatus status,
            PauseReason pauseReason,
            TradingSettings settings,
            BigDecimal initialBalance,
            Instant startedAt,
            StopReason stopReason,
            String stopDetail,
            String stoppedBy,
            Instant stoppedAt,
            PositionMode positionMode,
            Integer leverage,
            SortedMap<String, PositionView> openPositions,
            SortedMap<String, OrderProgress> orders,
            SortedMap<String, BigDecimal> externalPositions,
            int signals,
            int skippedCandles,
            int trades,
            int wins,
            int losses,
            BigDecimal netPnl,
            BigDecimal funding,
            RiskLimitKind lastRiskBreach,
            String lastDesync,
            String lastReconciliation,
            BigDecimal equity,
            BigDecimal equityPeak) {}

    /** An open position as time travel shows it; funding null while none was booked on it. */
    public record PositionView(
            BigDecimal quantity,
            BigDecimal entryPrice,
            BigDecimal stopLoss,
            BigDecimal takeProfit,
            Instant openedAt,
            BigDecimal funding) {}

    /** An order the session asked for and what became of it. */
    record OrderState(
            String clientOrderId,
            String symbol,
            OrderIntent intent,
            Direction direction,
            ExchangePositionSide positionSide,
            BigDecimal quantity,
            BigDecimal stopLoss,
            BigDecimal takeProfit,
            ExitReason exitReason,
            OrderProgress progress,
            String exchangeOrderId) {

        OrderState with(OrderProgress next, String exchangeId) {
            return new OrderState(
                    clientOrderId,
                    symbol,
                    intent,
                    direction,
                    positionSide,
                    quantity,
                    stopLoss,
                    takeProfit,
                    exitReason,
                    next,
                    exchangeId == null ? exchangeOrderId : exchangeId);
        }
    }

    /** Where an order stands. */
    public enum OrderProgress {
        REQUESTED,
        PLACED,
        REJECTED,
        FILLED
    }

    /**
     * A position the session holds on one symbol.
     *
     * @param openedAt when it opened (null in snapshots taken before it was kept: any funding time is accepted)
     * @param funding  funding fees booked on it so far, signed (null in older snapshots: none)
     * @param stopLoss   the stop-loss it opened with (null without one, and in older snapshots)
     * @param takeProfit the take-profit it opened with (null without one, and in older snapshots)
     */
    record HeldPosition(
            String symbol,
            Direction side,
            ExchangePositionSide positionSide,
            BigDecimal quantity,
            BigDecimal entryPrice,
            BigDecimal entryFee,
            Instant openedAt,
            BigDecimal funding,
            BigDecimal stopLoss,
            BigDecimal takeProfit) {

        BigDecimal fundingSoFar() {
            return funding == null ? BigDecimal.ZERO : funding;
        }
    }

    protected TradingSession() {
        // for Axon
    }

    @CommandHandler
    public TradingSession(
            StartTradingSession command,
            ActiveSessions activeSessions,
            PlatformHalts halts,
            PlatformSettingsStore platform,
            PlanStore plans) {
        if (command.exchange() == null) {
            throw new InvalidInputException(
                    "exchange", "is required: the exchange of the trader's verified credentials");
        }
        if (command.settings() == null) {
            throw new InvalidInputException("settings", "is required");
        }
        command.settings().validated();
        platform.requireAllowed(command.settings(), null); // a start takes only allowed symbols and timeframes
        if (command.initialBalance() == null || command.initialBalance().signum() < 0) {
            throw new InvalidInputException("initialBalance", "must be zero or more");
        }
        halts.requireTradingAllowed();
        // within the trader's plan (422 naming the limit) and its subscription paid for (409 SUBSCRIPTION_PAST_DUE)
        plans.requireStart(command.userId(), command.settings(), command.at());
        activeSessions.claim(command.userId(), command.sessionId(), command.at());
        apply(new TradingSessionStarted(
                command.sessionId(),
                command.userId(),
                command.settings(),
                command.initialBalance(),
                command.at(),
                command.exchange()));
    }

    @CommandHandler
    public void handle(PauseTradingSession command) {
        if (status != SessionStatus.RUNNING) {
            throw new DomainRejection(
                    RejectionCode.SESSION_NOT_RUNNING,
                    "the bot is " + status.name().toLowerCase() + ", not running");
        }
        apply(new TradingSessionPaused(id, userId, command.at(), command.reason(), command.detail()));
    }

    @CommandHandler
    public void handle(ResumeTradingSession command, PlatformHalts halts) {
        if (command.onlyIfPausedFor() != null
                && (status != SessionStatus.PAUSED
                        || pauseReason != command.onlyIfPausedFor()
                        || halts.haltReason().isPresent())) {
            // the platform lifts only its own pause (a bot the trader paused stays paused), and none while the
            // kill switch is engaged
            return;
        }
        if (status != SessionStatus.PAUSED) {
            throw new DomainRejection(
                    RejectionCode.SESSION_NOT_PAUSED,
                    "the bot is " + status.name().toLowerCase() + ", not paused");
        }
        halts.requireTradingAllowed(); // while the kill switch is engaged no bot resumes
        apply(new TradingSessionResumed(id, userId, command.at()));
    }

    @CommandHandler
    public void handle(
            StopTradingSession command, ActiveSessions activeSessions, @MetaDataValue("actorId") String actorId) {
        if (status == SessionStatus.STOPPED) {
            throw new DomainRejection(RejectionCode.SESSION_ALREADY_STOPPED, "the bot is already stopped");
        }
        if (command.reason() == null) {
            throw new InvalidInputException("reason", "is required");
        }
        activeSessions.release(userId, id);
        String detail = command.detail() == null ? "" : command.detail();
        apply(new TradingSessionStopped(
                id,
                userId,
                command.reason(),
                detail,
                actorId == null ? "unknown" : actorId,
                command.flatten(),
                command.at()));
    }

    /**
     * New settings for a running or paused bot, used from its next candle. Settings equal to the current
     * ones change nothing. Refused, with nothing changed: leverage or position mode while a position is
     * open or an entry pending (BingX would keep the old ones for them, or refuse), and dropping a symbol
     * that holds a position or a pending order (the bot would stop managing it).
     */
    @CommandHandler
    public void handle(ChangeTradingSessionSettings command, PlatformSettingsStore platform, PlanStore plans) {
        if (status == SessionStatus.STOPPED) {
            throw new DomainRejection(
                    RejectionCode.SESSION_STOPPED_SETTINGS_FIXED,
                    "the bot is stopped: its settings can no longer change");
        }
        if (command.settings() == null) {
            throw new InvalidInputException("settings", "is required");
        }
        TradingSettings next = command.settings().validated();
        if (next.sameAs(settings)) {
            return;
        }
        platform.requireAllowed(next, settings); // what the bot trades already may stay; nothing disallowed is added
        plans.requireChange(userId, next, settings); // the same rule for the trader's plan
        boolean busy = !positions.isEmpty()
                || orders.values().stream()
                        .anyMatch(o -> o.intent() == OrderIntent.OPEN
                                && (o.progress() == OrderProgress.REQUESTED || o.progress() == OrderProgress.PLACED));
        if (busy && next.leverage() != settings.leverage()) {
            throw new DomainRejection(
                    RejectionCode.POSITION_OPEN_LEVERAGE_CHANGE,
                    "leverage cannot change from " + settings.leverage() + " to "
                            + next.leverage() + " while the bot holds positions or waits for an entry ("
                            + String.join(", ", busySymbols()) + "): close them or wait until they are closed");
        }
        if (busy && next.positionMode() != settings.positionMode()) {
            throw new DomainRejection(
                    RejectionCode.POSITION_OPEN_MODE_CHANGE,
                    "position mode cannot change from " + settings.positionMode() + " to "
                            + next.positionMode() + " while the bot holds positions or waits for an entry ("
                            + String.join(", ", busySymbols()) + "): close them or wait until they are closed");
        }
        for (String symbol : busySymbols()) {
            if (!next.symbols().contains(symbol)) {
                throw new DomainRejection(
                        RejectionCode.POSITION_OPEN_SYMBOL_REMOVAL,
                        symbol + " cannot be removed while the bot holds a position or an "
                                + "order on it: close the position first");
            }
        }
        apply(new TradingSessionSettingsChanged(id, userId, next, command.at()));
    }

    /** Symbols with a position or an unfinished order, sorted. */
    private SortedSet<String> busySymbols() {
        SortedSet<String> busy = new TreeSet<>(positions.keySet());
        orders.values().stream()
                .filter(o -> o.progress() == OrderProgress.REQUESTED || o.progress() == OrderProgress.PLACED)
                .forEach(o -> busy.add(o.symbol()));
        return busy;
    }

    @CommandHandler
    public void handle(RecordExchangePreparation command) {
        if (status == SessionStatus.STOPPED) {
            return;
        }
        apply(new ExchangeAccountPrepared(
                id,
                userId,
                command.requestedMode(),
                command.effectiveMode(),
                command.leverage(),
                command.note(),
                command.at()));
    }

    @CommandHandler
    public void handle(RecordSignal command) {
        if (status == SessionStatus.STOPPED) {
            return;
        }
        apply(new SignalGenerated(
                id,
                userId,
                command.symbol(),
                command.side(),
                command.candleTime(),
                command.indicators(),
                command.confidence(),
                command.at()));
    }

    @CommandHandler
    public void handle(RecordSkippedSignal command) {
        if (status == SessionStatus.STOPPED) {
            return;
        }
        apply(new SignalSkipped(
                id,
                userId,
                command.symbol(),
                command.candleTime(),
                command.signal(),
                command.reasonCode(),
                command.reason(),
                command.at()));
    }

    /**
     * Reported once per trading day for the daily loss (the UTC day of the candle's open time, the day the
     * risk engine and the backtester count losses in), once per session for the drawdown.
     */
    @CommandHandler
    public void handle(RecordRiskLimitBreach command) {
        if (status == SessionStatus.STOPPED) {
            return;
        }
        if (command.kind() == RiskLimitKind.DAILY_LOSS
                && tradingDay(command.candleTime(), command.at()).equals(dailyLossReportedOn)) {
            return;
        }
        if (command.kind() == RiskLimitKind.MAX_DRAWDOWN && drawdownReported) {
            return;
        }
        apply(new RiskLimitBreached(
                id, userId, command.kind(), command.value(), command.limit(), command.candleTime(), command.at()));
    }

    /**
     * Stores an order before anything is sent. A repeat of a known clientOrderId changes nothing.
     * Opening needs a running session, no position or pending entry on the symbol and fewer than
     * maxPositions positions held plus entries pending (a second line of defence behind the risk engine,
     * which takes the decisions of one candle together); closing needs a position on the symbol and no
     * other close of it pending.
     */
    @CommandHandler
    public void handle(RequestOrderPlacement command, PlanStore plans) {
        if (command.clientOrderId() == null
                || !CLIENT_ORDER_ID.matcher(command.clientOrderId()).matches()) {
            throw new InvalidInputException("clientOrderId", "must be 1 to 40 lowercase letters, digits, '-' or '_'");
        }
        if (usedClientOrderIds.contains(command.clientOrderId())) {
            return;
        }
        if (command.quantity() == null || command.quantity().signum() <= 0) {
            throw new InvalidInputException("quantity", "must be positive");
        }
        if (command.intent() == OrderIntent.OPEN) {
            if (status != SessionStatus.RUNNING) {
                throw new DomainRejection(
                        RejectionCode.ENTRY_WHILE_NOT_RUNNING,
                        "the bot is " + status.name().toLowerCase() + ": no new positions");
            }
            if (positions.containsKey(command.symbol()) || pending(command.symbol(), OrderIntent.OPEN)) {
                throw new DomainRejection(
                        RejectionCode.ENTRY_ALREADY_OPEN, "a position or entry is already open on " + command.symbol());
            }
            if (hasExternal(command.symbol())) {
                throw new DomainRejection(
                        RejectionCode.ENTRY_ON_EXTERNAL_POSITION,
                        "the exchange holds a position on " + command.symbol()
                                + " that the bot did not open: it does not trade that symbol");
            }
            // a past-due subscription opens no new positions; exits are never asked about (docs/plans.md)
            plans.requireEntry(userId, command.at());
            long taken = positions.size()
                    + orders.values().stream()
                            .filter(o -> o.intent() == OrderIntent.OPEN
                                    && !positions.containsKey(o.symbol())
                                    && (o.progress() == OrderProgress.REQUESTED
                                            || o.progress() == OrderProgress.PLACED))
                            .map(OrderState::symbol)
                            .distinct()
                            .count();
            if (taken >= settings.maxPositions()) {
                throw new DomainRejection(
                        RejectionCode.ENTRY_OVER_MAX_POSITIONS,
                        taken + " positions held or being opened, at most " + settings.maxPositions() + ": no entry on "
                                + command.symbol());
            }
        } else {
            HeldPosition held = positions.get(command.symbol());
            if (held == null) {
                throw new DomainRejection(
                        RejectionCode.CLOSE_WITHOUT_POSITION, "no position open on " + command.symbol() + " to close");
            }
            if (pending(command.symbol(), OrderIntent.CLOSE)) {
                throw new DomainRejection(
                        RejectionCode.CLOSE_ALREADY_PENDING, "a close of " + command.symbol() + " is already pending");
            }
        }
        apply(new OrderPlacementRequested(
                id,
                userId,
                command.clientOrderId(),
                command.symbol(),
                command.intent(),
                command.side(),
                command.positionSide(),
                command.direction(),
                command.quantity(),
                command.stopLoss(),
                command.takeProfit(),
                command.exitReason(),
                command.candleTime(),
                command.at()));
    }

    @CommandHandler
    public void handle(RecordOrderPlaced command) {
        OrderState order = known(command.clientOrderId());
        if (order == null || order.progress() != OrderProgress.REQUESTED) {
            return;
        }
        apply(new OrderPlaced(
                id, userId, order.clientOrderId(), order.symbol(), command.exchangeOrderId(), command.at()));
    }

    @CommandHandler
    public void handle(RecordOrderRejected command) {
        OrderState order = known(command.clientOrderId());
        if (order == null || order.progress() == OrderProgress.REJECTED || order.progress() == OrderProgress.FILLED) {
            return;
        }
        apply(new OrderRejected(
                id, userId, order.clientOrderId(), order.symbol(), command.code(), command.message(), command.at()));
    }

    /** A fill of the session's own order: opens or closes the position. A repeated fill changes nothing. */
    @CommandHandler
    public void handle(RecordOrderFill command) {
        OrderState order = known(command.clientOrderId());
        fill(
                order,
                command.exchangeOrderId(),
                command.price(),
                command.quantity(),
                command.fee(),
                command.realisedPnl(),
                command.at());
    }

    /**
     * A fill the user data stream saw, classified here rather than by the stream's reader, whose view
     * of the session may lag: the session's own order (known by its clientOrderId even before
     * OrderPlaced was recorded) is that order's fill, with its exit reason; an unknown platform id
     * belongs to another session; any other fill reducing a held position closed it at the exchange when it
     * covers the whole held quantity, and closed only that part of it (PositionReduced) when it is smaller.
     */
    @CommandHandler
    public void handle(RecordExchangeFill command) {
        String clientOrderId =
                command.clientOrderId() == null ? "" : command.clientOrderId().toLowerCase(java.util.Locale.ROOT);
        if (!clientOrderId.isEmpty()
                && (orders.containsKey(clientOrderId) || usedClientOrderIds.contains(clientOrderId))) {
            fill(
                    orders.get(clientOrderId),
                    command.exchangeOrderId(),
                    command.price(),
                    command.quantity(),
                    command.fee(),
                    command.realisedPnl(),
                    command.at());
            return;
        }
        if (clientOrderId.startsWith(PLATFORM_ORDER_PREFIX)) {
            return; // another session's order (an earlier bot of this account)
        }
        if (command.exchangeOrderId() != null && exchangeCloses.contains(command.exchangeOrderId())) {
            return; // this fill's close is recorded already
        }
        HeldPosition held = positions.get(command.symbol());
        if (held == null || !reduces(held, command)) {
            return;
        }
        ExitReason reason =
                switch (command.orderType() == null ? "" : command.orderType()) {
                    case "STOP_MARKET", "STOP" -> ExitReason.STOP_LOSS;
                    case "TAKE_PROFIT_MARKET", "TAKE_PROFIT" -> ExitReason.TAKE_PROFIT;
                    case "LIQUIDATION" -> ExitReason.LIQUIDATION;
                    // Binance-style exchanges mark liquidation orders by this client id prefix, whatever their type
                    default ->
                        clientOrderId.startsWith(LIQUIDATION_ORDER_PREFIX) ? ExitReason.LIQUIDATION : ExitReason.MANUAL;
                };
        if (command.quantity() != null
                && command.quantity().signum() > 0
                && command.quantity().compareTo(held.quantity()) < 0) {
            reduceAtExchange(held, command, reason);
            return;
        }
        closeAtExchange(
                held,
                command.exchangeOrderId(),
                command.price(),
                command.fee(),
                command.realisedPnl(),
                reason,
                command.at());
    }

    /**
     * A fill smaller than the held quantity closed only part of the position (a person reduced it at BingX, or a
     * stop filled partly): the rest stays held, with its entry fee, and is still the bot's to manage.
     */
    private void reduceAtExchange(HeldPosition held, RecordExchangeFill fill, ExitReason reason) {
        BigDecimal paid = fill.fee() == null ? BigDecimal.ZERO : fill.fee().abs();
        BigDecimal pnl = fill.realisedPnl() != null
                ? fill.realisedPnl()
                : fill.price()
                        .subtract(held.entryPrice())
                        .multiply(fill.quantity())
                        .multiply(BigDecimal.valueOf(held.side().sign()));
        String triggerId = "exchange-" + (fill.exchangeOrderId() == null ? "unknown" : fill.exchangeOrderId());
        apply(new OrderFilled(
                id,
                userId,
                triggerId,
                held.symbol(),
                fill.exchangeOrderId(),
                fill.price(),
                fill.quantity(),
                paid,
                fill.at()));
        apply(new PositionReduced(
                id,
                userId,
                held.symbol(),
                held.side(),
                held.positionSide(),
                fill.quantity(),
                held.quantity().subtract(fill.quantity()),
                held.entryPrice(),
                fill.price(),
                pnl,
                paid,
                reason,
                fill.exchangeOrderId(),
                fill.at()));
    }

    private static boolean reduces(HeldPosition held, RecordExchangeFill fill) {
        dev.trenddesk.api.trading.OrderSide closing = held.side() == Direction.LONG
                ? dev.trenddesk.api.trading.OrderSide.SELL
                : dev.trenddesk.api.trading.OrderSide.BUY;
        boolean sideMatches = fill.positionSide() == null
                || fill.positionSide() == held.positionSide()
                || held.positionSide() == ExchangePositionSide.BOTH;
        return fill.side() == closing && sideMatches;
    }

    /** The fill of one of the session's orders; nothing when the order is finished and gone, or already filled. */
    private void fill(
            OrderState order,
            String exchangeOrderId,
            BigDecimal price,
            BigDecimal quantity,
            BigDecimal fee,
            BigDecimal realisedPnl,
            Instant at) {
        if (order == null || order.progress() == OrderProgress.FILLED) {
            return;
        }
        if (order.progress() == OrderProgress.REQUESTED) {
            apply(new OrderPlaced(id, userId, order.clientOrderId(), order.symbol(), exchangeOrderId, at));
        }
        BigDecimal paid = fee == null ? BigDecimal.ZERO : fee.abs();
        apply(new OrderFilled(
                id, userId, order.clientOrderId(), order.symbol(), exchangeOrderId, price, quantity, paid, at));
        if (order.intent() == OrderIntent.OPEN) {
            apply(new PositionOpened(
                    id,
                    userId,
                    order.symbol(),
                    order.direction(),
                    order.positionSide(),
                    quantity,
                    price,
                    order.stopLoss(),
                    order.takeProfit(),
                    order.clientOrderId(),
                    paid,
                    at));
        } else {
            HeldPosition held = positions.get(order.symbol());
            if (held != null) {
                closePosition(
                        held,
                        price,
                        paid,
                        realisedPnl,
                        order.exitReason() == null ? ExitReason.STRATEGY_EXIT : order.exitReason(),
                        at);
            }
        }
    }

    /** The position's stop-loss or take-profit triggered, or a person closed it at the exchange. */
    @CommandHandler
    public void handle(RecordPositionClosedByExchange command) {
        HeldPosition held = positions.get(command.symbol());
        if (held == null || command.exchangeOrderId() != null && exchangeCloses.contains(command.exchangeOrderId())) {
            return;
        }
        closeAtExchange(
                held,
                command.exchangeOrderId(),
                command.exitPrice(),
                command.fee(),
                command.realisedPnl(),
                command.reason(),
                command.at());
    }

    private void closeAtExchange(
            HeldPosition held,
            String exchangeOrderId,
            BigDecimal exitPrice,
            BigDecimal fee,
            BigDecimal realisedPnl,
            ExitReason reason,
            Instant at) {
        BigDecimal paid = fee == null ? BigDecimal.ZERO : fee.abs();
        String triggerId = "exchange-" + (exchangeOrderId == null ? "unknown" : exchangeOrderId);
        apply(new OrderFilled(
                id, userId, triggerId, held.symbol(), exchangeOrderId, exitPrice, held.quantity(), paid, at));
        closePosition(held, exitPrice, paid, realisedPnl, reason, at);
    }

    /**
     * A funding fee BingX booked for the symbol: recorded on the position held on it when that position was
     * already open at the fee's time (a fee of an earlier position on the symbol, read late, is not this one's);
     * once per BingX transaction id, however often the poll or the stream reads it.
     */
    @CommandHandler
    public void handle(RecordFundingFee command) {
        if (command.tranId() == null || command.tranId().isBlank()) {
            throw new InvalidInputException("tranId", "is required");
        }
        if (command.amount() == null) {
            throw new InvalidInputException("amount", "is required");
        }
        if (fundingTranIds.contains(command.tranId())) {
            return;
        }
        HeldPosition held = positions.get(command.symbol());
        if (held == null
                || command.chargedAt() == null
                || held.openedAt() != null && command.chargedAt().isBefore(held.openedAt())) {
            return;
        }
        apply(new FundingFeeCharged(
                id,
                userId,
                held.symbol(),
                held.side(),
                command.amount(),
                command.tranId(),
                command.chargedAt(),
                command.at()));
    }

    /** Recorded unless the very same mismatch (symbol, side, quantity at BingX) was the last one reported. */
    @CommandHandler
    public void handle(ReportPositionDesync command) {
        String key = command.symbol() + "/" + command.positionSide();
        BigDecimal last = lastDesync.get(key);
        if (last != null && command.actualQuantity() != null && last.compareTo(command.actualQuantity()) == 0) {
            return;
        }
        apply(new PositionDesyncDetected(
                id,
                userId,
                command.symbol(),
                command.positionSide(),
                command.expectedQuantity(),
                command.actualQuantity(),
                command.detail(),
                command.at()));
    }

    /**
     * The exchange does not have the position the session holds on the symbol: the exchange is the
     * source of truth, so the position is closed here as well. Nothing happens without a position.
     */
    @CommandHandler
    public void handle(RecordPositionReconciled command) {
        HeldPosition held = positions.get(command.symbol());
        if (held == null) {
            return;
        }
        if (command.exitPrice() == null || command.exitPrice().signum() <= 0) {
            throw new InvalidInputException("exitPrice", "must be positive");
        }
        BigDecimal fee = command.fee() == null ? BigDecimal.ZERO : command.fee().abs();
        BigDecimal pnl = command.realisedPnl() != null
                ? command.realisedPnl()
                : command.exitPrice()
                        .subtract(held.entryPrice())
                        .multiply(held.quantity())
                        .multiply(BigDecimal.valueOf(held.side().sign()));
        apply(new PositionReconciled(
                id,
                userId,
                held.symbol(),
                held.side(),
                held.quantity(),
                held.entryPrice(),
                command.exitPrice(),
                pnl,
                command.pnlSource(),
                command.detail(),
                command.at()));
        closePosition(held, command.exitPrice(), fee, pnl, ExitReason.EXCHANGE_RECONCILED, command.at());
    }

    /** Recorded when new or when its size changed; a position of the session's own is never external. */
    @CommandHandler
    public void handle(RecordExternalPosition command) {
        if (command.quantity() == null || command.quantity().signum() <= 0) {
            throw new InvalidInputException("quantity", "must be positive");
        }
        HeldPosition own = positions.get(command.symbol());
        if (own != null && own.positionSide() == command.positionSide()) {
            return;
        }
        BigDecimal known = externalPositions.get(command.symbol() + "/" + command.positionSide());
        if (known != null && known.compareTo(command.quantity()) == 0) {
            return;
        }
        apply(new ExternalPositionDetected(
                id,
                userId,
                command.symbol(),
                command.positionSide(),
                command.side(),
                command.quantity(),
                command.entryPrice(),
                command.detail(),
                command.at()));
    }

    @CommandHandler
    public void handle(RecordExternalPositionGone command) {
        if (!externalPositions.containsKey(command.symbol() + "/" + command.positionSide())) {
            return;
        }
        apply(new ExternalPositionGone(id, userId, command.symbol(), command.positionSide(), command.at()));
    }

    @CommandHandler
    public void handle(RecordEquity command) {
        if (status == SessionStatus.STOPPED) {
            return;
        }
        apply(new EquityObserved(
                id,
                userId,
                command.equity(),
                command.availableBalance(),
                command.dayOpeningEquity(),
                command.equityPeak(),
                command.at()));
    }

    private void closePosition(
            HeldPosition held,
            BigDecimal exitPrice,
            BigDecimal exitFee,
            BigDecimal exchangePnl,
            ExitReason reason,
            Instant at) {
        BigDecimal pnl = exchangePnl != null
                ? exchangePnl
                : exitPrice
                        .subtract(held.entryPrice())
                        .multiply(held.quantity())
                        .multiply(BigDecimal.valueOf(held.side().sign()));
        BigDecimal fees = held.entryFee().add(exitFee);
        apply(new PositionClosed(
                id,
                userId,
                held.symbol(),
                held.side(),
                held.quantity(),
                held.entryPrice(),
                exitPrice,
                pnl,
                fees,
                reason,
                at,
                held.fundingSoFar()));
    }

    private boolean hasExternal(String symbol) {
        return externalPositions.keySet().stream().anyMatch(key -> key.startsWith(symbol + "/"));
    }

    private boolean pending(String symbol, OrderIntent intent) {
        return orders.values().stream()
                .anyMatch(o -> o.symbol().equals(symbol)
                        && o.intent() == intent
                        && (o.progress() == OrderProgress.REQUESTED || o.progress() == OrderProgress.PLACED));
    }

    /** The order, or null when it finished with a position already closed (a late repeat: nothing to do). */
    private OrderState known(String clientOrderId) {
        OrderState order = orders.get(clientOrderId);
        if (order == null && !usedClientOrderIds.contains(clientOrderId)) {
            throw new DomainRejection(RejectionCode.ORDER_UNKNOWN, "no order " + clientOrderId + " in this session");
        }
        return order;
    }

    /** The UTC day of the candle's open time; of the recording time for a breach without a candle. */
    private static LocalDate tradingDay(Instant candleTime, Instant at) {
        return LocalDate.ofInstant(candleTime != null ? candleTime : at, ZoneOffset.UTC);
    }

    @Override
    public View view() {
        SortedMap<String, PositionView> open = new TreeMap<>();
        positions
                .values()
                .forEach(p -> open.put(
                        p.symbol() + ":" + p.side().name(),
                        new PositionView(
                                p.quantity(),
                                p.entryPrice(),
                                p.stopLoss(),
                                p.takeProfit(),
                                p.openedAt(),
                                p.funding() == null || p.funding().signum() == 0 ? null : p.funding())));
        SortedMap<String, OrderProgress> progress = new TreeMap<>();
        orders.forEach((clientOrderId, order) -> progress.put(clientOrderId, order.progress()));
        SortedMap<String, BigDecimal> external = new TreeMap<>();
        externalPositions.forEach((key, size) -> external.put(key.replace('/', ':'), size));
        return new View(
                id == null ? null : id.toString(),
                userId == null ? null : userId.toString(),
                exchange,
                status,
                pauseReason,
                settings,
                initialBalance,
                startedAt,
                stopReason,
                stopDetail,
                stoppedBy,
                stoppedAt,
                positionMode,
                leverage,
                open,
                progress,
                external,
                signals,
                skippedCandles,
                trades,
                wins,
                losses,
                netPnl,
                funding,
                lastRiskBreach,
                lastDesyncDetail,
                lastReconciliation,
                equity,
                equityPeak);
    }

    /** One close or partial close: a trade, won when its net PnL is above zero. */
    private void countTrade(BigDecimal net) {
        trades++;
        if (net.signum() > 0) {
            wins++;
        } else {
            losses++;
        }
        netPnl = netPnl.add(net);
    }

    @EventSourcingHandler
    void on(TradingSessionStarted event) {
        id = event.sessionId();
        userId = event.userId();
        exchange = event.exchange();
        settings = event.settings();
        status = SessionStatus.RUNNING;
        initialBalance = event.initialBalance();
        startedAt = event.at();
    }

    @EventSourcingHandler
    void on(ExchangeAccountPrepared event) {
        positionMode = event.effectiveMode();
        leverage = event.leverage();
    }

    @EventSourcingHandler
    void on(SignalGenerated event) {
        signals++;
    }

    @EventSourcingHandler
    void on(SignalSkipped event) {
        skippedCandles++;
    }

    @EventSourcingHandler
    void on(PositionReconciled event) {
        lastReconciliation = event.detail();
    }

    @EventSourcingHandler
    void on(EquityObserved event) {
        equity = event.equity();
        equityPeak = event.equityPeak();
    }

    @EventSourcingHandler
    void on(TradingSessionPaused event) {
        status = SessionStatus.PAUSED;
        pauseReason = event.reason();
    }

    @EventSourcingHandler
    void on(TradingSessionResumed event) {
        status = SessionStatus.RUNNING;
        pauseReason = null;
    }

    @EventSourcingHandler
    void on(TradingSessionSettingsChanged event) {
        settings = event.settings();
    }

    @EventSourcingHandler
    void on(TradingSessionStopped event) {
        status = SessionStatus.STOPPED;
        stopReason = event.reason();
        stopDetail = event.detail();
        stoppedBy = event.stoppedBy();
        stoppedAt = event.at();
    }

    @EventSourcingHandler
    void on(RiskLimitBreached event) {
        lastRiskBreach = event.kind();
        if (event.kind() == RiskLimitKind.DAILY_LOSS) {
            dailyLossReportedOn = tradingDay(event.candleTime(), event.at());
        } else {
            drawdownReported = true;
        }
    }

    @EventSourcingHandler
    void on(OrderPlacementRequested event) {
        usedClientOrderIds.add(event.clientOrderId());
        orders.put(
                event.clientOrderId(),
                new OrderState(
                        event.clientOrderId(),
                        event.symbol(),
                        event.intent(),
                        event.direction(),
                        event.positionSide(),
                        event.quantity(),
                        event.stopLoss(),
                        event.takeProfit(),
                        event.exitReason(),
                        OrderProgress.REQUESTED,
                        null));
    }

    @EventSourcingHandler
    void on(OrderPlaced event) {
        orders.computeIfPresent(event.clientOrderId(), (k, o) -> o.with(OrderProgress.PLACED, event.exchangeOrderId()));
    }

    @EventSourcingHandler
    void on(OrderRejected event) {
        orders.computeIfPresent(event.clientOrderId(), (k, o) -> o.with(OrderProgress.REJECTED, null));
    }

    @EventSourcingHandler
    void on(OrderFilled event) {
        orders.computeIfPresent(event.clientOrderId(), (k, o) -> o.with(OrderProgress.FILLED, event.exchangeOrderId()));
        if (event.clientOrderId() != null
                && event.clientOrderId().startsWith("exchange-")
                && event.exchangeOrderId() != null) {
            exchangeCloses.add(event.exchangeOrderId());
        }
    }

    @EventSourcingHandler
    void on(PositionOpened event) {
        positions.put(
                event.symbol(),
                new HeldPosition(
                        event.symbol(),
                        event.side(),
                        event.positionSide(),
                        event.quantity(),
                        event.entryPrice(),
                        event.entryFee(),
                        event.at(),
                        BigDecimal.ZERO,
                        event.stopLoss(),
                        event.takeProfit()));
    }

    @EventSourcingHandler
    void on(PositionClosed event) {
        positions.remove(event.symbol());
        countTrade(event.netPnl());
        // keep the order book of the session small: finished orders of a closed position are no longer needed
        orders.values()
                .removeIf(o -> o.symbol().equals(event.symbol())
                        && (o.progress() == OrderProgress.FILLED || o.progress() == OrderProgress.REJECTED));
    }

    @EventSourcingHandler
    void on(PositionReduced event) {
        positions.computeIfPresent(
                event.symbol(),
                (k, p) -> new HeldPosition(
                        p.symbol(),
                        p.side(),
                        p.positionSide(),
                        event.remainingQuantity(),
                        p.entryPrice(),
                        p.entryFee(),
                        p.openedAt(),
                        p.funding(),
                        p.stopLoss(),
                        p.takeProfit()));
        countTrade(event.realisedPnl().subtract(event.fee()));
    }

    @EventSourcingHandler
    void on(FundingFeeCharged event) {
        fundingTranIds.add(event.tranId());
        positions.computeIfPresent(
                event.symbol(),
                (k, p) -> new HeldPosition(
                        p.symbol(),
                        p.side(),
                        p.positionSide(),
                        p.quantity(),
                        p.entryPrice(),
                        p.entryFee(),
                        p.openedAt(),
                        p.fundingSoFar().add(event.amount()),
                        p.stopLoss(),
                        p.takeProfit()));
        funding = (funding == null ? BigDecimal.ZERO : funding).add(event.amount());
    }

    @EventSourcingHandler
    void on(PositionDesyncDetected event) {
        lastDesyncDetail = event.detail();
        lastDesync.put(event.symbol() + "/" + event.positionSide(), event.actualQuantity());
    }

    @EventSourcingHandler
    void on(ExternalPositionDetected event) {
        externalPositions.put(event.symbol() + "/" + event.positionSide(), event.quantity());
    }

    @EventSourcingHandler
    void on(ExternalPositionGone event) {
        externalPositions.remove(event.symbol() + "/" + event.positionSide());
    }
}
