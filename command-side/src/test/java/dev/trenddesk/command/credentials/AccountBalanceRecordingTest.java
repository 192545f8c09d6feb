package dev.trenddesk.command.credentials;

import static org.mockito.Mockito.mock;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsCommands.RecordAccountBalance;
import dev.trenddesk.api.credentials.CredentialsEvent.AccountBalanceObserved;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsConnected;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsDisconnected;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerified;
import dev.trenddesk.api.credentials.CredentialsId;
import dev.trenddesk.command.user.UserDirectory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Balance readings of an idle account: recorded on ExchangeCredentials only when they change. */
class AccountBalanceRecordingTest {

    private static final Instant T0 = Instant.parse("2026-12-05T07:00:00Z");
    private static final UserId TRADER = UserId.of("00000000-0000-0000-0000-0000000000b1");
    private static final CredentialsId ID = CredentialsId.of(TRADER);

    private AggregateTestFixture<ExchangeCredentials> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ExchangeCredentials.class);
        fixture.registerInjectableResource(mock(UserDirectory.class));
        fixture.registerInjectableResource(new DisconnectGuards(List.of()));
    }

    private static CredentialsConnected connected() {
        return new CredentialsConnected(
                ID, TRADER, "****Ab12", "a2V5", "c2VjcmV0", "a1", false, T0, null, ExchangeName.BINGX);
    }

    private static CredentialsVerified verified() {
        return new CredentialsVerified(
                ID,
                TRADER,
                "a1",
                "PERPETUAL_FUTURES_SIM",
                "USDT",
                new BigDecimal("10000.00"),
                PositionMode.HEDGE,
                5,
                T0.plusSeconds(1),
                false,
                List.of(),
                null);
    }

    private static AccountBalanceObserved observed(String equity, String available, Instant at) {
        return new AccountBalanceObserved(ID, TRADER, new BigDecimal(equity), new BigDecimal(available), at);
    }

    private static RecordAccountBalance record(String equity, String available, Instant at) {
        return new RecordAccountBalance(ID, new BigDecimal(equity), new BigDecimal(available), at);
    }

    @Test
    void recordsTheFirstReadingOfAVerifiedKey() {
        fixture.given(connected(), verified())
                .when(record("10000.00", "10000.00", T0.plusSeconds(60)))
                .expectEvents(observed("10000.00", "10000.00", T0.plusSeconds(60)))
                .expectResultMessagePayload(T0.plusSeconds(60));
    }

    @Test
    void recordsNothingWhenTheBalanceIsTheSameValue() {
        fixture.given(connected(), verified(), observed("10000.00", "9000.00", T0.plusSeconds(60)))
                .when(record("10000.0000", "9000.0", T0.plusSeconds(120)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(T0.plusSeconds(60));
    }

    @Test
    void recordsAChangeOfEquityOrOfFreeMargin() {
        fixture.given(connected(), verified(), observed("10000.00", "9000.00", T0.plusSeconds(60)))
                .when(record("9987.65", "9987.65", T0.plusSeconds(120)))
                .expectEvents(observed("9987.65", "9987.65", T0.plusSeconds(120)));
        fixture.given(connected(), verified(), observed("10000.00", "9000.00", T0.plusSeconds(60)))
                .when(record("10000.00", "10000.00", T0.plusSeconds(120)))
                .expectEvents(observed("10000.00", "10000.00", T0.plusSeconds(120)));
    }

    @Test
    void ignoresAReadingOlderThanTheLastRecordedOne() {
        fixture.given(connected(), verified(), observed("10000.00", "9000.00", T0.plusSeconds(120)))
                .when(record("9500.00", "9500.00", T0.plusSeconds(60)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(T0.plusSeconds(120));
    }

    @Test
    void recordsNothingWithoutAVerifiedKey() {
        fixture.given(connected())
                .when(record("10000.00", "10000.00", T0.plusSeconds(60)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(null);
        fixture.given(connected(), verified(), new CredentialsDisconnected(ID, TRADER, "****Ab12", T0.plusSeconds(30)))
                .when(record("10000.00", "10000.00", T0.plusSeconds(60)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(null);
    }
}
