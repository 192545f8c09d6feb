package dev.trenddesk.simulator;

import static dev.trenddesk.simulator.Books.MONEY_SCALE;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What an account's positions and resting orders are worth and hold: unrealised PnL at the path price,
 * equity, used (positions) and frozen (resting opening limits) margin, what is available, whether an
 * order fits, and a position's liquidation price. Reads the books, never changes them; called under the
 * exchange's lock (see {@link Books}).
 */
final class Margin {

    private final Books books;

    Margin(Books books) {
        this.books = books;
    }

    BigDecimal unrealised(Account account) {
        return account.positions.values().stream()
                .map(p -> p.unrealisedProfit(books.replay(p.symbol).price()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal equity(Account account) {
        return account.balance.add(unrealised(account));
    }

    BigDecimal usedMargin(Account account) {
        return account.positions.values().stream()
                .map(p -> p.initialMargin(account.leverage(p.symbol, p.direction())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Margin held by resting limit orders that would open a position, except {@code excluded}. */
    BigDecimal frozenMargin(Account account, Order excluded) {
        BigDecimal frozen = BigDecimal.ZERO;
        for (Order order : account.openOrders()) {
            if (order != excluded && order.restsAsLimit() && !order.isClosing()) {
                frozen = frozen.add(order.quantity
                        .multiply(order.price)
                        .divide(BigDecimal.valueOf(order.leverage), MONEY_SCALE, RoundingMode.HALF_UP));
            }
        }
        return frozen;
    }

    BigDecimal available(Account account, Order excluded) {
        return equity(account).subtract(usedMargin(account)).subtract(frozenMargin(account, excluded));
    }

    /** Whether opening {@code quantity} at {@code price} fits: its initial margin plus the taker fee. */
    boolean hasMarginFor(Account account, BigDecimal quantity, BigDecimal price, int leverage, Order excluded) {
        BigDecimal notional = quantity.multiply(price);
        BigDecimal needed = notional.divide(BigDecimal.valueOf(leverage), MONEY_SCALE, RoundingMode.HALF_UP)
                .add(notional.multiply(Contract.TAKER_FEE_RATE));
        return available(account, excluded).compareTo(needed) >= 0;
    }

    /**
     * The price at which the position's margin, less its loss, falls to the maintenance margin
     * ({@link Contract#MAINTENANCE_MARGIN_RATE} of its value): long {@code E × (1 − 1/L) / (1 − m)}, short
     * {@code E × (1 + 1/L) / (1 + m)}, rounded to the tick. Isolated positions are liquidated there; for
     * cross positions (not liquidated) the same figure is shown.
     */
    BigDecimal liquidationPrice(Account account, Position position) {
        int leverage = account.leverage(position.symbol, position.direction());
        BigDecimal oneOverLeverage =
                BigDecimal.ONE.divide(BigDecimal.valueOf(leverage), MONEY_SCALE, RoundingMode.HALF_UP);
        BigDecimal m = Contract.MAINTENANCE_MARGIN_RATE;
        BigDecimal price = position.isLong
                ? position.avgPrice
                        .multiply(BigDecimal.ONE.subtract(oneOverLeverage))
                        .divide(BigDecimal.ONE.subtract(m), MONEY_SCALE, RoundingMode.HALF_UP)
                : position.avgPrice
                        .multiply(BigDecimal.ONE.add(oneOverLeverage))
                        .divide(BigDecimal.ONE.add(m), MONEY_SCALE, RoundingMode.HALF_UP);
        return books.replay(position.symbol).contract().roundPrice(price);
    }
}
