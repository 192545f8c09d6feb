package dev.trenddesk.command.credentials;

import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.user.UserCommands.EraseUser;
import dev.trenddesk.api.user.UserCommands.ReactivateUser;
import dev.trenddesk.api.user.UserEvent.UserDeactivated;
import dev.trenddesk.api.user.UserEvent.UserErased;
import dev.trenddesk.api.user.UserEvent.UserRegistered;
import dev.trenddesk.command.user.LastActiveAdminException;
import dev.trenddesk.command.user.PasswordVault;
import dev.trenddesk.command.user.UserAccount;
import dev.trenddesk.command.user.UserDirectory;
import dev.trenddesk.vault.KeyVault;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EraseUser on the UserAccount: the data key is shredded, then the erasure is recorded. */
class EraseUserTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final UserId ID = UserId.of("00000000-0000-0000-0000-0000000000e1");

    private AggregateTestFixture<UserAccount> fixture;
    private KeyVault vault;
    private PasswordVault passwords;
    private UserDirectory directory;

    @BeforeEach
    void setUp() {
        vault = mock(KeyVault.class);
        passwords = mock(PasswordVault.class);
        fixture = new AggregateTestFixture<>(UserAccount.class);
        fixture.registerInjectableResource(vault);
        fixture.registerInjectableResource(passwords);
        directory = mock(UserDirectory.class);
        fixture.registerInjectableResource(directory);
        fixture.registerInjectableResource(mock(dev.trenddesk.command.platform.PlatformSettingsStore.class));
        fixture.registerInjectableResource(mock(dev.trenddesk.command.plan.PlanStore.class));
    }

    private static UserRegistered registered() {
        return registered(Role.TRADER);
    }

    private static UserRegistered registered(Role role) {
        return new UserRegistered(ID, "erin", "erin@example.com", role, TradingSettings.defaults(), T0);
    }

    @Test
    void erasingAnActiveAdminFirstReleasesTheirActiveAdminPlace() {
        fixture.given(registered(Role.ADMIN))
                .when(new EraseUser(ID, T0.plusSeconds(60)))
                .expectEvents(new UserDeactivated(ID, T0.plusSeconds(60)), new UserErased(ID, T0.plusSeconds(60)));
        verify(directory).releaseActiveAdmin(ID, "erin");
    }

    @Test
    void theLastActiveAdminIsNotErasedAndKeepsTheirDataKey() {
        doThrow(new LastActiveAdminException("erin")).when(directory).releaseActiveAdmin(ID, "erin");
        fixture.given(registered(Role.ADMIN))
                .when(new EraseUser(ID, T0.plusSeconds(60)))
                .expectException(LastActiveAdminException.class)
                .expectExceptionMessage("at least one active admin must remain: erin is the last active admin; "
                        + "make another person an admin first")
                .expectNoEvents();
        verify(vault, never()).shred(ID.value());
        verify(passwords, never()).delete(ID);
    }

    @Test
    void erasingADeactivatedAdminReleasesNothing() {
        fixture.given(registered(Role.ADMIN), new UserDeactivated(ID, T0))
                .when(new EraseUser(ID, T0.plusSeconds(60)))
                .expectEvents(new UserErased(ID, T0.plusSeconds(60)));
        verify(directory, never()).releaseActiveAdmin(ID, "erin");
    }

    @Test
    void erasingShredsTheDataKeyAndClosesTheAccount() {
        fixture.given(registered())
                .when(new EraseUser(ID, T0.plusSeconds(60)))
                .expectEvents(new UserDeactivated(ID, T0.plusSeconds(60)), new UserErased(ID, T0.plusSeconds(60)));
        verify(vault).shred(ID.value());
        verify(passwords).delete(ID);
    }

    @Test
    void anErasedAccountCannotBeReactivated() {
        fixture.given(registered(), new UserDeactivated(ID, T0), new UserErased(ID, T0))
                .when(new ReactivateUser(ID, T0.plusSeconds(60)))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
    }

    @Test
    void erasingADeactivatedUserRecordsOnlyTheErasure() {
        fixture.given(registered(), new UserDeactivated(ID, T0))
                .when(new EraseUser(ID, T0.plusSeconds(60)))
                .expectEvents(new UserErased(ID, T0.plusSeconds(60)));
        verify(vault).shred(ID.value());
    }

    @Test
    void erasingTwiceChangesNothing() {
        fixture.given(registered(), new UserDeactivated(ID, T0), new UserErased(ID, T0))
                .when(new EraseUser(ID, T0.plusSeconds(60)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        verify(vault, never()).shred(ID.value());
    }
}
