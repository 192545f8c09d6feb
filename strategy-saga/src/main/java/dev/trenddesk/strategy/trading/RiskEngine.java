package dev.trenddesk.strategy.trading;

import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.market.CandleClosed;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangeBalance;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.OrderIntent;
import dev.trenddesk.api.trading.OrderSide;
import dev.trenddesk.api.trading.ReasonCode;
import dev.trenddesk.api.trading.SessionStatus;
import dev.trenddesk.api.trading.StopReason;
import dev.trenddesk.api.trading.TradingCommands.RecordEquity;
import dev.trenddesk.api.trading.TradingCommands.RecordRiskLimitBreach;
import dev.trenddesk.api.trading.TradingCommands.RecordSignal;
import dev.trenddesk.api.trading.TradingCommands.RecordSkippedSignal;
import dev.trenddesk.api.trading.TradingCommands.RequestOrderPlacement;
import dev.trenddesk.api.trading.TradingCommands.StopTradingSession;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.strategy.decision.AccountState;
import dev.trenddesk.strategy.decision.ContractRules;
import dev.trenddesk.strategy.decision.Decision;
import dev.trenddesk.strategy.decision.OpenPosition;
import dev.trenddesk.strategy.decision.PositionState;
import dev.trenddesk.strategy.decision.RiskLimitBreach;
import dev.trenddesk.strategy.decision.Strategies;
import dev.trenddesk.strategy.decision.Strategy;
import dev.trenddesk.strategy.indicator.Candle;
import dev.trenddesk.strategy.indicator.IndicatorSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The risk engine of one trading session: keeps the equity references of the limits (the UTC day's
 * opening equity, the peak since the start), asks the bot's strategy ({@link Strategies#forSettings})
 * (which sizes by risk per trade, caps by margin, and applies max positions, the daily loss limit and the
 * drawdown limit), and turns its decision into the commands that record it. Pure: no clock, no I/O, so
 * every decision path is tested without an exchange.
 *
 * <p>Paused sessions still exit positions but turn entries into {@code SignalSkipped(PAUSED)}. A symbol
 * with an order still pending is not decided on again ({@code ORDER_PENDING}). The limits are the
 * account's: pending entries on other symbols — including those asked for moments ago for the same candle
 * — count against maxPositions and reserve their margin and taker fee, so the available balance the
 * strategy sizes with is what is still free after them.
 */
public final class RiskEngine {

    private RiskEngine() {}

    /** A position the session holds (or an entry it is waiting for). */
    public record Held(
            String symbol,
            Direction side,
            ExchangePositionSide positionSide,
            BigDecimal quantity,
            BigDecimal entryPrice) {
        public Held {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(side, "side");
        }
    }

    /**
     * The references the account limits are measured against. The trading day is the UTC day of a
     * candle's <em>open</em> time, as in the backtester: the candle 23:55–00:00 still belongs to the old
     * day, and a new day opens at the equity at the close of the old day's last candle.
     *
     * @param day              the UTC day (of candle open times) of {@code dayOpeningEquity}
     * @param dayOpeningEquity equity at the close of the previous day's last candle (at the start, the
     *                         starting equity)
     * @param peak             highest equity seen since the session started
     * @param lastEquity       the equity of the last observation; null in sagas stored before it was kept
     */
    public record EquityRefs(LocalDate day, BigDecimal dayOpeningEquity, BigDecimal peak, BigDecimal lastEquity) {

        /** References without a last observation (the day opens at the first equity seen in a new day). */
        public EquityRefs(LocalDate day, BigDecimal dayOpeningEquity, BigDecimal peak) {
            this(day, dayOpeningEquity, peak, null);
        }

        /** The references at the session's start. */
        public static EquityRefs start(Instant at, BigDecimal equity) {
            return new EquityRefs(LocalDate.ofInstant(at, ZoneOffset.UTC), equity, equity, equity);
        }

