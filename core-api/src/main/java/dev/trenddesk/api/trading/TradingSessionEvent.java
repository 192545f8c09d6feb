package dev.trenddesk.api.trading;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.market.IndicatorKeys;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * Everything that can happen to a TradingSession: one run of one trader's bot on that trader's
 * BingX account. Every event names the session and the trader; prices, quantities and money are
 * {@link BigDecimal} in USDT or coin units, times are UTC instants. Who caused an event travels
 * in its metadata (actorId, actorRole, clientIp, traceId).
 */
public sealed interface TradingSessionEvent {

    TradingSessionId sessionId();

    UserId userId();

    Instant at();

    /**
     * The bot started.
     *
     * @param settings       the trader's settings as they were at the start (until a {@link TradingSessionSettingsChanged})
     * @param initialBalance USDT equity read from the exchange at the start
     * @param exchange       the exchange the session trades on: that of the trader's verified credentials when it
     *                       started (revision 2; sessions started before were all on BingX, as their upcaster says)
     */
    @Revision("3")
    record TradingSessionStarted(
            TradingSessionId sessionId,
            UserId userId,
            TradingSettings settings,
            BigDecimal initialBalance,
            Instant at,
            ExchangeName exchange)
            implements TradingSessionEvent {}

    /**
     * No new positions from now on; open positions are still managed.
     *
     * @param reason why (events stored before reasons existed read as {@link PauseReason#TRADER})
     * @param detail readable explanation, e.g. the exchange's rejection message; may be null
     */
    @Revision("1")
    record TradingSessionPaused(
            TradingSessionId sessionId, UserId userId, Instant at, PauseReason reason, String detail)
            implements TradingSessionEvent {
        public TradingSessionPaused {
            reason = reason == null ? PauseReason.TRADER : reason;
        }

        public TradingSessionPaused(TradingSessionId sessionId, UserId userId, Instant at) {
            this(sessionId, userId, at, PauseReason.TRADER, null);
        }
    }

    /**
     * The trader changed the settings of the running (or paused) bot; it decides with them from its next
     * candle on (moving its market data when symbols or timeframe changed, and setting leverage and
     * position mode on BingX again before its next entry when those or the symbols changed).
     *
     * @param settings the settings the session trades on from now on
     */
    @Revision("2")
    record TradingSessionSettingsChanged(
            TradingSessionId sessionId, UserId userId, TradingSettings settings, Instant at)
            implements TradingSessionEvent {}

    /** New positions may be opened again. */
    @Revision("1")
    record TradingSessionResumed(TradingSessionId sessionId, UserId userId, Instant at)
            implements TradingSessionEvent {}

    /**
     * The bot stopped managing the account.
     *
     * @param detail  readable explanation
     * @param stoppedBy actor id of whoever stopped it ({@code system:<component>} for the risk engine)
     * @param flatten whether open positions are closed at market (true) or left as they are
     */
    @Revision("1")
    record TradingSessionStopped(
            TradingSessionId sessionId,
            UserId userId,
            StopReason reason,
            String detail,
            String stoppedBy,
            boolean flatten,
            Instant at)
            implements TradingSessionEvent {}

    /**
     * Leverage and position mode were set on BingX before the first order.
     *
     * @param requestedMode the mode of the settings
     * @param effectiveMode the mode the account is in now (differs when BingX refused the switch with 109401
     *                      because positions or orders were open)
     * @param note          readable outcome, e.g. why the mode could not be switched
     */
    @Revision("1")
    record ExchangeAccountPrepared(
            TradingSessionId sessionId,
            UserId userId,
            PositionMode requestedMode,
            PositionMode effectiveMode,
            int leverage,
            String note,
            Instant at)
            implements TradingSessionEvent {}

