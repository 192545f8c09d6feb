package dev.trenddesk.bingx.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the user data stream reports. Events can be lost across reconnects: on
 * {@link StreamConnected} with {@code reconnect} set, reconcile orders and positions over REST.
 */
public sealed interface UserDataEvent {

    /** When the exchange produced the event (the local time for {@link StreamConnected}). */
    Instant eventTime();

    /**
     * ORDER_TRADE_UPDATE: an order changed.
     *
     * @param executionType BingX's {@code x} (NEW, TRADE, CANCELED, ...)
     * @param fee           commission of this update ({@code n}), negative when paid
     * @param realisedPnl   realised PnL of this update ({@code rp})
     */
    record OrderUpdate(
            Instant eventTime,
            String symbol,
            String clientOrderId,
            long orderId,
            OrderSide side,
            String type,
            BigDecimal quantity,
            BigDecimal price,
            BigDecimal avgPrice,
            String executionType,
            OrderStatus status,
            BigDecimal fee,
            PositionSide positionSide,
            BigDecimal realisedPnl)
            implements UserDataEvent {}

    /** ACCOUNT_UPDATE: balances and positions changed ({@code reason} is BingX's {@code m}). */
    record AccountUpdate(Instant eventTime, String reason, List<BalanceChange> balances, List<PositionChange> positions)
            implements UserDataEvent {
        public AccountUpdate {
            balances = List.copyOf(balances);
            positions = List.copyOf(positions);
        }
    }

    /** One balance in an {@link AccountUpdate}. */
    record BalanceChange(String asset, BigDecimal walletBalance, BigDecimal crossWalletBalance, BigDecimal change) {}

    /** One position in an {@link AccountUpdate}. */
    record PositionChange(
            String symbol,
            PositionSide positionSide,
            BigDecimal positionAmt,
            BigDecimal entryPrice,
            BigDecimal unrealizedPnl,
            String marginType) {}

    /** ACCOUNT_CONFIG_UPDATE: leverage or margin type of a symbol changed. */
    record AccountConfigUpdate(Instant eventTime, String symbol, int longLeverage, int shortLeverage, String marginType)
            implements UserDataEvent {}

    /** listenKeyExpired: the stream renews its key and reconnects by itself; reconcile afterwards. */
    record ListenKeyExpired(Instant eventTime) implements UserDataEvent {}

    /** The stream (re)connected; with {@code reconnect} set, events may have been missed in between. */
    record StreamConnected(Instant eventTime, boolean reconnect) implements UserDataEvent {}
}
