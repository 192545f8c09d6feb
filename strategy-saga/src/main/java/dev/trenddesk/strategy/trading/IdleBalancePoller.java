package dev.trenddesk.strategy.trading;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsCommands.RecordAccountBalance;
import dev.trenddesk.api.credentials.CredentialsId;
import dev.trenddesk.api.market.MarketClock;
import dev.trenddesk.api.trading.AccountRefresh;
import dev.trenddesk.api.trading.AccountRefresh.Outcome;
import dev.trenddesk.api.trading.ExchangeBalance;
import dev.trenddesk.api.trading.TradingQueries.RefreshAccountBalance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the balance of accounts whose user runs no bot current: every
 * {@code trenddesk.trading.idle-balance-interval} (default 60 s) each user with a verified key and
 * no running or paused session has their USDT balance read from BingX, and a reading that differs
 * from the last recorded one becomes {@code AccountBalanceObserved} on their ExchangeCredentials
 * (so the account card and the audit trail agree, and an unchanged balance stores nothing). A
 * running bot records its own readings ({@code EquityObserved}) with every decision.
 *
 * <p>The dashboard asks for a reading on demand ({@link RefreshAccountBalance}): when the last check
 * is older than {@code trenddesk.trading.account-refresh-after} (default 15 s), BingX is asked at
 * once. Claims go through {@link IdleBalanceChecks}, so several nodes never read one user's balance
 * for the poll at the same time. An unreachable exchange is logged and answered as
 * {@link Outcome#UNAVAILABLE}; the card keeps the last reading and its time.
 */
@Component
public class IdleBalancePoller {

    static final String COMPONENT = "idle-balance-poll";
    private static final Logger log = LoggerFactory.getLogger(IdleBalancePoller.class);

    private final IdleBalanceChecks checks;
    private final ExchangeAccess exchange;
    private final CommandGateway commands;
    private final Clock clock;
    /** A reading is recorded at the market's time, the time of the trading events beside it (ADR 0027). */
    private final MarketClock market;

    private final Duration interval;
    private final Duration refreshAfter;
    private final int perTick;

    @Autowired
    public IdleBalancePoller(
            IdleBalanceChecks checks,
            ExchangeAccess exchange,
            CommandGateway commands,
            Clock clock,
            MarketClock market,
            @Value("${trenddesk.trading.idle-balance-interval:60s}") Duration interval,
            @Value("${trenddesk.trading.account-refresh-after:15s}") Duration refreshAfter,
            @Value("${trenddesk.trading.idle-balance-per-tick:50}") int perTick) {
        if (interval.isNegative() || interval.isZero() || refreshAfter.isNegative() || perTick < 1) {
            throw new IllegalArgumentException("trenddesk.trading.idle-balance-interval must be positive, "
                    + "account-refresh-after not negative, idle-balance-per-tick at least 1");
        }
        this.checks = checks;
        this.exchange = exchange;
        this.commands = commands;
        this.clock = clock;
        this.market = market;
        this.interval = interval;
        this.refreshAfter = refreshAfter;
        this.perTick = perTick;
    }

    /** One tick of the idle poll (the scheduler's entry point); never throws. */
    @Scheduled(
            fixedDelayString = "${trenddesk.trading.idle-balance-tick:5s}",
            initialDelayString = "${trenddesk.trading.idle-balance-tick:5s}")
    public void tick() {
        try {
            pollDue();
        } catch (RuntimeException e) {
            log.warn("Idle balance poll failed: {}", e.toString());
        }
    }

    /** Claims the idle users whose check is due and reads each one's balance; how many were claimed. */
    public int pollDue() {
        List<IdleBalanceChecks.Claim> due = checks.claimDue(clock.instant(), interval, perTick);
        for (IdleBalanceChecks.Claim claim : due) {
            check(claim);
        }
        return due.size();
    }

    /** The dashboard opens: reads the balance now unless it is fresh, a bot runs, or there is no verified key. */
    @QueryHandler
    public AccountRefresh handle(RefreshAccountBalance query) {
        return refresh(query.userId());
    }

    public AccountRefresh refresh(UserId userId) {
        Optional<IdleBalanceChecks.Claim> claim = checks.claimStale(userId, clock.instant(), refreshAfter, interval);
        if (claim.isPresent()) {
            return check(claim.get());
        }
        IdleBalanceChecks.State state = checks.state(userId);
        if (!state.verified()) {
            return new AccountRefresh(Outcome.NO_CREDENTIALS, null);
        }
        if (state.running()) {
            return new AccountRefresh(Outcome.BOT_RUNNING, null);
        }
        return new AccountRefresh(Outcome.FRESH, state.observedAt());
    }

    private AccountRefresh check(IdleBalanceChecks.Claim claim) {
        UserId userId = claim.userId();
        Instant at = market.instant();
        ExchangeBalance balance;
        try {
            balance = exchange.readBalance(userId);
        } catch (ExchangeAccess.ExchangeUnavailable e) {
            if (e.isNoCredentials()) {
                return new AccountRefresh(Outcome.NO_CREDENTIALS, claim.observedAt());
            }
            log.info("Balance of idle user {} not read: {}", userId, e.getMessage());
            return new AccountRefresh(Outcome.UNAVAILABLE, claim.observedAt());
        }
        if (claim.unchanged(balance.equity(), balance.availableMargin())) {
            return new AccountRefresh(Outcome.UNCHANGED, claim.observedAt());
        }
        Object standing;
        try {
            standing = SystemCommands.send(
                    commands,
                    COMPONENT,
                    new RecordAccountBalance(
                            CredentialsId.of(userId), balance.equity(), balance.availableMargin(), at));
        } catch (RuntimeException e) {
            log.warn("Balance of idle user {} could not be recorded: {}", userId, e.toString());
            return new AccountRefresh(Outcome.UNAVAILABLE, claim.observedAt());
        }
        if (!(standing instanceof Instant observedAt)) {
            return new AccountRefresh(Outcome.NO_CREDENTIALS, claim.observedAt());
        }
        checks.recorded(userId, balance.equity(), balance.availableMargin(), observedAt);
        // the aggregate may already hold this value (another node or the poll recorded it first): its time stands
        return new AccountRefresh(observedAt.equals(at) ? Outcome.RECORDED : Outcome.UNCHANGED, observedAt);
    }
}