    /**
     * The strategy saw an entry signal on a closed candle (whether or not the risk engine lets it through).
     *
     * <p>Revision 2 carries the indicator values the strategy decided on by
     * {@link dev.trenddesk.api.market.IndicatorKeys} name (sorted by name); revision 1 had the fields {@code adx},
     * {@code plusDi}, {@code minusDi} and {@code atr}, which the upcaster {@code SignalGeneratedV1ToV2} moves into
     * the map.
     *
     * @param candleTime open time of the candle
     * @param indicators the strategy's indicator values on the candle, by name
     * @param confidence 0–100, 2 decimals; null for a strategy without a confidence
     */
    @Revision("2")
    record SignalGenerated(
            TradingSessionId sessionId,
            UserId userId,
            String symbol,
            Direction side,
            Instant candleTime,
            Map<String, BigDecimal> indicators,
            BigDecimal confidence,
            Instant at)
            implements TradingSessionEvent {
        public SignalGenerated {
            indicators = IndicatorKeys.defined(indicators);
        }

        /** ADX(14) on the candle, null when the strategy did not use it. */
        public BigDecimal adx() {
            return indicators.get(IndicatorKeys.ADX);
        }

        /** +DI(14) on the candle, null when the strategy did not use it. */
        public BigDecimal plusDi() {
            return indicators.get(IndicatorKeys.PLUS_DI);
        }

        /** −DI(14) on the candle, null when the strategy did not use it. */
        public BigDecimal minusDi() {
            return indicators.get(IndicatorKeys.MINUS_DI);
        }

        /** ATR(14) on the candle, null when the strategy did not use it. */
        public BigDecimal atr() {
            return indicators.get(IndicatorKeys.ATR);
        }
    }

    /**
     * No position was opened on a candle where one could have been considered.
     *
     * @param signal     the signal's direction when one was generated and refused, else null
     * @param reasonCode why (e.g. NO_TREND, LOW_CONFIDENCE, MAX_POSITIONS, DAILY_LOSS_LIMIT, PAUSED), stored by name
     * @param reason     readable explanation with the numbers involved
     */
    @Revision("1")
    record SignalSkipped(
            TradingSessionId sessionId,
            UserId userId,
            String symbol,
            Instant candleTime,
            Direction signal,
            ReasonCode reasonCode,
            String reason,
            Instant at)
            implements TradingSessionEvent {}

    /**
     * A risk limit was reached (once per kind and UTC day for the daily loss, once for the drawdown).
     *
     * @param value measured loss or drawdown in percent
     * @param limit the configured limit in percent
     */
    @Revision("1")
    record RiskLimitBreached(
            TradingSessionId sessionId,
            UserId userId,
            RiskLimitKind kind,
            BigDecimal value,
            BigDecimal limit,
            Instant candleTime,
            Instant at)
            implements TradingSessionEvent {}

    /**
     * An order is about to be sent; stored BEFORE anything reaches BingX, so that after any failure the
     * order can be looked up by its clientOrderId instead of being sent twice.
     *
     * @param clientOrderId deterministic per decision, lowercase, at most 40 characters
     * @param direction     direction of the position the order opens or closes
     * @param stopLoss      attached stop-loss trigger price (OPEN), else null
     * @param takeProfit    attached take-profit trigger price (OPEN), else null
     * @param exitReason    why a CLOSE order closes its position, else null
     * @param candleTime    open time of the candle that decided it, null for a manual flatten
     */
    @Revision("1")
    record OrderPlacementRequested(
            TradingSessionId sessionId,
            UserId userId,
            String clientOrderId,
            String symbol,
            OrderIntent intent,
            OrderSide side,
            ExchangePositionSide positionSide,
            Direction direction,
            BigDecimal quantity,
            BigDecimal stopLoss,
            BigDecimal takeProfit,
            ExitReason exitReason,
            Instant candleTime,
            Instant at)
            implements TradingSessionEvent {}

    /** BingX accepted the order. The exchange order id is an int64 kept as a string. */
    @Revision("1")
    record OrderPlaced(
            TradingSessionId sessionId,
            UserId userId,
            String clientOrderId,
            String symbol,
            String exchangeOrderId,
            Instant at)
            implements TradingSessionEvent {}

