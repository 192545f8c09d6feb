package dev.trenddesk.gateway.web.readside;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.readside.ReadSideQueries.FindDashboard;
import dev.trenddesk.api.readside.TradingViews.DashboardView;
import dev.trenddesk.api.trading.AccountRefresh;
import dev.trenddesk.api.trading.TradingQueries.RefreshAccountBalance;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The dashboard opens: the account card must not show a stale balance. Asks the trading side to
 * read the balance now when no bot runs and the last reading is old
 * ({@code RefreshAccountBalance}), then reads the dashboard once the read model shows the newest
 * recorded reading. All of it within {@code trenddesk.readside.account-refresh-wait} (default 2 s):
 * after that, or when BingX or the trading side cannot answer, the dashboard is served as the read
 * model has it (never an error), and the live stream's {@code account} event brings a later reading.
 */
@Component
class AccountRefresher {

    private static final Logger log = LoggerFactory.getLogger(AccountRefresher.class);
    private static final Duration RE_READ_EVERY = Duration.ofMillis(100);

    private final QueryGateway queries;
    private final ReadSideReader reader;
    private final Duration wait;

    public AccountRefresher(
            QueryGateway queries,
            ReadSideReader reader,
            @Value("${trenddesk.readside.account-refresh-wait:2s}") Duration wait) {
        this.queries = queries;
        this.reader = reader;
        this.wait = wait;
    }

    /** The user's dashboard with an account card as current as {@link #wait} allows; empty for an unknown user. */
    public Mono<DashboardView> dashboard(UserId userId) {
        Mono<DashboardView> read = reader.one(new FindDashboard(userId), DashboardView.class);
        Mono<DashboardView> refreshed = refresh(userId)
                .flatMap(observedAt -> Flux.interval(Duration.ZERO, RE_READ_EVERY)
                        .onBackpressureDrop()
                        .concatMap(tick -> read, 1)
                        .filter(view -> shows(view, observedAt))
                        .next());
        return refreshed
                .timeout(wait, Mono.empty())
                .onErrorResume(e -> {
                    log.debug("Dashboard of {} served without a refreshed balance: {}", userId, e.toString());
                    return Mono.empty();
                })
                .switchIfEmpty(read);
    }

    /** When the newest recorded reading was taken; empty when there is none to wait for. */
    private Mono<Instant> refresh(UserId userId) {
        return Mono.fromFuture(() -> queries.query(
                        new RefreshAccountBalance(userId), ResponseTypes.instanceOf(AccountRefresh.class)))
                // answered by a blocking BingX call when the saga role runs in this process
                .subscribeOn(Schedulers.boundedElastic())
                .filter(answer -> answer.observedAt() != null)
                .map(AccountRefresh::observedAt);
    }

    private static boolean shows(DashboardView view, Instant observedAt) {
        return view.account() != null
                && view.account().updatedAt() != null
                && !view.account().updatedAt().isBefore(observedAt);
    }
}
