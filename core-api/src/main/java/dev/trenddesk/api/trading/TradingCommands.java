package dev.trenddesk.api.trading;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands of the TradingSession aggregate. The first five come from people (the trader or an admin,
 * through the API); the rest are sent by the platform's trading saga and execution component
 * (actorId {@code system:<component>}) to record what they decided or saw. Each carries the moment
 * it was issued ({@code at}), so the aggregate never reads a clock.
 */
public final class TradingCommands {

    private TradingCommands() {}

    /**
     * Starts a bot. The settings and balance are read by the sender (users read model, the exchange); the
     * exchange is the one of the trader's verified credentials, as the credentials aggregate answered
     * {@code RequireTradingKey}.
     */
    public record StartTradingSession(
            @TargetAggregateIdentifier TradingSessionId sessionId,
            UserId userId,
            ExchangeName exchange,
            TradingSettings settings,
            BigDecimal initialBalance,
            Instant at) {}

    /** Pauses a running bot; {@code reason} null means {@link PauseReason#TRADER}. */
    public record PauseTradingSession(
            @TargetAggregateIdentifier TradingSessionId sessionId, Instant at, PauseReason reason, String detail) {
        public PauseTradingSession {
            reason = reason == null ? PauseReason.TRADER : reason;
        }

        public PauseTradingSession(TradingSessionId sessionId, Instant at) {
            this(sessionId, at, PauseReason.TRADER, null);
        }
    }

    /**
     * Resumes a paused bot. With {@code onlyIfPausedFor} set (the platform lifting its own pause), a bot
     * paused for another reason — or not paused — stays as it is, without an error.
     */
    public record ResumeTradingSession(
            @TargetAggregateIdentifier TradingSessionId sessionId, Instant at, PauseReason onlyIfPausedFor) {

        public ResumeTradingSession(TradingSessionId sessionId, Instant at) {
            this(sessionId, at, null);
        }
    }

    /** Stops a bot; {@code flatten} closes its open positions at market. */
    public record StopTradingSession(
            @TargetAggregateIdentifier TradingSessionId sessionId,
            StopReason reason,
            String detail,
            boolean flatten,
            Instant at) {}

    /**
     * Changes the settings a running or paused bot trades on. Refused (nothing changes) when the bot is
     * stopped, when leverage or position mode would change while positions are open or entries pending,
     * and when a symbol holding a position or a pending order would be removed.
     */
    public record ChangeTradingSessionSettings(
            @TargetAggregateIdentifier TradingSessionId sessionId, TradingSettings settings, Instant at) {}

    public record RecordExchangePreparation(
            @TargetAggregateIdentifier TradingSessionId sessionId,
            PositionMode requestedMode,
            PositionMode effectiveMode,
            int leverage,
            String note,
            Instant at) {}

    /**
     * @param indicators the values the strategy decided on, by {@link dev.trenddesk.api.market.IndicatorKeys} name
     * @param confidence 0–100, 2 decimals; null for a strategy without a confidence
     */
    public record RecordSignal(
            @TargetAggregateIdentifier TradingSessionId sessionId,
            String symbol,
            Direction side,
            Instant candleTime,
            java.util.Map<String, BigDecimal> indicators,
            BigDecimal confidence,
            Instant at) {
        public RecordSignal {
            indicators = indicators == null ? java.util.Map.of() : java.util.Map.copyOf(indicators);
        }
    }

    public record RecordSkippedSignal(
            @TargetAggregateIdentifier TradingSessionId sessionId,
            String symbol,
            Instant candleTime,
            Direction signal,
            ReasonCode reasonCode,
            String reason,
            Instant at) {}

    public record RecordRiskLimitBreach(
            @TargetAggregateIdentifier TradingSessionId sessionId,
            RiskLimitKind kind,
            BigDecimal value,
            BigDecimal limit,
            Instant candleTime,
            Instant at) {}

    /** Stores an order before it is sent; a repeat with the same clientOrderId changes nothing. */
    public record RequestOrderPlacement(
            @TargetAggregateIdentifier TradingSessionId sessionId,
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
            Instant at) {}

    public record RecordOrderPlaced(
            @TargetAggregateIdentifier TradingSessionId sessionId,
            String clientOrderId,
            String exchangeOrderId,
            Instant at) {}

    public record RecordOrderRejected(
            @TargetAggregateIdentifier TradingSessionId sessionId,
            String clientOrderId,
            int code,
            String message,
            Instant at) {}

