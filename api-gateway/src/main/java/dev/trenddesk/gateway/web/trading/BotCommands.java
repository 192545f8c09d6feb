package dev.trenddesk.gateway.web.trading;

import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.RejectionCode;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsCommands.RequireTradingKey;
import dev.trenddesk.api.credentials.CredentialsId;
import dev.trenddesk.api.market.MarketClock;
import dev.trenddesk.api.market.MarketQueries.CheckMarketData;
import dev.trenddesk.api.market.MarketQueries.MarketDataCheck;
import dev.trenddesk.api.trading.BotStatusView;
import dev.trenddesk.api.trading.ExchangeBalance;
import dev.trenddesk.api.trading.SessionStatus;
import dev.trenddesk.api.trading.StopReason;
import dev.trenddesk.api.trading.TradingCommands.ChangeTradingSessionSettings;
import dev.trenddesk.api.trading.TradingCommands.PauseTradingSession;
import dev.trenddesk.api.trading.TradingCommands.ResumeTradingSession;
import dev.trenddesk.api.trading.TradingCommands.StartTradingSession;
import dev.trenddesk.api.trading.TradingCommands.StopTradingSession;
import dev.trenddesk.api.trading.TradingQueries.FindBotStatus;
import dev.trenddesk.api.trading.TradingQueries.ReadExchangeBalance;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.api.user.UserView;
import dev.trenddesk.gateway.security.SessionUser;
import dev.trenddesk.gateway.web.CommandSender;
import dev.trenddesk.gateway.web.ProblemAdvice;
import dev.trenddesk.gateway.web.ReadYourWrites;
import dev.trenddesk.gateway.web.UserReader;
import java.time.Duration;
import java.util.function.Predicate;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Start, pause, resume and stop a trader's bot, for the trader or an admin, and read its status.
 * Start checks the user (a trader, active, with trading permission; users read model), asks the
 * credentials aggregate whether the key in use is verified and may trade, and reads the balance for
 * the session's initial balance; the one active
 * session per user is enforced by the command side under concurrent starts. Each call answers once
 * the new state can be read back.
 */
@Component
public class BotCommands {

    private static final Duration MARKET_CHECK_WAIT = Duration.ofSeconds(20);
    private static final int KEY_COPY_TRIES = 25;
    private static final Duration KEY_COPY_WAIT = Duration.ofMillis(200);
    private static final String NO_VERIFIED_KEY =
            "verified BingX credentials are required: connect and verify your API key first";

    private final CommandSender commands;
    private final QueryGateway queries;
    private final UserReader users;
    /** Bot starts, pauses, resumes, stops and changes happen in market time, as the trading beside them. */
    private final MarketClock clock;

    public BotCommands(CommandSender commands, QueryGateway queries, UserReader users, MarketClock clock) {
        this.commands = commands;
        this.queries = queries;
        this.users = users;
        this.clock = clock;
    }