        /**
         * After observing {@code equity} at the close of the candle that opened at {@code candleOpenTime}: a
         * candle of a new UTC day opens that day at the last equity seen before it; the peak only rises.
         */
        public EquityRefs observe(Instant candleOpenTime, BigDecimal equity) {
            LocalDate candleDay = LocalDate.ofInstant(candleOpenTime, ZoneOffset.UTC);
            BigDecimal opening = dayOpeningEquity;
            LocalDate today = day;
            if (day == null || candleDay.isAfter(day)) {
                today = candleDay;
                opening = lastEquity != null ? lastEquity : equity;
            }
            return new EquityRefs(today, opening, peak.max(equity), equity);
        }
    }

    /** What to record and send, in order, and the references to keep. */
    public record Evaluation(List<Object> commands, EquityRefs refs, Decision decision) {
        public Evaluation {
            commands = List.copyOf(commands);
        }
    }

    /**
     * Decides on one closed candle.
     *
     * @param held           the session's positions (one per symbol)
     * @param pendingEntries entries requested but not filled yet, on any symbol
     * @param pendingOnSymbol whether any order of the session on the candle's symbol is still pending
     * @param mode           the account's effective position mode
     * @param at             when the decision is recorded
     */
    public static Evaluation evaluate(
            TradingSessionId sessionId,
            TradingSettings settings,
            SessionStatus status,
            PositionMode mode,
            Collection<Held> held,
            Collection<Held> pendingEntries,
            boolean pendingOnSymbol,
            EquityRefs refs,
            CandleClosed candle,
            ExchangeBalance balance,
            ContractRules rules,
            Instant at) {
        EquityRefs next = refs.observe(candle.openTime(), balance.equity());
        List<Object> out = new ArrayList<>();
        out.add(new RecordEquity(
                sessionId, balance.equity(), balance.availableMargin(), next.dayOpeningEquity(), next.peak(), at));
        if (pendingOnSymbol) {
            out.add(new RecordSkippedSignal(
                    sessionId,
                    candle.symbol(),
                    candle.openTime(),
                    null,
                    ReasonCode.ORDER_PENDING,
                    "an order on " + candle.symbol() + " is still pending at the exchange",
                    at));
            return new Evaluation(out, next, null);
        }
        List<OpenPosition> positions = new ArrayList<>();
        for (Held h : held) {
            positions.add(new OpenPosition(h.symbol(), h.side(), h.quantity(), h.entryPrice()));
        }
        for (Held h : pendingEntries) {
            if (held.stream().noneMatch(p -> p.symbol().equals(h.symbol()))) {
                positions.add(new OpenPosition(h.symbol(), h.side(), h.quantity(), h.entryPrice()));
            }
        }
        IndicatorSnapshot snapshot = new IndicatorSnapshot(
                candle.symbol(),
                candle.timeframe(),
                new Candle(
                        candle.openTime(), candle.open(), candle.high(), candle.low(), candle.close(), candle.volume()),
                candle.indicators());
        AccountState account = new AccountState(
                balance.equity(),
                balance.availableMargin().subtract(reservedMargin(pendingEntries, held, settings.leverage(), rules)),
                next.dayOpeningEquity(),
                next.peak());
        Strategy<?> strategy = Strategies.forSettings(settings);
        Decision decision = strategy.decide(snapshot, settings, new PositionState(positions), account, rules);

        if (decision.signal() != null) {
            out.add(new RecordSignal(
                    sessionId,
                    candle.symbol(),
                    decision.signal(),
                    candle.openTime(),
                    signalIndicators(strategy, settings, snapshot),
                    decision.confidence(),
                    at));
        }
        if (decision.limitBreach() != null) {
            RiskLimitBreach breach = decision.limitBreach();
            out.add(new RecordRiskLimitBreach(
                    sessionId, breach.kind(), breach.valuePct(), breach.limitPct(), candle.openTime(), at));
        }
        Direction signal = decision.signal();
        switch (decision.kind()) {
            case ENTER_LONG, ENTER_SHORT -> {
                Direction side = decision.kind() == dev.trenddesk.strategy.decision.DecisionKind.ENTER_LONG
                        ? Direction.LONG
                        : Direction.SHORT;
                if (status != SessionStatus.RUNNING) {
                    out.add(new RecordSkippedSignal(
                            sessionId,
                            candle.symbol(),
                            candle.openTime(),
                            side,
                            ReasonCode.PAUSED,
                            "the bot is paused: no new positions",
                            at));
                } else {
                    out.add(new RequestOrderPlacement(
                            sessionId,
                            ClientOrderIds.of(sessionId, candle.symbol(), candle.openTime(), "open"),
                            candle.symbol(),
                            OrderIntent.OPEN,
                            side == Direction.LONG ? OrderSide.BUY : OrderSide.SELL,
                            positionSide(mode, side),
                            side,
                            decision.quantity(),
                            decision.stopLoss(),
                            decision.takeProfit(),
                            null,
                            candle.openTime(),
                            at));
                }
            }
            case EXIT -> {
                Held position = held.stream()
                        .filter(h -> h.symbol().equals(candle.symbol()))
                        .findFirst()
                        .orElseThrow();
                out.add(closeOrder(
                        sessionId,
                        position,
                        ExitReason.valueOf(decision.exitReason().name()),
                        ClientOrderIds.of(sessionId, candle.symbol(), candle.openTime(), "exit"),
                        candle.openTime(),
                        at));
            }
            case SKIP ->
                out.add(new RecordSkippedSignal(
                        sessionId,
                        candle.symbol(),
                        candle.openTime(),
                        signal,
                        decision.reasonCode(),
                        decision.reasons().get(0).text(),
                        at));
            case CLOSE_ALL_AND_STOP ->
                out.add(new StopTradingSession(
                        sessionId,
                        StopReason.MAX_DRAWDOWN,
                        decision.reasons().get(0).text(),
                        true,
                        at));
            case HOLD -> {
                // the position's trend holds: nothing to record
            }
        }
        return new Evaluation(out, next, decision);
    }

