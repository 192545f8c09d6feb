package dev.trenddesk.strategy.trading;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.market.MarketClock;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.OrderIntent;
import dev.trenddesk.api.trading.TradingCommands.RecordOrderFill;
import dev.trenddesk.api.trading.TradingCommands.RecordOrderPlaced;
import dev.trenddesk.api.trading.TradingCommands.RecordOrderRejected;
import dev.trenddesk.api.trading.TradingSessionEvent.OrderPlacementRequested;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.strategy.exchange.ExchangeException;
import dev.trenddesk.strategy.exchange.ExchangeOrder;
import dev.trenddesk.strategy.exchange.OrderSpec;
import dev.trenddesk.strategy.exchange.OrderState;
import dev.trenddesk.strategy.exchange.TradingConnection;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 *       one (redelivered after a crash or restart) asks the exchange for the clientOrderId first and only
 *       sends when the exchange has no such order;</li>
 *   <li>a definite answer becomes OrderPlaced (plus the fill when the exchange filled it at once) or
 *       OrderRejected with the exchange's code and message;</li>
 *   <li>an unknown outcome (at BingX: 504, 80019, 101500; or a timeout) and a duplicate client order id are
 *       resolved by querying the clientOrderId over the query window; found → placed; absent → sent again
 *       with the same id (the exchange itself refuses a second order with it);</li>
 *   <li>rate limits and transient failures (5xx) wait and retry, so no order is dropped.</li>
 * </ul>
 * Never runs on a replay: a projection rebuild or processor reset sends nothing.
 */
@Component
@ProcessingGroup(OrderExecution.GROUP)
public class OrderExecution {

    public static final String GROUP = "trading-execution";
    private static final String COMPONENT = "execution";
    private static final Logger log = LoggerFactory.getLogger(OrderExecution.class);

    private final DefaultExchangeAccess access;
    private final OrderAttempts attempts;
    private final ExecutionRuns runs;
    private final CommandGateway commands;
    private final Clock clock;
    private final MarketClock market;
    private final Duration timeout;
    private final int maxSends;
    private final int queryTries;
    private final Duration querySpacing;
    private final Duration backoff;

    public OrderExecution(
            DefaultExchangeAccess access,
            OrderAttempts attempts,
            ExecutionRuns runs,
            CommandGateway commands,
            @Value("${trenddesk.trading.exchange-timeout:15s}") Duration timeout,
            @Value("${trenddesk.trading.execution.max-sends:8}") int maxSends,
            @Value("${trenddesk.trading.execution.query-tries:4}") int queryTries,
            @Value("${trenddesk.trading.execution.query-spacing:500ms}") Duration querySpacing,
            @Value("${trenddesk.trading.execution.backoff:500ms}") Duration backoff,
            MarketClock market) {
        this.access = access;
        this.market = market;
        this.attempts = attempts;
        this.runs = runs;
        this.commands = commands;
        this.clock = Clock.systemUTC();
        this.timeout = timeout;
        this.maxSends = maxSends;
        this.queryTries = queryTries;
        this.querySpacing = querySpacing;
        this.backoff = backoff;
    }

    /**
     * The durable road: every request reaches this handler, after a crash or restart too. When the fast path of
     * this process already has the order ({@link ExecutionFastPath}), this waits until it is settled instead of
     * sending it (and sends it when the fast path failed).
     */
    @EventHandler
    @DisallowReplay
    public void on(OrderPlacementRequested request) {
        runs.sendOrAwait(request.clientOrderId(), () -> execute(request));
    }

    /** Sends one requested order and records the outcome; safe to call again for the same request. */
    public void execute(OrderPlacementRequested request) {
        market.observe(request.at()); // an outcome is never recorded before its request
        TradingConnection client;
        try {
            client = access.client(request.userId());
        } catch (ExchangeAccess.ExchangeUnavailable e) {
            record(new RecordOrderRejected(
                    request.sessionId(), request.clientOrderId(), e.code(), e.getMessage(), market.instant()));
            return;
        }
        String coid = request.clientOrderId();
        if (attempts.recordAttempt(coid, clock.instant())) {
            Optional<ExchangeOrder> earlier = lookup(client, request.symbol(), coid, queryTries);
            if (earlier.isPresent()) {
                log.info(
                        "Order {} was already at the exchange as {}: not sent again",
                        coid,
                        earlier.get().orderId());
                recordFound(request.sessionId(), request.userId(), request.intent(), coid, earlier.get());
                return;
            }
        }
        OrderSpec order = toOrder(request);
        RuntimeException last = null;
        for (int send = 1; send <= maxSends; send++) {
            if (send > 1) {
                attempts.recordAttempt(coid, clock.instant());
            }
            try {
                ExchangeOrder placed = client.placeOrder(order).block(timeout);
                recordFound(request.sessionId(), request.userId(), request.intent(), coid, placed);
                return;
            } catch (ExchangeException e) {
                last = e;
                switch (e.kind()) {
                    case RATE_LIMITED -> pause(e.retryAfter().orElse(backoff.multipliedBy(send)));
                    case TRANSIENT -> pause(backoff.multipliedBy(send));
                    case UNKNOWN_OUTCOME, DUPLICATE -> {
                        if (resolved(client, request)) {
                            return;
                        }
                    }
                    default -> {
                        record(new RecordOrderRejected(
                                request.sessionId(), coid, e.code(), readable(e), market.instant()));
                        return;
                    }
                }
            } catch (RuntimeException e) {
                // a timeout of our own: the request may have reached the exchange
                last = e;
                if (resolved(client, request)) {
                    return;
                }
            }
        }
        if (resolved(client, request)) {
            return;
        }
        int code = last instanceof ExchangeException b ? b.code() : 0;
        record(new RecordOrderRejected(
                request.sessionId(),
                coid,
                code,
                access.exchangeName()
                        + " did not take the order after " + maxSends + " attempts: "
                        + (last == null
                                ? ""
                                : last instanceof ExchangeException b
                                        ? DefaultExchangeAccess.describe(b)
                                        : last.getMessage()),
                market.instant()));
    }

