package dev.trenddesk.strategy.trading;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.market.MarketClock;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.api.trading.TradingCommands.RecordPositionReconciled;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.strategy.exchange.ExchangePosition;
import dev.trenddesk.strategy.exchange.IncomeLine;
import dev.trenddesk.strategy.exchange.TradingConnection;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes the platform agree with the exchange about a position the session holds: when BingX does not
 * have it, the session's position is closed ({@code RecordPositionReconciled}, exit reason
 * EXCHANGE_RECONCILED) with the PnL BingX booked for it since it was opened (income endpoint) when there
 * is one, else valued at the last price the bot saw, else at the entry price (zero PnL).
 */
@Component
public class PositionReconciler {

    private static final String COMPONENT = "reconciler";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(PositionReconciler.class);

    private final DefaultExchangeAccess access;
    private final CommandGateway commands;
    private final MarketClock market;

    public PositionReconciler(DefaultExchangeAccess access, CommandGateway commands, MarketClock market) {
        this.access = access;
        this.commands = commands;
        this.market = market;
    }

    /** What a reconciliation found. */
    public enum Outcome {
        /** BingX has no such position: the session's position was closed. */
        RECONCILED,
        /** BingX still has the position: nothing changed. */
        STILL_OPEN,
        /** BingX could not be asked: nothing changed. */
        UNAVAILABLE
    }

    /** The position the session holds, as far as reconciliation needs it. */
    public record Held(
            String symbol,
            Direction side,
            ExchangePositionSide positionSide,
            BigDecimal quantity,
            BigDecimal entryPrice,
            Instant openedAt) {}

    /** Asks BingX for the position first; closes the session's position only when BingX has none. */
    public Outcome reconcile(TradingSessionId sessionId, UserId userId, Held held, BigDecimal lastPrice, String why) {
        TradingConnection client;
        List<ExchangePosition> atExchange;
        try {
            client = access.client(userId);
            atExchange = client.positions(held.symbol()).block(TIMEOUT);
        } catch (RuntimeException e) {
            log.warn(
                    "Session {}: {} not reconciled, BingX not reachable: {}", sessionId, held.symbol(), e.getMessage());
            return Outcome.UNAVAILABLE;
        }
        if (atExchange != null && atExchange.stream().anyMatch(p -> matches(p, held))) {
            return Outcome.STILL_OPEN;
        }
        return closeAsGone(sessionId, client, held, lastPrice, why) ? Outcome.RECONCILED : Outcome.UNAVAILABLE;
    }

    /** Closes the session's position known to be gone at BingX; false when the close could not be recorded. */
    public boolean closeAsGone(
            TradingSessionId sessionId, TradingConnection client, Held held, BigDecimal lastPrice, String why) {
        BigDecimal pnl = null;
        try {
            Instant since = held.openedAt() == null ? null : held.openedAt().minusSeconds(1);
            List<IncomeLine> income =
                    client.income(held.symbol(), null, since, null).block(TIMEOUT);
            for (IncomeLine entry : income == null ? List.<IncomeLine>of() : income) {
                if (since != null && entry.time() != null && entry.time().isBefore(since)) {
                    continue;
                }
                if (entry.type() == IncomeLine.IncomeType.REALIZED_PNL && entry.amount() != null) {
                    pnl = pnl == null ? entry.amount() : pnl.add(entry.amount());
                }
            }
        } catch (RuntimeException e) {
            log.debug("Session {}: income of {} not read: {}", sessionId, held.symbol(), e.getMessage());
        }
        BigDecimal exit;
        String source;
        if (pnl != null) {
            exit = held.entryPrice()
                    .add(pnl.divide(
                            held.quantity()
                                    .multiply(BigDecimal.valueOf(held.side().sign())),
                            MathContext.DECIMAL64));
            source = "EXCHANGE_INCOME";
        } else if (lastPrice != null && lastPrice.signum() > 0) {
            exit = lastPrice;
            source = "LAST_PRICE";
        } else {
            exit = held.entryPrice();
            source = "ENTRY_PRICE";
        }
        String detail = why + "; BingX has no " + held.side() + " " + held.symbol() + " position, so the bot's "
                + held.quantity().toPlainString() + " " + held.symbol() + " was closed to match"
                + switch (source) {
                    case "EXCHANGE_INCOME" -> " with the PnL BingX booked";
                    case "LAST_PRICE" -> " at the last price " + exit.toPlainString() + " (BingX booked no PnL for it)";
                    default -> " at its entry price (neither a booked PnL nor a last price was known)";
                };
        try {
            SystemCommands.send(
                    commands,
                    COMPONENT,
                    new RecordPositionReconciled(
                            sessionId, held.symbol(), exit, pnl, null, source, detail, market.instant()));
            return true;
        } catch (RuntimeException e) {
            log.warn("Session {}: reconciliation of {} not recorded: {}", sessionId, held.symbol(), e.getMessage());
            return false;
        }
    }

    private static boolean matches(ExchangePosition position, Held held) {
        if (!position.symbol().equals(held.symbol())
                || position.amount() == null
                || position.amount().signum() == 0) {
            return false;
        }
        // one-way mode: the exchange may report BOTH with a signed amount; any position on the symbol is the bot's
        if (held.positionSide() == ExchangePositionSide.BOTH
                || position.side() == null
                || position.side() == ExchangePositionSide.BOTH) {
            return true;
        }
        return position.side().name().equals(held.side().name());
    }
}
