package dev.trenddesk.simulator;

import static dev.trenddesk.simulator.Books.MONEY_SCALE;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills and cancels orders and liquidates positions: what happens to the books when the path price
 * moves ({@link #match}), when a pending order is due ({@link #fillPending}), and when an order is filled
 * ({@link #execute}: PnL, fee, income lines, fills, attached stop-loss / take-profit) or cancelled.
 * Publishes every change of an order or position through the books' outbox. Called under the exchange's
 * lock only (see {@link Books}).
 *
 * <p>Market orders fill at once at the current path price (taker fee); a limit order that is marketable
 * when placed fills at the current price (taker), otherwise it rests and fills when the path reaches its
 * price (maker fee). STOP_MARKET and TAKE_PROFIT_MARKET orders trigger on the path price and fill at
 * their stop price, or at the current price when the market jumped over it.
 */
final class Matching {

    private final Books books;
    private final Margin margin;

    Matching(Books books, Margin margin) {
        this.books = books;
        this.margin = margin;
    }

    /** Adds {@code order} to the account's books and announces it (ORDER_TRADE_UPDATE NEW). */
    void accept(Account account, Order order) {
        account.add(order);
        books.publish(account, order, "NEW", BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** The price of {@code replay} moved from {@code previous} to {@code price}: triggers, fills, liquidations. */
    void match(SymbolReplay replay, BigDecimal previous, BigDecimal price, boolean continuous) {
        for (Account account : books.accounts.values()) {
            for (Order order : account.openOrders()) {
                if (!order.isOpen() || order.isPending() || !order.symbol.equals(replay.symbol())) {
                    continue;
                }
                if (order.isTrigger() && !order.triggered) {
                    BigDecimal stop = order.stopPrice;
                    boolean fires = Boolean.FALSE.equals(order.triggerRising)
                            ? price.compareTo(stop) <= 0
                            : price.compareTo(stop) >= 0;
                    if (fires) {
                        fireTrigger(account, order, passedThrough(previous, price, stop, continuous) ? stop : price);
                    }
                    continue;
                }
                boolean limit = order.restsAsLimit();
                BigDecimal trigger = limit ? order.price : order.stopPrice;
                if (order.isClosing() && liquidatedBefore(account, order, trigger, previous, price)) {
                    continue;
                }
                boolean belowFires = limit || "TAKE_PROFIT_MARKET".equals(order.type) ? order.isBuy() : !order.isBuy();
                boolean reached = belowFires ? price.compareTo(trigger) <= 0 : price.compareTo(trigger) >= 0;
                if (reached) {
                    execute(
                            account,
                            order,
                            passedThrough(previous, price, trigger, continuous) ? trigger : price,
                            limit);
                }
            }
            for (Position position : List.copyOf(account.positions.values())) {
                if (position.symbol.equals(replay.symbol())) {
                    BigDecimal liquidation = liquidationReached(account, position, price);
                    if (liquidation != null) {
                        liquidate(account, position, liquidation);
                    }
                }
            }
        }
    }

    private static boolean passedThrough(BigDecimal previous, BigDecimal price, BigDecimal level, boolean continuous) {
        return continuous
                && previous.min(price).compareTo(level) <= 0
                && previous.max(price).compareTo(level) >= 0;
    }

    /**
     * Fills the pending (acknowledged, not yet filled) orders that are due — or all of them — at the
     * current price: a MARKET order as taker; a LIMIT order as taker while still marketable, else it rests.
     */
    void fillPending(boolean all) {
        long now = books.serverNow(); // fillAt is on the wall clock (the delay an acknowledged order waits)
        for (Account account : books.accounts.values()) {
            for (Order order : account.openOrders()) {
                if (!order.isPending() || !order.isOpen() || !all && order.fillAt > now) {
                    continue;
                }
                order.fillAt = 0;
                books.changed();
                BigDecimal price = books.replay(order.symbol).price();
                boolean marketable = !"LIMIT".equals(order.type)
                        || (order.isBuy() ? price.compareTo(order.price) <= 0 : price.compareTo(order.price) >= 0);
                if (marketable) {
                    execute(account, order, price, false);
                }
            }
        }
    }

    /**
     * A plan order's stopPrice was reached at {@code at}: a TRIGGER_MARKET fills there as taker; a
     * TRIGGER_LIMIT fills there as taker when its limit is marketable, else rests as a limit at its price
     * (maker when it fills later). Its margin and quantity are checked when it fills, as for stops.
     */
    private void fireTrigger(Account account, Order order, BigDecimal at) {
        if ("TRIGGER_MARKET".equals(order.type)) {
            execute(account, order, at, false);
            return;
        }
        boolean marketable = order.isBuy() ? at.compareTo(order.price) <= 0 : at.compareTo(order.price) >= 0;
        if (marketable) {
            execute(account, order, at, false);
            return;
        }
        order.triggered = true;
        order.updateTime = books.now();
        books.changed();
    }

    /** The liquidation price of an isolated position when {@code price} reached it, else null. */
    private BigDecimal liquidationReached(Account account, Position position, BigDecimal price) {
        if (position.quantity.signum() == 0 || !"ISOLATED".equals(account.marginType(position.symbol))) {
            return null;
        }
        BigDecimal liquidation = margin.liquidationPrice(account, position);
        boolean reached = position.isLong ? price.compareTo(liquidation) <= 0 : price.compareTo(liquidation) >= 0;
        return reached ? liquidation : null;
    }

    /**
     * True when the position {@code order} closes is liquidated in this price move before the order's
     * trigger is reached (its liquidation price lies nearer to {@code previous} than the trigger): the
     * liquidation comes first and the order is cancelled with the position.
     */
    private boolean liquidatedBefore(
            Account account, Order order, BigDecimal trigger, BigDecimal previous, BigDecimal price) {
        Position position = account.positions.get(Account.positionKey(order.symbol, order.positionSide));
        if (position == null || !order.closes(position)) {
            return false;
        }
        BigDecimal liquidation = liquidationReached(account, position, price);
        return liquidation != null
                && liquidation
                                .subtract(previous)
                                .abs()
                                .compareTo(trigger.subtract(previous).abs())
                        < 0;
    }

    /**
     * Liquidates an isolated position at its liquidation price: its closing orders are cancelled, a
     * LIQUIDATION order closes the whole quantity there (realised PnL booked as REALIZED_PNL), and what is
     * left of the position's margin is taken too (INSURANCE_CLEAR income, the order's commission), so the
     * wallet loses exactly the position's initial margin. The loss never exceeds it, also after a gap.
     */
    private void liquidate(Account account, Position position, BigDecimal liquidation) {
        int leverage = account.leverage(position.symbol, position.direction());
        BigDecimal initialMargin = position.initialMargin(leverage);
        for (Order order : account.openOrders()) {
            if (order.symbol.equals(position.symbol) && order.closes(position)) {
                cancel(account, order, Order.CANCELLED);
            }
        }
        long now = books.now();
        OrderRequest request = new OrderRequest(
                position.symbol,
                position.isLong ? "SELL" : "BUY",
                position.positionSide,
                Order.LIQUIDATION,
                position.quantity,
                liquidation,
                null,
                "",
                !account.hedgeMode,
                "MARK_PRICE",
                "GTC",
                null,
                null);
        Order order = new Order(books.newOrderId(), request, now, leverage);
        account.add(order);
        BigDecimal realised = (position.isLong
                        ? liquidation.subtract(position.avgPrice)
                        : position.avgPrice.subtract(liquidation))
                .multiply(position.quantity)
                .setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        BigDecimal clearance =
                initialMargin.add(realised).max(BigDecimal.ZERO).setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        BigDecimal change = realised.subtract(clearance);
        account.balance = account.balance.add(change);
        account.realisedProfit = account.realisedProfit.add(change);
        position.realisedProfit = position.realisedProfit.add(change);
        order.status = Order.FILLED;
        order.executedQty = position.quantity;
        order.avgPrice = liquidation;
        order.profit = realised;
        order.commission = clearance.negate();
        order.updateTime = now;
        account.incomes.add(new Income(
                books.newTranId(), position.symbol, "REALIZED_PNL", realised, "Liquidation", now, order.orderId));
        if (clearance.signum() > 0) {
            account.incomes.add(new Income(
                    books.newTranId(),
                    position.symbol,
                    "INSURANCE_CLEAR",
                    clearance.negate(),
                    "Liquidation clearance",
                    now,
                    order.orderId));
        }
        account.fills.add(new Fill(
                books.newTranId(),
                order.orderId,
                order.symbol,
                order.side,
                order.positionSide,
                order.type,
                "",
                order.workingType,
                liquidation,
                position.quantity,
                clearance.negate(),
                realised,
                false,
                now));
        books.publish(account, order, "TRADE", clearance, realised);
        position.quantity = BigDecimal.ZERO;
        account.positions.remove(Account.positionKey(position.symbol, position.positionSide));
        books.publishAccount(account, position);
    }

    /**
     * Fills {@code order} completely at {@code price}: closes what it closes, opens what it opens,
     * books PnL and fee, attaches its stop-loss / take-profit. An order that finds nothing to close,
     * or no margin for what it would open, expires instead.
     */
    void execute(Account account, Order order, BigDecimal price, boolean maker) {
        String key = Account.positionKey(order.symbol, order.positionSide);
        Position position = account.positions.get(key);
        BigDecimal closeQty;
        BigDecimal openQty;
        if (account.hedgeMode) {
            closeQty = order.isClosing()
                    ? (position == null ? BigDecimal.ZERO : position.quantity.min(order.quantity))
                    : BigDecimal.ZERO;
            openQty = order.isClosing() ? BigDecimal.ZERO : order.quantity;
        } else {
            boolean reduces = position != null && position.isLong != order.isBuy();
            closeQty = reduces ? position.quantity.min(order.quantity) : BigDecimal.ZERO;
            openQty = order.reduceOnly ? BigDecimal.ZERO : order.quantity.subtract(closeQty);
        }
        boolean opensLong = account.hedgeMode ? "LONG".equals(order.positionSide) : order.isBuy();
        if (closeQty.signum() == 0 && openQty.signum() == 0
                || openQty.signum() > 0
                        && !margin.hasMarginFor(
                                account,
                                openQty,
                                price,
                                account.leverage(order.symbol, opensLong ? "LONG" : "SHORT"),
                                order)) {
            cancel(account, order, Order.EXPIRED);
            return;
        }
        BigDecimal realised = BigDecimal.ZERO;
        if (closeQty.signum() > 0) {
            realised = (position.isLong ? price.subtract(position.avgPrice) : position.avgPrice.subtract(price))
                    .multiply(closeQty)
                    .setScale(MONEY_SCALE, RoundingMode.HALF_UP);
            position.quantity = position.quantity.subtract(closeQty);
        }
        if (openQty.signum() > 0) {
            if (position == null || position.quantity.signum() == 0) {
                if (position != null) {
                    account.positions.remove(key);
                }
                position = new Position(books.newPositionId(), order.symbol, order.positionSide, opensLong);
                account.positions.put(key, position);
            }
            position.add(openQty, price);
        }
        BigDecimal executed = closeQty.add(openQty);
        BigDecimal fee = executed.multiply(price)
                .multiply(maker ? Contract.MAKER_FEE_RATE : Contract.TAKER_FEE_RATE)
                .setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        account.balance = account.balance.add(realised).subtract(fee);
        account.realisedProfit = account.realisedProfit.add(realised).subtract(fee);
        position.realisedProfit = position.realisedProfit.add(realised).subtract(fee);
        long now = books.now();
        order.status = Order.FILLED;
        order.executedQty = executed;
        order.avgPrice = price;
        order.profit = realised;
        order.commission = fee.negate();
        order.updateTime = now;
        if (closeQty.signum() > 0) {
            account.incomes.add(new Income(
                    books.newTranId(), order.symbol, "REALIZED_PNL", realised, "Position closed", now, order.orderId));
        }
        account.incomes.add(new Income(
                books.newTranId(), order.symbol, "TRADING_FEE", fee.negate(), "Trading fee", now, order.orderId));
        account.fills.add(new Fill(
                books.newTranId(),
                order.orderId,
                order.symbol,
                order.side,
                order.positionSide,
                order.type,
                order.clientOrderId,
                order.workingType,
                price,
                executed,
                fee.negate(),
                realised,
                maker,
                now));
        books.publish(account, order, "TRADE", fee, realised);
        if (position.quantity.signum() == 0) {
            account.positions.remove(key);
            cancelProtection(account, position);
        } else if (openQty.signum() > 0) {
            attachProtection(account, order, openQty);
        }
        books.publishAccount(account, position);
    }

    private void attachProtection(Account account, Order entry, BigDecimal quantity) {
        for (Order.Attached attached : new Order.Attached[] {entry.stopLoss, entry.takeProfit}) {
            if (attached == null) {
                continue;
            }
            OrderRequest request = new OrderRequest(
                    entry.symbol,
                    entry.isBuy() ? "SELL" : "BUY",
                    entry.positionSide,
                    attached.type(),
                    quantity,
                    null,
                    attached.stopPrice(),
                    "",
                    !account.hedgeMode,
                    entry.workingType,
                    "GTC",
                    null,
                    null);
            accept(account, new Order(books.newOrderId(), request, books.now(), entry.leverage));
        }
    }

    /** A closed position takes its stop-loss / take-profit orders with it. */
    private void cancelProtection(Account account, Position position) {
        for (Order order : account.openOrders()) {
            if (order.isConditional() && order.symbol.equals(position.symbol) && order.closes(position)) {
                cancel(account, order, Order.CANCELLED);
            }
        }
    }

    /** Ends an open order as {@code status} (CANCELLED or EXPIRED) and announces it. */
    void cancel(Account account, Order order, String status) {
        order.status = status;
        order.fillAt = 0;
        order.updateTime = books.now();
        books.publish(
                account,
                order,
                status.equals(Order.EXPIRED) ? "EXPIRED" : "CANCELED",
                BigDecimal.ZERO,
                BigDecimal.ZERO);
    }

    /** Cancels every open order of the account (of one symbol when not null); answers the cancelled orders. */
    List<Order> cancelAll(Account account, String symbol) {
        List<Order> cancelled = new ArrayList<>();
        for (Order order : account.openOrders()) {
            if (symbol == null || symbol.equals(order.symbol)) {
                cancel(account, order, Order.CANCELLED);
                cancelled.add(order);
            }
        }
        return cancelled;
    }

    /** Closes the whole position with a MARKET order filled at the current price; answers that order. */
    Order closeAtMarket(Account account, Position position) {
        String side = position.isLong ? "SELL" : "BUY";
        OrderRequest request = new OrderRequest(
                position.symbol,
                side,
                position.positionSide,
                "MARKET",
                position.quantity,
                null,
                null,
                "",
                !account.hedgeMode,
                "MARK_PRICE",
                "GTC",
                null,
                null);
        Order order = new Order(
                books.newOrderId(), request, books.now(), account.leverage(position.symbol, position.direction()));
        accept(account, order);
        execute(account, order, books.replay(position.symbol).price(), false);
        return order;
    }
}
