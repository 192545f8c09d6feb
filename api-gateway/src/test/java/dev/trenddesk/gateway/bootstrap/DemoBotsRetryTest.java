package dev.trenddesk.gateway.bootstrap;

import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerified;
import dev.trenddesk.api.credentials.CredentialsId;
import dev.trenddesk.api.trading.ExchangeBalance;
import dev.trenddesk.api.trading.TradingQueries.FindBotStatus;
import dev.trenddesk.api.trading.TradingQueries.ReadExchangeBalance;
import dev.trenddesk.api.user.UserQueries.FindUserById;
import dev.trenddesk.api.user.UserView;
import dev.trenddesk.simulator.BingxSimulator;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;

/** On a loaded machine a demo bot's start must not give up on the first slow answer. */
class DemoBotsRetryTest {

    private final UserId alice = new UserId(UUID.randomUUID());
    private final QueryGateway queries = mock(QueryGateway.class);
    private final CommandGateway commands = mock(CommandGateway.class);
    private DemoBots bots;

    @AfterEach
    void stop() {
        if (bots != null) {
            bots.stop();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void startsTheBotAfterQueriesTimedOutInsteadOfGivingUp() {
        UserView user = new UserView(
                alice,
                "alice",
                "alice@example.com",
                Role.TRADER,
                true,
                true,
                null,
                null,
                null,
                Instant.EPOCH,
                TradingSettings.defaults(),
                List.of());
        when(queries.query(any(FindUserById.class), any(ResponseType.class)))
                .thenReturn(CompletableFuture.failedFuture(new TimeoutException("busy machine")))
                .thenReturn(CompletableFuture.failedFuture(new TimeoutException("still busy")))
                .thenReturn(CompletableFuture.completedFuture(user));
        when(queries.query(any(FindBotStatus.class), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(null));
        when(queries.query(any(ReadExchangeBalance.class), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(
                        new ExchangeBalance(new BigDecimal("10000"), new BigDecimal("10000"))));
        ObjectProvider<BingxSimulator> simulator = mock(ObjectProvider.class);
        when(simulator.getIfAvailable()).thenReturn(mock(BingxSimulator.class));
        bots = new DemoBots(
                simulator, commands, queries, new dev.trenddesk.api.market.MarketClock(Clock.systemUTC()), true, true);

        bots.on(new CredentialsVerified(
                CredentialsId.of(alice),
                alice,
                "attempt",
                "SIM",
                "USDT",
                new BigDecimal("10000"),
                null,
                5,
                Instant.now(),
                false,
                java.util.List.of(),
                null));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> verify(commands, atLeastOnce()).sendAndWait(any(CommandMessage.class)));
        verify(queries, atLeastOnce()).query(eq(new FindUserById(alice)), any(ResponseType.class));
    }
}
