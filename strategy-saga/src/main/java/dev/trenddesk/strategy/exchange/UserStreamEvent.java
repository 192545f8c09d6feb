package dev.trenddesk.strategy.exchange;

import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.OrderSide;
import java.math.BigDecimal;
import java.time.Instant;

/** What an account's user data stream reports, as far as the platform acts on it. */
public sealed interface UserStreamEvent {

    Instant eventTime();

    /**
     * An order changed (placed, filled, cancelled).
     *
     * @param type one of {@link OrderTypes}, or the exchange's own name for other types
     */
    record OrderUpdate(
            Instant eventTime,
            String symbol,
            String clientOrderId,
            String orderId,
            OrderSide side,
            String type,
            BigDecimal quantity,
            BigDecimal price,
            BigDecimal averagePrice,
            OrderState status,
            BigDecimal fee,
            ExchangePositionSide positionSide,
            BigDecimal realisedPnl)
            implements UserStreamEvent {}

    /** The exchange charged or paid funding (its income lines say how much). */
    record FundingCharged(Instant eventTime) implements UserStreamEvent {}

    /** The stream (re)connected: after a reconnect, what happened meanwhile must be asked for. */
    record Connected(Instant eventTime, boolean reconnect) implements UserStreamEvent {}

    /** Anything else (balance and configuration updates): nothing the platform records. */
    record Other(Instant eventTime) implements UserStreamEvent {}
}
