package dev.trenddesk.strategy.trading;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.OrderIntent;
import dev.trenddesk.api.trading.TradingCommands.RecordOrderFill;
import dev.trenddesk.api.trading.TradingCommands.RecordOrderPlaced;
import dev.trenddesk.api.trading.TradingCommands.RecordOrderRejected;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlacementRequested;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.bingx.BingxClient;
import dev.trenddesk.bingx.error.BingxException;
import dev.trenddesk.bingx.model.Order;
import dev.trenddesk.bingx.model.OrderRequest;
import dev.trenddesk.bingx.model.OrderSide;
import dev.trenddesk.bingx.model.OrderStatus;
import dev.trenddesk.bingx.model.PositionSide;
import dev.trenddesk.bingx.model.TriggerOrder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sends the orders the sessions asked for, exactly once per clientOrderId (see
 * docs/adr/0007-exactly-once-orders.md):
 * <ul>
 *   <li>before the first send a row in {@code trading_order_attempt} is committed; a request that finds
 *       one (redelivered after a crash or restart) asks BingX for the clientOrderId first and only sends
 *       when BingX has no such order;</li>
 *   <li>a definite answer becomes OrderPlaced (plus the fill when BingX filled it at once) or
 *       OrderRejected with BingX's code and message;</li>
 *   <li>an unknown outcome (504, 80019, 101500, a timeout) and a duplicate (109201) are resolved by
 *       querying the clientOrderId over the query window; found → placed; absent → sent again with the
 *       same id (BingX itself refuses a second order with it);</li>
 *   <li>rate limits (429, 100410) and transient failures (5xx) wait and retry, so no order is dropped.</li>
 * </ul>
 * Never runs on a replay: a projection rebuild or processor reset sends nothing.
 */
@Component
@ProcessingGroup(OrderExecution.GROUP)
public class OrderExecution {

    public static final String GROUP = "trading-execution";
    private static final String COMPONENT = "execution";
    private static final Logger log = LoggerFactory.getLogger(OrderExecution.class);

    private final BingxExchangeAccess access;
    private final OrderAttempts attempts;
    private final CommandGateway commands;
    private final Clock clock;
    private final Duration timeout;
    private final int maxSends;
    private final int queryTries;
    private final Duration querySpacing;
    private final Duration backoff;

    public OrderExecution(BingxExchangeAccess access, OrderAttempts attempts, CommandGateway commands,
                          @Value("${trenddesk.trading.exchange-timeout:15s}") Duration timeout,
                          @Value("${trenddesk.trading.execution.max-sends:8}") int maxSends,
                          @Value("${trenddesk.trading.execution.query-tries:4}") int queryTries,
                          @Value("${trenddesk.trading.execution.query-spacing:500ms}") Duration querySpacing,
                          @Value("${trenddesk.trading.execution.backoff:500ms}") Duration backoff) {
        this.access = access;
        this.attempts = attempts;
        this.commands = commands;
        this.clock = Clock.systemUTC();
        this.timeout = timeout;
        this.maxSends = maxSends;
        this.queryTries = queryTries;
        this.querySpacing = querySpacing;
        this.backoff = backoff;
    }

    @EventHandler
    @DisallowReplay
    public void on(OrderPlacementRequested request) {
        execute(request);
    }

    /** Sends one requested order and records the outcome; safe to call again for the same request. */
    public void execute(OrderPlacementRequested request) {
        BingxClient client;
        try {
            client = access.client(request.userId());
        } catch (ExchangeAccess.ExchangeUnavailable e) {
            record(new RecordOrderRejected(request.sessionId(), request.clientOrderId(), e.code(), e.getMessage(),
                    clock.instant()));
            return;
        }
        String coid = request.clientOrderId();
        if (attempts.recordAttempt(coid, clock.instant())) {
            Optional<Order> earlier = lookup(client, request.symbol(), coid, queryTries);
            if (earlier.isPresent()) {
                log.info("Order {} was already at BingX as {}: not sent again", coid, earlier.get().orderId());
                recordFound(request.sessionId(), request.userId(), request.intent(), coid, earlier.get());
                return;
            }
        }
        OrderRequest order = toBingx(request);
        RuntimeException last = null;
        for (int send = 1; send <= maxSends; send++) {
            if (send > 1) {
                attempts.recordAttempt(coid, clock.instant());
            }
            try {
                Order placed = client.placeOrder(order).block(timeout);
                recordFound(request.sessionId(), request.userId(), request.intent(), coid, placed);
                return;
            } catch (BingxException.RateLimited e) {
                last = e;
                pause(e.retryAfter().orElse(backoff.multipliedBy(send)));
            } catch (BingxException.Transient e) {
                last = e;
                pause(backoff.multipliedBy(send));
            } catch (BingxException.UnknownOutcome | BingxException.Duplicate e) {
                last = e;
                if (resolved(client, request)) {
                    return;
                }
            } catch (BingxException e) {
                record(new RecordOrderRejected(request.sessionId(), coid, e.code(), readable(e), clock.instant()));
                return;
            } catch (RuntimeException e) {
                // a timeout of our own: the request may have reached BingX
                last = e;
                if (resolved(client, request)) {
                    return;
                }
            }
        }
        if (resolved(client, request)) {
            return;
        }
        int code = last instanceof BingxException b ? b.code() : 0;
        record(new RecordOrderRejected(request.sessionId(), coid, code, "BingX did not take the order after " + maxSends
                + " attempts: " + (last == null ? "" : last.getMessage()), clock.instant()));
    }