    /**
     * BingX refused the order for good (nothing was placed).
     *
     * @param code    BingX's error code, 0 when there was none
     * @param message readable reason
     */
    @Revision("1")
    record OrderRejected(
            TradingSessionId sessionId,
            UserId userId,
            String clientOrderId,
            String symbol,
            int code,
            String message,
            Instant at)
            implements TradingSessionEvent {}

    /**
     * An order was filled (entries and closes of the session, and the exchange's stop-loss / take-profit
     * triggers, whose clientOrderId is the exchange's own).
     *
     * @param price average fill price
     * @param fee   commission paid, positive
     */
    @Revision("1")
    record OrderFilled(
            TradingSessionId sessionId,
            UserId userId,
            String clientOrderId,
            String symbol,
            String exchangeOrderId,
            BigDecimal price,
            BigDecimal quantity,
            BigDecimal fee,
            Instant at)
            implements TradingSessionEvent {}

    /** A position was opened by a filled entry order. */
    @Revision("1")
    record PositionOpened(
            TradingSessionId sessionId,
            UserId userId,
            String symbol,
            Direction side,
            ExchangePositionSide positionSide,
            BigDecimal quantity,
            BigDecimal entryPrice,
            BigDecimal stopLoss,
            BigDecimal takeProfit,
            String clientOrderId,
            BigDecimal entryFee,
            Instant at)
            implements TradingSessionEvent {}

    /**
     * A position was closed. Its net result is {@code realisedPnl − fees + funding}.
     *
     * @param realisedPnl PnL of the price move, fees not included
     * @param fees        entry and exit fees together, positive
     * @param funding     the funding fees booked on the position while it was held ({@link FundingFeeCharged}),
     *                    signed: negative when paid; zero in events stored before funding was recorded
     */
    @Revision("1")
    record PositionClosed(
            TradingSessionId sessionId,
            UserId userId,
            String symbol,
            Direction side,
            BigDecimal quantity,
            BigDecimal entryPrice,
            BigDecimal exitPrice,
            BigDecimal realisedPnl,
            BigDecimal fees,
            ExitReason reason,
            Instant at,
            BigDecimal funding)
            implements TradingSessionEvent {
        public PositionClosed {
            funding = funding == null ? BigDecimal.ZERO : funding;
        }

        public PositionClosed(
                TradingSessionId sessionId,
                UserId userId,
                String symbol,
                Direction side,
                BigDecimal quantity,
                BigDecimal entryPrice,
                BigDecimal exitPrice,
                BigDecimal realisedPnl,
                BigDecimal fees,
                ExitReason reason,
                Instant at) {
            this(
                    sessionId,
                    userId,
                    symbol,
                    side,
                    quantity,
                    entryPrice,
                    exitPrice,
                    realisedPnl,
                    fees,
                    reason,
                    at,
                    BigDecimal.ZERO);
        }

        /** realisedPnl − fees + funding. */
        public BigDecimal netPnl() {
            return realisedPnl.subtract(fees).add(funding);
        }
    }

    /**
     * BingX booked a funding fee on a position the session holds (its FUNDING_FEE income line; every 8 hours
     * a position pays or receives notional × funding rate). Recorded once per BingX transaction id, whether
     * the poll or the user data stream saw it first; added to the position's result when it closes.
     *
     * @param amount    signed USDT: negative when the position paid, positive when it received
     * @param tranId    BingX's transaction id of the income line (unique per account)
     * @param chargedAt when BingX booked it (its income line's time)
     */
    @Revision("1")
    record FundingFeeCharged(
            TradingSessionId sessionId,
            UserId userId,
            String symbol,
            Direction side,
            BigDecimal amount,
            String tranId,
            Instant chargedAt,
            Instant at)
            implements TradingSessionEvent {}

