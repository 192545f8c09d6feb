package dev.trenddesk.strategy.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsCommands.RecordAccountBalance;
import dev.trenddesk.api.credentials.CredentialsId;
import dev.trenddesk.api.market.MarketClock;
import dev.trenddesk.api.trading.AccountRefresh;
import dev.trenddesk.api.trading.AccountRefresh.Outcome;
import dev.trenddesk.api.trading.ExchangeBalance;
import dev.trenddesk.api.trading.TradingQueries.RefreshAccountBalance;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdleBalancePollerTest {

    private static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(60);
    private static final Duration REFRESH_AFTER = Duration.ofSeconds(15);
    private static final UserId ALICE = UserId.of("00000000-0000-0000-0000-0000000000c1");
    private static final UserId BOB = UserId.of("00000000-0000-0000-0000-0000000000c2");

    private final IdleBalanceChecks checks = mock(IdleBalanceChecks.class);
    private final ExchangeAccess exchange = mock(ExchangeAccess.class);
    private final CommandGateway gateway = mock(CommandGateway.class);
    private final List<Object> sent = new ArrayList<>();
    private IdleBalancePoller poller;

    @BeforeEach
    void setUp() {
        when(gateway.sendAndWait(any())).thenAnswer(call -> {
            CommandMessage<?> message = call.getArgument(0);
            sent.add(message.getPayload());
            assertThat(message.getMetaData()).containsEntry("actorRole", "system");
            return ((RecordAccountBalance) message.getPayload()).at();
        });
        poller = new IdleBalancePoller(
                checks,
                exchange,
                gateway,
                Clock.fixed(NOW, ZoneOffset.UTC),
                new MarketClock(Clock.fixed(NOW, ZoneOffset.UTC)),
                INTERVAL,
                REFRESH_AFTER,
                50);
    }

    private static ExchangeBalance balance(String equity, String available) {
        return new ExchangeBalance(new BigDecimal(equity), new BigDecimal(available));
    }

    private static IdleBalanceChecks.Claim claim(UserId user, String equity, String available, Instant observedAt) {
        return new IdleBalanceChecks.Claim(
                user,
                equity == null ? null : new BigDecimal(equity),
                available == null ? null : new BigDecimal(available),
                observedAt);
    }

    @Test
    void recordsAChangedBalanceOfAnIdleAccountAsAnEventOnItsCredentials() {
        when(checks.claimDue(NOW, INTERVAL, 50))
                .thenReturn(List.of(claim(ALICE, "10000", "10000", NOW.minusSeconds(600))));
        when(exchange.readBalance(ALICE)).thenReturn(balance("9987.65", "9987.65"));

        assertThat(poller.pollDue()).isEqualTo(1);

        assertThat(sent)
                .containsExactly(new RecordAccountBalance(
                        CredentialsId.of(ALICE), new BigDecimal("9987.65"), new BigDecimal("9987.65"), NOW));
        verify(checks).recorded(ALICE, new BigDecimal("9987.65"), new BigDecimal("9987.65"), NOW);
    }

    @Test
    void recordsTheFirstReadingOfAnAccount() {
        when(checks.claimDue(NOW, INTERVAL, 50)).thenReturn(List.of(claim(ALICE, null, null, null)));
        when(exchange.readBalance(ALICE)).thenReturn(balance("10000", "10000"));

        poller.pollDue();

        assertThat(sent).hasSize(1);
    }

    @Test
    void sendsNothingWhenTheBalanceIsUnchanged() {
        when(checks.claimDue(NOW, INTERVAL, 50))
                .thenReturn(List.of(claim(ALICE, "10000.00", "9000", NOW.minusSeconds(600))));
        when(exchange.readBalance(ALICE)).thenReturn(balance("10000", "9000.000"));

        poller.pollDue();

        assertThat(sent).isEmpty();
        verify(checks, never()).recorded(any(), any(), any(), any());
    }

    @Test
    void anUnreachableExchangeSkipsThatUserAndTheOthersAreStillRead() {
        when(checks.claimDue(NOW, INTERVAL, 50))
                .thenReturn(List.of(
                        claim(ALICE, "10000", "10000", NOW.minusSeconds(600)),
                        claim(BOB, "500", "500", NOW.minusSeconds(600))));
        when(exchange.readBalance(ALICE))
                .thenThrow(new ExchangeAccess.ExchangeUnavailable(0, "connection refused", null));
        when(exchange.readBalance(BOB)).thenReturn(balance("510", "510"));

        assertThat(poller.pollDue()).isEqualTo(2);

        assertThat(sent)
                .containsExactly(new RecordAccountBalance(
                        CredentialsId.of(BOB), new BigDecimal("510"), new BigDecimal("510"), NOW));
    }

    @Test
    void aTickNeverThrows() {
        when(checks.claimDue(any(), any(), anyInt()))
                .thenThrow(new org.springframework.dao.QueryTimeoutException("db down"));

        poller.tick();

        verifyNoInteractions(exchange);
    }

    @Test
    void aReadingTheAggregateAlreadyHoldsKeepsItsTime() {
        Instant recordedBefore = NOW.minusSeconds(1);
        doReturn(recordedBefore).when(gateway).sendAndWait(any());
        when(checks.claimStale(ALICE, NOW, REFRESH_AFTER, INTERVAL))
                .thenReturn(Optional.of(claim(ALICE, null, null, null)));
        when(exchange.readBalance(ALICE)).thenReturn(balance("10000", "10000"));

        assertThat(poller.refresh(ALICE)).isEqualTo(new AccountRefresh(Outcome.UNCHANGED, recordedBefore));
        verify(checks).recorded(ALICE, new BigDecimal("10000"), new BigDecimal("10000"), recordedBefore);
    }

    @Test
    void theDashboardRefreshReadsAStaleAccountAtOnceAndSaysWhenTheReadingWasTaken() {
        when(checks.claimStale(ALICE, NOW, REFRESH_AFTER, INTERVAL))
                .thenReturn(Optional.of(claim(ALICE, "10000", "10000", NOW.minusSeconds(3600))));
        when(exchange.readBalance(ALICE)).thenReturn(balance("10012.5", "10012.5"));

        AccountRefresh refresh = poller.handle(new RefreshAccountBalance(ALICE));

        assertThat(refresh).isEqualTo(new AccountRefresh(Outcome.RECORDED, NOW));
        assertThat(sent).hasSize(1);
    }

    @Test
    void theDashboardRefreshOfAFreshAccountAsksNothingAndNamesTheLastReading() {
        Instant last = NOW.minusSeconds(5);
        when(checks.claimStale(ALICE, NOW, REFRESH_AFTER, INTERVAL)).thenReturn(Optional.empty());
        when(checks.state(ALICE)).thenReturn(new IdleBalanceChecks.State(true, false, last));

        assertThat(poller.refresh(ALICE)).isEqualTo(new AccountRefresh(Outcome.FRESH, last));
        verifyNoInteractions(exchange);
        assertThat(sent).isEmpty();
    }

    @Test
    void theDashboardRefreshLeavesARunningBotAndAMissingKeyAlone() {
        when(checks.claimStale(eq(ALICE), any(), any(), any())).thenReturn(Optional.empty());
        when(checks.state(ALICE)).thenReturn(new IdleBalanceChecks.State(true, true, null));
        when(checks.claimStale(eq(BOB), any(), any(), any())).thenReturn(Optional.empty());
        when(checks.state(BOB)).thenReturn(new IdleBalanceChecks.State(false, false, null));

        assertThat(poller.refresh(ALICE).outcome()).isEqualTo(Outcome.BOT_RUNNING);
        assertThat(poller.refresh(BOB).outcome()).isEqualTo(Outcome.NO_CREDENTIALS);
        verifyNoInteractions(exchange);
    }

    @Test
    void theDashboardRefreshAnswersUnavailableWhenBingxCannotBeReachedOrTheRecordFails() {
        Instant last = NOW.minusSeconds(3600);
        when(checks.claimStale(ALICE, NOW, REFRESH_AFTER, INTERVAL))
                .thenReturn(Optional.of(claim(ALICE, "10000", "10000", last)));
        when(exchange.readBalance(ALICE)).thenThrow(new ExchangeAccess.ExchangeUnavailable(0, "timeout", null));
        assertThat(poller.refresh(ALICE)).isEqualTo(new AccountRefresh(Outcome.UNAVAILABLE, last));

        when(checks.claimStale(BOB, NOW, REFRESH_AFTER, INTERVAL)).thenReturn(Optional.of(claim(BOB, "1", "1", last)));
        when(exchange.readBalance(BOB)).thenReturn(balance("2", "2"));
        doThrow(new IllegalStateException("concurrency")).when(gateway).sendAndWait(any());
        assertThat(poller.refresh(BOB)).isEqualTo(new AccountRefresh(Outcome.UNAVAILABLE, last));
    }
}