    /**
     * Looks an order up by its clientOrderId and records what BingX says (placed, filled, cancelled).
     * Sends nothing.
     *
     * @return true when BingX knows the order
     */
    public boolean resolve(TradingSessionId sessionId, UserId userId, OrderIntent intent, String symbol,
                           String clientOrderId) {
        BingxClient client = access.client(userId);
        Optional<Order> found = lookup(client, symbol, clientOrderId, 1);
        found.ifPresent(order -> recordFound(sessionId, userId, intent, clientOrderId, order));
        return found.isPresent();
    }

    private boolean resolved(BingxClient client, OrderPlacementRequested request) {
        Optional<Order> found = lookup(client, request.symbol(), request.clientOrderId(), queryTries);
        found.ifPresent(order -> recordFound(request.sessionId(), request.userId(), request.intent(),
                request.clientOrderId(), order));
        return found.isPresent();
    }

    private Optional<Order> lookup(BingxClient client, String symbol, String clientOrderId, int tries) {
        for (int i = 0; i < tries; i++) {
            if (i > 0) {
                pause(querySpacing);
            }
            try {
                return Optional.ofNullable(client.queryOrderByClientOrderId(symbol, clientOrderId).block(timeout));
            } catch (BingxException.NotFound absent) {
                // not (yet) at BingX: ask again within the window
            } catch (RuntimeException e) {
                log.debug("Query of order {} failed: {}", clientOrderId, e.getMessage());
            }
        }
        return Optional.empty();
    }

    private void recordFound(TradingSessionId sessionId, UserId userId, OrderIntent intent, String coid, Order order) {
        String exchangeId = Long.toString(order.orderId());
        record(new RecordOrderPlaced(sessionId, coid, exchangeId, clock.instant()));
        BigDecimal executed = order.executedQty() == null ? BigDecimal.ZERO : order.executedQty();
        if (order.status() == OrderStatus.FILLED && executed.signum() > 0) {
            access.forgetBalance(userId);
            BigDecimal fee = order.commission() == null ? BigDecimal.ZERO : order.commission().abs();
            BigDecimal pnl = intent == OrderIntent.CLOSE ? order.profit() : null;
            record(new RecordOrderFill(sessionId, coid, exchangeId, order.avgPrice(), executed, fee, pnl,
                    clock.instant()));
        } else if ((order.status() == OrderStatus.CANCELED || order.status() == OrderStatus.EXPIRED)
                && executed.signum() == 0) {
            record(new RecordOrderRejected(sessionId, coid, 0, "the order was " + order.status() + " at BingX",
                    clock.instant()));
        }
    }

    private void record(Object command) {
        try {
            SystemCommands.send(commands, COMPONENT, command);
        } catch (RuntimeException e) {
            log.warn("Could not record {}: {}", command.getClass().getSimpleName(), e.getMessage());
        }
    }

    static OrderRequest toBingx(OrderPlacementRequested request) {
        PositionSide side = PositionSide.valueOf(request.positionSide().name());
        OrderRequest order = OrderRequest.market(request.symbol(), OrderSide.valueOf(request.side().name()), side,
                request.quantity()).withClientOrderId(request.clientOrderId());
        if (request.intent() == OrderIntent.OPEN) {
            if (request.stopLoss() != null) {
                order = order.withStopLoss(TriggerOrder.stopLoss(request.stopLoss()));
            }
            if (request.takeProfit() != null) {
                order = order.withTakeProfit(TriggerOrder.takeProfit(request.takeProfit()));
            }
        } else if (request.positionSide() == ExchangePositionSide.BOTH) {
            order = order.withReduceOnly(true);
        }
        return order;
    }

    private static String readable(BingxException e) {
        String what = switch (e) {
            case BingxException.InsufficientMargin m -> "not enough margin";
            case BingxException.Auth a -> "BingX refused the API key";
            case BingxException.InvalidRequest i -> "BingX refused the order as invalid";
            case BingxException.NotFound n -> "BingX did not find what the order refers to";
            default -> "BingX refused the order";
        };
        return what + " (code " + e.code() + ": " + e.bingxMessage() + ")";
    }

    private static void pause(Duration duration) {
        Mono.delay(duration).block();
    }
}
