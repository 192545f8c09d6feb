package dev.trenddesk.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The filter's caps as a client meets them: a place is free again once the answer has reached the client. */
class LimitsWebFilterTest {

    private final Limits limits = new Limits(
            new LimitsProperties(
                    new LimitsProperties.Login(
                            List.of(new LimitsProperties.Band(100, Duration.ofMinutes(1))),
                            List.of(new LimitsProperties.Band(5, Duration.ofMinutes(5)))),
                    new LimitsProperties.Backtest(1, 2, Duration.ofSeconds(5)),
                    new LimitsProperties.Rated(List.of(new LimitsProperties.Band(2, Duration.ofMinutes(1)))),
                    new LimitsProperties.Rated(List.of(new LimitsProperties.Band(2, Duration.ofMinutes(1)))),
                    new LimitsProperties.Rated(List.of(new LimitsProperties.Band(2, Duration.ofMinutes(1)))),
                    new LimitsProperties.Streams(2, Duration.ofSeconds(10)),
                    10_000),
            new LimitsUnitTest.Clock());
    private final LimitsWebFilter filter = new LimitsWebFilter(limits, new ProblemWriter(new ObjectMapper()));
    private final SessionUser trader = new SessionUser(new UserId(UUID.randomUUID()), "trader", Role.TRADER, Set.of());

    private ServerWebExchange backtestRequest() {
        return MockServerWebExchange.from(
                        MockServerHttpRequest.post("/api/me/backtest").build())
                .mutate()
                .principal(Mono.just(new UsernamePasswordAuthenticationToken(trader, null, List.of())))
                .build();
    }

    /**
     * A client that sends its next backtest as soon as the previous answer arrived was refused with
     * 429 "you already have 1 backtest(s) running": the place was given back only after the response had
     * been written, so the next request on the same connection could arrive first.
     */
    @Test
    void aBacktestGivesItsPlaceBackBeforeItsAnswerLeaves() {
        AtomicInteger heldAfterCommit = new AtomicInteger(-1);
        ServerWebExchange first = backtestRequest();
        filter.filter(first, exchange -> {
                    exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
                    return exchange.getResponse()
                            .setComplete()
                            .then(Mono.fromRunnable(() -> heldAfterCommit.set(limits.inUse(
                                    Limits.Cap.BACKTEST_PER_USER, trader.id().toString()))));
                })
                .block();
        assertThat(heldAfterCommit.get())
                .as("places the trader holds once the answer is committed")
                .isZero();

        ServerWebExchange second = backtestRequest();
        filter.filter(second, exchange -> exchange.getResponse().setComplete()).block();
        assertThat(second.getResponse().getStatusCode()).isNotEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void aSecondBacktestWhileTheFirstRunsIsRefused() {
        filter.filter(backtestRequest(), exchange -> {
                    ServerWebExchange second = backtestRequest();
                    return filter.filter(second, inner -> inner.getResponse().setComplete())
                            .then(Mono.fromRunnable(
                                    () -> assertThat(second.getResponse().getStatusCode())
                                            .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)))
                            .then(exchange.getResponse().setComplete());
                })
                .block();
        assertThat(limits.inUse(Limits.Cap.BACKTEST_PER_USER, trader.id().toString()))
                .isZero();
    }

    /**
     * A password or e-mail change checks the current password: a stolen session must not be able to try passwords
     * against it unthrottled (the login is throttled). Both endpoints share the user's allowance; reading them does not
     * count, another user is not held back.
     */
    @Test
    void passwordAndEmailChangesAreLimitedPerUser() {
        assertThat(status(put("/api/me/password", trader))).isNotEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(status(put("/api/me/email", trader))).isNotEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        ServerWebExchange third = put("/api/me/password", trader);
        assertThat(status(third)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(third.getResponse().getHeaders().getFirst("Retry-After")).isNotBlank();
        SessionUser other = new SessionUser(new UserId(UUID.randomUUID()), "other", Role.TRADER, Set.of());
        assertThat(status(put("/api/me/email", other))).isNotEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        ServerWebExchange read = MockServerWebExchange.from(
                        MockServerHttpRequest.get("/api/me/settings").build())
                .mutate()
                .principal(Mono.just(new UsernamePasswordAuthenticationToken(trader, null, List.of())))
                .build();
        assertThat(status(read)).isNotEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    private static ServerWebExchange put(String path, SessionUser user) {
        return MockServerWebExchange.from(MockServerHttpRequest.put(path).build())
                .mutate()
                .principal(Mono.just(new UsernamePasswordAuthenticationToken(user, null, List.of())))
                .build();
    }

    /** The status the filter leaves on the exchange; the handler behind it answers 200. */
    private HttpStatus status(ServerWebExchange exchange) {
        filter.filter(exchange, e -> {
                    e.getResponse().setStatusCode(HttpStatus.OK);
                    return e.getResponse().setComplete();
                })
                .block();
        return HttpStatus.valueOf(exchange.getResponse().getStatusCode().value());
    }
}
