package dev.trenddesk.simulator;

import java.math.BigDecimal;

/** One order of an account: its request, and its state as the exchange works it. */
final class Order {

    static final String NEW = "NEW";
    static final String FILLED = "FILLED";
    static final String CANCELLED = "CANCELLED";
    static final String EXPIRED = "EXPIRED";
    /** Type of the order that closes a liquidated position (the exchange places it, no client id). */
    static final String LIQUIDATION = "LIQUIDATION";

    /** A stop-loss or take-profit attached to an entry, from its {@code stopLoss}/{@code takeProfit} JSON. */
    record Attached(String type, BigDecimal stopPrice) {}

    final long orderId;
    final String symbol;
    final String side;
    final String positionSide;
    final String type;
    final BigDecimal quantity;
    final BigDecimal price;
    final BigDecimal stopPrice;
    final String clientOrderId;
    final boolean reduceOnly;
    final String workingType;
    final String timeInForce;
    final Attached stopLoss;
    final Attached takeProfit;
    final long time;
    final int leverage;
    /**
     * TRIGGER_MARKET / TRIGGER_LIMIT: fires when the price rises to stopPrice (true: it was below when
     * the order was placed) or falls to it (false); null for other types.
     */
    final Boolean triggerRising;

    String status = NEW;
    long updateTime;
    BigDecimal executedQty = BigDecimal.ZERO;
    BigDecimal avgPrice = BigDecimal.ZERO;
    BigDecimal profit = BigDecimal.ZERO;
    BigDecimal commission = BigDecimal.ZERO;
    /** A TRIGGER_LIMIT whose stopPrice was reached: from then on a resting limit at its price. */
    boolean triggered;
    /**
     * Server time (epoch ms) at which an acknowledged, not yet filled order fills; 0 when the order is
     * not pending (see {@link PlaceAnswer#ACKNOWLEDGED}).
     */
    long fillAt;

    Order(long orderId, OrderRequest request, long time, int leverage) {
        this(orderId, request, time, leverage, null);
    }

    Order(long orderId, OrderRequest request, long time, int leverage, Boolean triggerRising) {
        this.orderId = orderId;
        this.symbol = request.symbol();
        this.side = request.side();
        this.positionSide = request.positionSide();
        this.type = request.type();
        this.quantity = request.quantity();
        this.price = request.price();
        this.stopPrice = request.stopPrice();
        this.clientOrderId = request.clientOrderId();
        this.reduceOnly = request.reduceOnly();
        this.workingType = request.workingType();
        this.timeInForce = request.timeInForce();
        this.stopLoss = request.stopLoss();
        this.takeProfit = request.takeProfit();
        this.time = time;
        this.updateTime = time;
        this.leverage = leverage;
        this.triggerRising = triggerRising;
    }

    SavedState.OrderState saved() {
        return new SavedState.OrderState(
                orderId,
                symbol,
                side,
                positionSide,
                type,
                quantity,
                price,
                stopPrice,
                clientOrderId,
                reduceOnly,
                workingType,
                timeInForce,
                saved(stopLoss),
                saved(takeProfit),
                time,
                leverage,
                status,
                updateTime,
                executedQty,
                avgPrice,
                profit,
                commission,
                triggerRising,
                triggered,
                fillAt);
    }

    private static SavedState.AttachedState saved(Attached attached) {
        return attached == null ? null : new SavedState.AttachedState(attached.type(), attached.stopPrice());
    }

    static Order restore(SavedState.OrderState saved) {
        OrderRequest request = new OrderRequest(
                saved.symbol(),
                saved.side(),
                saved.positionSide(),
                saved.type(),
                saved.quantity(),
                saved.price(),
                saved.stopPrice(),
                saved.clientOrderId(),
                saved.reduceOnly(),
                saved.workingType(),
                saved.timeInForce(),
                restore(saved.stopLoss()),
                restore(saved.takeProfit()));
        Order order = new Order(saved.orderId(), request, saved.time(), saved.leverage(), saved.triggerRising());
        order.triggered = saved.triggered();
        order.status = saved.status();
        order.updateTime = saved.updateTime();
        order.executedQty = saved.executedQty();
        order.avgPrice = saved.avgPrice();
        order.profit = saved.profit();
        order.commission = saved.commission();
        order.fillAt = saved.fillAt();
        return order;
    }

    private static Attached restore(SavedState.AttachedState saved) {
        return saved == null ? null : new Attached(saved.type(), saved.stopPrice());
    }

    boolean isOpen() {
        return NEW.equals(status);
    }

    /** Acknowledged and waiting for its delayed fill. */
    boolean isPending() {
        return fillAt != 0 && isOpen();
    }

    boolean isConditional() {
        return "STOP_MARKET".equals(type) || "TAKE_PROFIT_MARKET".equals(type);
    }

    /** BingX's plan orders: TRIGGER_MARKET, TRIGGER_LIMIT. */
    boolean isTrigger() {
        return isTriggerType(type);
    }

    static boolean isTriggerType(String type) {
        return "TRIGGER_MARKET".equals(type) || "TRIGGER_LIMIT".equals(type);
    }

    /** True while the order sits on the book as a limit at {@link #price}: a LIMIT, or a triggered TRIGGER_LIMIT. */
    boolean restsAsLimit() {
        return "LIMIT".equals(type) || "TRIGGER_LIMIT".equals(type) && triggered;
    }

    boolean isBuy() {
        return "BUY".equals(side);
    }

    /** True when the order reduces a position rather than opening one. */
    boolean isClosing() {
        return switch (positionSide) {
            case "LONG" -> !isBuy();
            case "SHORT" -> isBuy();
            default -> reduceOnly;
        };
    }

    /** Whether this order closes (part of) {@code position}: it is a closing order on the position's side. */
    boolean closes(Position position) {
        return isClosing() && positionSide.equals(position.positionSide);
    }
}
