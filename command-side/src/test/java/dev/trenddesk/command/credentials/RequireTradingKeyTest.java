package dev.trenddesk.command.credentials;

import static org.mockito.Mockito.mock;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsCommands.RequireTradingKey;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsConnected;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerificationFailed;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsVerified;
import dev.trenddesk.api.credentials.CredentialsId;
import dev.trenddesk.api.credentials.VerificationFailure;
import dev.trenddesk.command.user.UserDirectory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bot's start asks the credentials aggregate, not a read model: the moment the key's verification
 * is stored (and the API can show VERIFIED), a start is accepted; before, or for a key that may not
 * trade, it is refused with the reason.
 */
class RequireTradingKeyTest {

    private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");
    private static final UserId TRADER = UserId.of("00000000-0000-0000-0000-0000000000b1");
    private static final CredentialsId ID = CredentialsId.of(TRADER);
    private static final String CT = Base64.getEncoder().encodeToString(new byte[40]);

    private AggregateTestFixture<ExchangeCredentials> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ExchangeCredentials.class);
        fixture.registerInjectableResource(mock(UserDirectory.class));
        fixture.registerInjectableResource(new DisconnectGuards(List.of()));
    }

    private static CredentialsConnected connected(String attempt, Boolean staged) {
        return new CredentialsConnected(
                ID, TRADER, "****Ab12", CT, CT, attempt, staged != null, T0, staged, ExchangeName.BINGX);
    }

    private static CredentialsVerified verified(String attempt, boolean readOnly, Boolean staged) {
        return new CredentialsVerified(
                ID,
                TRADER,
                attempt,
                "USDT_M_PERPETUAL_SIM",
                "USDT",
                new BigDecimal("10000"),
                PositionMode.HEDGE,
                5,
                T0.plusSeconds(1),
                readOnly,
                List.of(),
                staged);
    }

    @Test
    void aKeyVerifiedAMomentAgoIsAccepted() {
        fixture.given(connected("a1", null), verified("a1", false, null))
                .when(new RequireTradingKey(ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aKeyStillPendingOrFailedIsRefused() {
        fixture.given(connected("a1", null))
                .when(new RequireTradingKey(ID))
                .expectException(IllegalStateException.class)
                .expectExceptionMessage(
                        "verified BingX credentials are required: connect and verify your API key first");
        fixture.given(
                        connected("a1", null),
                        new CredentialsVerificationFailed(
                                ID, TRADER, "a1", VerificationFailure.BAD_API_KEY, "100413", T0, null))
                .when(new RequireTradingKey(ID))
                .expectException(IllegalStateException.class);
    }

    @Test
    void aReadOnlyKeyIsRefusedAndAPromotedTradingKeyAccepted() {
        fixture.given(connected("a1", null), verified("a1", true, null))
                .when(new RequireTradingKey(ID))
                .expectException(IllegalStateException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("read-only"));
        fixture.given(
                        connected("a1", null),
                        verified("a1", true, null),
                        connected("a2", true),
                        verified("a2", false, true))
                .when(new RequireTradingKey(ID))
                .expectSuccessfulHandlerExecution();
    }
}