    /** The user's latest session, or null. */
    public Mono<BotStatusView> status(UserId userId) {
        return Mono.fromFuture(
                        () -> queries.query(new FindBotStatus(userId), ResponseTypes.instanceOf(BotStatusView.class)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    public Mono<BotResponse> read(UserId userId) {
        return status(userId)
                .map(view -> BotResponse.of(view, userId.toString()))
                .defaultIfEmpty(BotResponse.of(null, userId.toString()));
    }

    public Mono<BotResponse> start(UserId userId, SessionUser actor, ServerWebExchange exchange) {
        TradingSessionId sessionId = TradingSessionId.random();
        return users.require(userId)
                .flatMap(user -> startable(user)
                        .then(keyMayTrade(userId, actor, exchange))
                        .flatMap(keyExchange -> servable(user.settings())
                                .then(balance(userId))
                                .flatMap(balance -> commands.send(
                                        new StartTradingSession(
                                                sessionId,
                                                userId,
                                                keyExchange,
                                                user.settings(),
                                                balance.equity(),
                                                clock.instant()),
                                        actor,
                                        exchange))))
                .then(until(userId, view -> view.sessionId().equals(sessionId)));
    }

    public Mono<BotResponse> pause(UserId userId, SessionUser actor, ServerWebExchange exchange) {
        return active(userId).flatMap(view -> commands.send(
                        new PauseTradingSession(view.sessionId(), clock.instant()), actor, exchange)
                .then(until(
                        userId, v -> v.sessionId().equals(view.sessionId()) && v.status() == SessionStatus.PAUSED)));
    }

    public Mono<BotResponse> resume(UserId userId, SessionUser actor, ServerWebExchange exchange) {
        return active(userId).flatMap(view -> commands.send(
                        new ResumeTradingSession(view.sessionId(), clock.instant()), actor, exchange)
                .then(until(
                        userId, v -> v.sessionId().equals(view.sessionId()) && v.status() == SessionStatus.RUNNING)));
    }

    public Mono<BotResponse> stop(UserId userId, boolean flatten, SessionUser actor, ServerWebExchange exchange) {
        String detail = (actor.id().equals(userId) ? "stopped by the trader" : "stopped by an admin")
                + (flatten ? ", positions flattened" : ", positions left open");
        return active(userId).flatMap(view -> commands.send(
                        new StopTradingSession(
                                view.sessionId(), StopReason.REQUESTED, detail, flatten, clock.instant()),
                        actor,
                        exchange)
                .then(until(
                        userId, v -> v.sessionId().equals(view.sessionId()) && v.status() == SessionStatus.STOPPED)));
    }

    /**
     * Hands new settings to the user's running or paused bot (nothing to do without one): the session
     * refuses what it cannot take (409: leverage or position mode with positions open, a symbol that holds
     * a position), and then nothing is changed. Answers once the bot's status shows the new settings, or
     * after the read-your-writes wait when the read side is slow (the change is stored either way).
     */
    public Mono<Void> changeSettings(
            UserId userId, TradingSettings settings, SessionUser actor, ServerWebExchange exchange) {
        return status(userId)
                .filter(view -> view.status().active())
                .flatMap(view -> servable(settings)
                        .then(commands.send(
                                        new ChangeTradingSessionSettings(view.sessionId(), settings, clock.instant()),
                                        actor,
                                        exchange)
                                .then(until(
                                                userId,
                                                v -> !v.sessionId().equals(view.sessionId())
                                                        || !v.status().active()
                                                        || settings.sameAs(v.settings()))
                                        .onErrorResume(ResponseStatusException.class, slow -> Mono.empty()))))
                .then();
    }

    /**
     * 422 naming {@code timeframe} or {@code symbols} when the exchange does not serve the klines of a
     * (symbol, timeframe) of the settings: such a bot would sit RUNNING without a candle. Asked of the saga
     * role, which remembers the answers for a few minutes; when it cannot be asked, the settings pass.
     */
    private Mono<Void> servable(TradingSettings settings) {
        return Mono.fromFuture(() -> queries.query(
                        new CheckMarketData(settings.symbols(), settings.timeframe()),
                        ResponseTypes.instanceOf(MarketDataCheck.class)))
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(MARKET_CHECK_WAIT)
                .onErrorResume(e -> Mono.empty())
                .filter(check -> !check.refused().isEmpty())
                .flatMap(check -> Mono.error(new InvalidInputException(check.refused())));
    }

    private Mono<Void> startable(UserView user) {
        if (user.role() != Role.TRADER) {
            return conflict(
                    RejectionCode.BOT_TRADER_ONLY,
                    "only traders run bots: this account is " + user.role().code());
        }
        if (!user.active()) {
            return conflict(RejectionCode.ACCOUNT_DEACTIVATED, "the account is deactivated");
        }
        if (!user.tradingEnabled()) {
            return conflict(
                    RejectionCode.TRADING_PERMISSION_REQUIRED, "trading permission is required: an admin grants it");
        }
        return Mono.empty();
    }

    /**
     * The user has a verified key that may trade, as the credentials aggregate says — not a read model:
     * a key that GET /api/me/bingx has shown VERIFIED is one this check accepts, however far the read
     * side lags. Answers the key's exchange: the one the session is started on.
     */
    private Mono<ExchangeName> keyMayTrade(UserId userId, SessionUser actor, ServerWebExchange exchange) {
        return commands.<ExchangeName>send(new RequireTradingKey(CredentialsId.of(userId)), actor, exchange)
                .switchIfEmpty(
                        Mono.error(() -> new IllegalStateException("the credentials did not name their exchange")))
                .onErrorMap(
                        e -> cause(e, AggregateNotFoundException.class) != null,
                        e -> new DomainRejection(RejectionCode.TRADING_KEY_NOT_VERIFIED, NO_VERIFIED_KEY))
                .onErrorMap(
                        e -> !(e instanceof DomainRejection) && ProblemAdvice.rejectionOf(e) != null,
                        ProblemAdvice::rejectionOf)
                .onErrorMap(
                        e -> !(e instanceof DomainRejection) && cause(e, IllegalStateException.class) != null,
                        e -> new ResponseStatusException(
                                HttpStatus.CONFLICT,
                                cause(e, IllegalStateException.class).getMessage()));
    }

    /**
     * The balance for the session's initial balance. The trading side reads the key from its own copy,
     * written as the verification is processed, a moment after the aggregate stored it: an answer
     * without credentials is asked again for a few seconds before the start is refused.
     */
    private Mono<ExchangeBalance> balance(UserId userId) {
        return Mono.fromFuture(() ->
                        queries.query(new ReadExchangeBalance(userId), ResponseTypes.instanceOf(ExchangeBalance.class)))
                // answered by a blocking BingX call when the saga role runs in this process
                .subscribeOn(Schedulers.boundedElastic())
                .repeatWhenEmpty(empty -> empty.take(KEY_COPY_TRIES).delayElements(KEY_COPY_WAIT))
                .onErrorMap(
                        e -> !(e instanceof ResponseStatusException),
                        e -> new ResponseStatusException(
                                HttpStatus.CONFLICT, "BingX could not be asked for the balance: " + rootMessage(e)))
                .switchIfEmpty(conflict(RejectionCode.TRADING_KEY_NOT_VERIFIED, NO_VERIFIED_KEY));
    }

    private Mono<BotStatusView> active(UserId userId) {
        return users.require(userId)
                .then(status(userId))
                .filter(view -> view.status().active())
                .switchIfEmpty(conflict(RejectionCode.NO_ACTIVE_BOT, "no bot is running"));
    }

    private Mono<BotResponse> until(UserId userId, Predicate<BotStatusView> done) {
        return ReadYourWrites.until(() -> status(userId), done).map(view -> BotResponse.of(view, userId.toString()));
    }

    private static <T> Mono<T> conflict(RejectionCode code, String message) {
        return Mono.error(new DomainRejection(code, message));
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