    /**
     * A fill of one of the session's own orders (by clientOrderId): opens or closes the position.
     *
     * @param realisedPnl BingX's realised PnL of a closing fill when known, else null (computed)
     */
    public record RecordOrderFill(
            @TargetAggregateIdentifier TradingSessionId sessionId,
            String clientOrderId,
            String exchangeOrderId,
            BigDecimal price,
            BigDecimal quantity,
            BigDecimal fee,
            BigDecimal realisedPnl,
            Instant at) {}

    /**
     * A fill the user data stream reported, classified by the session itself (never by a read model
     * that may lag): the fill of one of its own orders (by clientOrderId, also before its placement
     * was recorded) is recorded as that order's fill, with the order's exit reason; a platform order id
     * ({@code td...}) the session does not know belongs to another session and is ignored; any other fill
     * that reduces a position the session holds closes it (STOP_MARKET / STOP → stop-loss,
     * TAKE_PROFIT_MARKET / TAKE_PROFIT → take-profit, LIQUIDATION (or a client id starting with {@code autoclose})
     * → liquidation, anything else → manual).
     *
     * @param clientOrderId the order's clientOrderId as BingX reported it, null or empty when it has none
     * @param side          the fill's side
     * @param positionSide  the fill's position side, null when BingX did not say
     * @param orderType     BingX's order type ({@code MARKET}, {@code STOP_MARKET}, ...)
     * @param realisedPnl   BingX's realised PnL of the fill, null when unknown
     */
    public record RecordExchangeFill(
            @TargetAggregateIdentifier TradingSessionId sessionId,
            String symbol,
            String clientOrderId,
            String exchangeOrderId,
            OrderSide side,
            ExchangePositionSide positionSide,
            String orderType,
            BigDecimal price,
            BigDecimal quantity,
            BigDecimal fee,
            BigDecimal realisedPnl,
            Instant at) {}

    /**
     * A position of the session was closed at the exchange by something other than a session order:
     * its stop-loss or take-profit triggered, or a person closed it.
     */
    public record RecordPositionClosedByExchange(
            @TargetAggregateIdentifier TradingSessionId sessionId,
            String symbol,
            String exchangeOrderId,
            BigDecimal exitPrice,
            BigDecimal fee,
            BigDecimal realisedPnl,
            ExitReason reason,
            Instant at) {}

    /**
     * A FUNDING_FEE income line BingX booked on the account for {@code symbol}: recorded on the position the
     * session holds on it when that position was open at {@code chargedAt}; a tranId seen before changes nothing.
     *
     * @param amount signed: negative when paid
     */
    public record RecordFundingFee(
            @TargetAggregateIdentifier TradingSessionId sessionId,
            String symbol,
            BigDecimal amount,
            String tranId,
            Instant chargedAt,
            Instant at) {}

    public record ReportPositionDesync(
            @TargetAggregateIdentifier TradingSessionId sessionId,
            String symbol,
            ExchangePositionSide positionSide,
            BigDecimal expectedQuantity,
            BigDecimal actualQuantity,
            String detail,
            Instant at) {}

    /**
     * The exchange does not have a position the session holds: close it on the platform
     * ({@link ExitReason#EXCHANGE_RECONCILED}). Nothing happens when the session holds none on the symbol.
     *
     * @param realisedPnl the exchange's booked PnL when known, else null (computed from {@code exitPrice})
     * @param pnlSource   EXCHANGE_INCOME, LAST_PRICE or ENTRY_PRICE
     */
    public record RecordPositionReconciled(
            @TargetAggregateIdentifier TradingSessionId sessionId,
            String symbol,
            BigDecimal exitPrice,
            BigDecimal realisedPnl,
            BigDecimal fee,
            String pnlSource,
            String detail,
            Instant at) {}

    /** The exchange holds a position the session did not open (recorded again only when its size changed). */
    public record RecordExternalPosition(
            @TargetAggregateIdentifier TradingSessionId sessionId,
            String symbol,
            ExchangePositionSide positionSide,
            Direction side,
            BigDecimal quantity,
            BigDecimal entryPrice,
            String detail,
            Instant at) {}

    /** An external position is no longer at the exchange. */
    public record RecordExternalPositionGone(
            @TargetAggregateIdentifier TradingSessionId sessionId,
            String symbol,
            ExchangePositionSide positionSide,
            Instant at) {}

    /** The equity read from BingX with the references the risk limits use (computed by the saga). */
    public record RecordEquity(
            @TargetAggregateIdentifier TradingSessionId sessionId,
            BigDecimal equity,
            BigDecimal availableBalance,
            BigDecimal dayOpeningEquity,
            BigDecimal equityPeak,
            Instant at) {}
}