    /**
     * Part of a held position was closed at the exchange (a person reduced it by hand, or a partial
     * stop/take-profit fill): the position stays open with the remaining quantity. Only a fill covering the
     * whole held quantity closes it ({@link PositionClosed}).
     *
     * @param quantity          the part that was closed
     * @param remainingQuantity what is still held
     * @param realisedPnl       PnL of the closed part's price move, fees not included
     * @param fee               the exit fee of the closed part, positive
     */
    @Revision("1")
    record PositionReduced(
            TradingSessionId sessionId,
            UserId userId,
            String symbol,
            Direction side,
            ExchangePositionSide positionSide,
            BigDecimal quantity,
            BigDecimal remainingQuantity,
            BigDecimal entryPrice,
            BigDecimal exitPrice,
            BigDecimal realisedPnl,
            BigDecimal fee,
            ExitReason reason,
            String exchangeOrderId,
            Instant at)
            implements TradingSessionEvent {}

    /**
     * What BingX holds differs from what the session believes; nothing was changed to hide it.
     *
     * @param expectedQuantity what the session believes (zero for none)
     * @param actualQuantity   what BingX reports (zero for none)
     */
    @Revision("1")
    record PositionDesyncDetected(
            TradingSessionId sessionId,
            UserId userId,
            String symbol,
            ExchangePositionSide positionSide,
            BigDecimal expectedQuantity,
            BigDecimal actualQuantity,
            String detail,
            Instant at)
            implements TradingSessionEvent {}

    /**
     * A position the session held was not at the exchange any more (BingX answered "no position to close",
     * or polls found it gone): the exchange is the source of truth, so the session's position is closed
     * ({@link PositionClosed} with {@link ExitReason#EXCHANGE_RECONCILED} follows at once).
     *
     * @param exitPrice   price the close is recorded at: from the exchange's booked PnL when known, else the
     *                    last price, else the entry price
     * @param realisedPnl PnL booked by the exchange when known, else computed from {@code exitPrice}
     * @param pnlSource   where the PnL came from: EXCHANGE_INCOME, LAST_PRICE or ENTRY_PRICE
     * @param detail      readable explanation
     */
    @Revision("1")
    record PositionReconciled(
            TradingSessionId sessionId,
            UserId userId,
            String symbol,
            Direction side,
            BigDecimal quantity,
            BigDecimal entryPrice,
            BigDecimal exitPrice,
            BigDecimal realisedPnl,
            String pnlSource,
            String detail,
            Instant at)
            implements TradingSessionEvent {}

    /**
     * The exchange holds a position on the trader's account that this session did not open. It is shown
     * as external, never traded by the bot, and no entry is made on its symbol while it is there.
     *
     * @param quantity   size at the exchange (coin units, positive)
     * @param entryPrice the exchange's average entry price, null when unknown
     */
    @Revision("1")
    record ExternalPositionDetected(
            TradingSessionId sessionId,
            UserId userId,
            String symbol,
            ExchangePositionSide positionSide,
            Direction side,
            BigDecimal quantity,
            BigDecimal entryPrice,
            String detail,
            Instant at)
            implements TradingSessionEvent {}

    /** An external position is no longer at the exchange; the bot may trade its symbol again. */
    @Revision("1")
    record ExternalPositionGone(
            TradingSessionId sessionId, UserId userId, String symbol, ExchangePositionSide positionSide, Instant at)
            implements TradingSessionEvent {}

    /**
     * The account's equity as read from BingX, with the references the risk limits use.
     *
     * @param dayOpeningEquity equity at the start of the current UTC day
     * @param equityPeak       highest equity since the session started
     */
    @Revision("1")
    record EquityObserved(
            TradingSessionId sessionId,
            UserId userId,
            BigDecimal equity,
            BigDecimal availableBalance,
            BigDecimal dayOpeningEquity,
            BigDecimal equityPeak,
            Instant at)
            implements TradingSessionEvent {}
}
