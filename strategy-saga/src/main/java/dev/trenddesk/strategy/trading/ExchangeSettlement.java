package dev.trenddesk.strategy.trading;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.TradingSessionId;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Settles with the exchange what happened to a position during a candle before the bot decides on that
 * candle. The candle's {@code CandleClosed} and the fill of a stop-loss or take-profit inside the candle
 * travel different roads (market stream → feed → saga; user-data stream or poll → fill tracker), and the
 * candle often arrives first: without settling, the bot would decide as if still in position where the
 * backtest, which checks the candle's range first, has already exited.
 */
public interface ExchangeSettlement {

    /** What the exchange says of the position. */
    enum Outcome {
        /** The exchange still holds it: decide as in position. */
        OPEN,
        /** It was closed at the exchange; the close (with the exchange's fill) is recorded on the session. */
        CLOSED
    }

    /**
     * A position the session holds and whose stop-loss or take-profit the candle's range crossed.
     *
     * @param entryClientOrderId the clientOrderId of the order that opened it (the exchange's fill time of that
     *                           order bounds the search for its close)
     */
    record Held(
            String symbol,
            Direction side,
            ExchangePositionSide positionSide,
            BigDecimal quantity,
            BigDecimal entryPrice,
            BigDecimal stopLoss,
            BigDecimal takeProfit,
            String entryClientOrderId) {}

    /**
     * Asks the exchange whether the position is still open; when it is not, records its close on the session
     * (synchronously, so the session knows it before the decision) with the exchange's fill.
     *
     * @throws ExchangeAccess.ExchangeUnavailable when the exchange could not tell (not reachable, or the position
     *                                            is gone but its closing fill is not booked yet)
     */
    Outcome settle(TradingSessionId sessionId, UserId userId, Held position, Instant at);
}