    /** The values of the candle the strategy reads (those defined), recorded with its signal. */
    static Map<String, BigDecimal> signalIndicators(
            Strategy<?> strategy, TradingSettings settings, IndicatorSnapshot snapshot) {
        Map<String, BigDecimal> values = new TreeMap<>();
        for (String key : strategy.indicatorsFor(settings)) {
            BigDecimal value = snapshot.value(key);
            if (value != null) {
                values.put(key, value);
            }
        }
        return values;
    }

    /**
     * The margin and taker fee that entries requested but not filled yet will take: for each, notional /
     * leverage + notional × takerFeeRate at its reference price. An entry whose position is already held is
     * in the exchange's balance and reserves nothing more.
     */
    static BigDecimal reservedMargin(
            Collection<Held> pendingEntries, Collection<Held> held, int leverage, ContractRules rules) {
        BigDecimal lev = BigDecimal.valueOf(leverage);
        BigDecimal withFee = BigDecimal.ONE.add(lev.multiply(rules.takerFeeRate()));
        BigDecimal reserved = BigDecimal.ZERO;
        for (Held entry : pendingEntries) {
            if (held.stream().noneMatch(p -> p.symbol().equals(entry.symbol()))
                    && entry.quantity() != null
                    && entry.entryPrice() != null) {
                reserved = reserved.add(entry.quantity()
                        .multiply(entry.entryPrice())
                        .multiply(withFee)
                        .divide(lev, 8, RoundingMode.CEILING));
            }
        }
        return reserved;
    }

    /** The order that closes a held position at market. */
    public static RequestOrderPlacement closeOrder(
            TradingSessionId sessionId,
            Held position,
            ExitReason reason,
            String clientOrderId,
            Instant candleTime,
            Instant at) {
        return new RequestOrderPlacement(
                sessionId,
                clientOrderId,
                position.symbol(),
                OrderIntent.CLOSE,
                position.side() == Direction.LONG ? OrderSide.SELL : OrderSide.BUY,
                position.positionSide(),
                position.side(),
                position.quantity(),
                null,
                null,
                reason,
                candleTime,
                at);
    }

    /** BingX's positionSide of an order for a position of this direction. */
    public static ExchangePositionSide positionSide(PositionMode mode, Direction side) {
        if (mode == PositionMode.ONE_WAY) {
            return ExchangePositionSide.BOTH;
        }
        return side == Direction.LONG ? ExchangePositionSide.LONG : ExchangePositionSide.SHORT;
    }
}