    /**
     * Looks an order up by its clientOrderId and records what the exchange says (placed, filled, cancelled).
     * Sends nothing.
     *
     * @return true when the exchange knows the order
     */
    public boolean resolve(
            TradingSessionId sessionId, UserId userId, OrderIntent intent, String symbol, String clientOrderId) {
        TradingConnection client = access.client(userId);
        Optional<ExchangeOrder> found = lookup(client, symbol, clientOrderId, 1);
        found.ifPresent(order -> recordFound(sessionId, userId, intent, clientOrderId, order));
        return found.isPresent();
    }

    private boolean resolved(TradingConnection client, OrderPlacementRequested request) {
        Optional<ExchangeOrder> found = lookup(client, request.symbol(), request.clientOrderId(), queryTries);
        found.ifPresent(order ->
                recordFound(request.sessionId(), request.userId(), request.intent(), request.clientOrderId(), order));
        return found.isPresent();
    }

    private Optional<ExchangeOrder> lookup(TradingConnection client, String symbol, String clientOrderId, int tries) {
        for (int i = 0; i < tries; i++) {
            if (i > 0) {
                pause(querySpacing);
            }
            try {
                return Optional.ofNullable(
                        client.queryOrderByClientOrderId(symbol, clientOrderId).block(timeout));
            } catch (RuntimeException e) {
                if (!(e instanceof ExchangeException absent && absent.kind() == ExchangeException.Kind.NOT_FOUND)) {
                    log.debug("Query of order {} failed: {}", clientOrderId, e.getMessage());
                }
                // not (yet) at the exchange: ask again within the window
            }
        }
        return Optional.empty();
    }

    private void recordFound(
            TradingSessionId sessionId, UserId userId, OrderIntent intent, String coid, ExchangeOrder order) {
        String exchangeId = order.orderId();
        // the exchange's own time of the order (its fill's, when filled): the time the trader sees, in market time
        Instant answered = market.exchangeTimeOr(
                order.status() == OrderState.FILLED && order.updateTime() != null ? order.updateTime() : order.time());
        BigDecimal executed = order.executedQuantity() == null ? BigDecimal.ZERO : order.executedQuantity();
        if (order.status() == OrderState.FILLED && executed.signum() > 0) {
            // one command: the session records OrderPlaced (while the order is only requested) and then its fill,
            // the same events in the same order as placed-then-filled, in one load of the session
            access.forgetBalance(userId);
            BigDecimal fee = order.commission() == null
                    ? BigDecimal.ZERO
                    : order.commission().abs();
            BigDecimal pnl = intent == OrderIntent.CLOSE ? order.profit() : null;
            record(new RecordOrderFill(
                    sessionId, coid, exchangeId, order.averagePrice(), executed, fee, pnl, answered));
            return;
        }
        record(new RecordOrderPlaced(sessionId, coid, exchangeId, answered));
        if ((order.status() == OrderState.CANCELED || order.status() == OrderState.EXPIRED) && executed.signum() == 0) {
            record(new RecordOrderRejected(
                    sessionId,
                    coid,
                    0,
                    "the order was " + order.status() + " at " + access.exchangeName(),
                    market.instant()));
        }
    }

    private void record(Object command) {
        try {
            SystemCommands.send(commands, COMPONENT, command);
        } catch (RuntimeException e) {
            log.warn("Could not record {}: {}", command.getClass().getSimpleName(), e.getMessage());
        }
    }

    static OrderSpec toOrder(OrderPlacementRequested request) {
        boolean open = request.intent() == OrderIntent.OPEN;
        return new OrderSpec(
                request.symbol(),
                request.side(),
                request.positionSide(),
                request.quantity(),
                request.clientOrderId(),
                open ? request.stopLoss() : null,
                open ? request.takeProfit() : null,
                !open && request.positionSide() == ExchangePositionSide.BOTH);
    }

    private String readable(ExchangeException e) {
        String exchange = access.exchangeName();
        String what =
                switch (e.kind()) {
                    case INSUFFICIENT_MARGIN -> "not enough margin";
                    case AUTH_UNKNOWN_KEY,
                            AUTH_BAD_SIGNATURE,
                            AUTH_IP_NOT_WHITELISTED,
                            AUTH_NO_TRADE_PERMISSION,
                            AUTH_CLOCK_REJECTED,
                            AUTH_OTHER -> exchange + " refused the API key";
                    case INVALID_REQUEST, UNKNOWN_SYMBOL, POSITION_MODE_LOCKED ->
                        exchange + " refused the order as invalid";
                    // Rejections reads "no position to close" from the event, whatever the exchange's own words
                    case NO_POSITION ->
                        exchange + " refused the order as invalid"
                                + (e.exchangeMessage()
                                                .toLowerCase(java.util.Locale.ROOT)
                                                .contains("no position to close")
                                        ? ""
                                        : ": no position to close");
                    case NOT_FOUND -> exchange + " did not find what the order refers to";
                    default -> exchange + " refused the order";
                };
        return what + " (code " + e.code() + ": " + e.exchangeMessage() + ")";
    }

    private static void pause(Duration duration) {
        Mono.delay(duration).block();
    }
}
