package dev.trenddesk.command.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.Password;
import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.RejectionCode;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.platform.AllowedMarkets;
import dev.trenddesk.api.user.LoginOutcome;
import dev.trenddesk.api.user.UserCommands.AttemptLogin;
import dev.trenddesk.api.user.UserCommands.ChangeEmail;
import dev.trenddesk.api.user.UserCommands.ChangePassword;
import dev.trenddesk.api.user.UserCommands.ChangeRole;
import dev.trenddesk.api.user.UserCommands.DeactivateUser;
import dev.trenddesk.api.user.UserCommands.GrantTradingPermission;
import dev.trenddesk.api.user.UserCommands.GrantViewerAccess;
import dev.trenddesk.api.user.UserCommands.ReactivateUser;
import dev.trenddesk.api.user.UserCommands.RegisterUser;
import dev.trenddesk.api.user.UserCommands.ResetPassword;
import dev.trenddesk.api.user.UserCommands.RevokeTradingPermission;
import dev.trenddesk.api.user.UserCommands.RevokeViewerAccess;
import dev.trenddesk.api.user.UserCommands.UnlockUser;
import dev.trenddesk.api.user.UserCommands.UpdateTradingSettings;
import dev.trenddesk.api.user.UserEvent.AccountLockedOut;
import dev.trenddesk.api.user.UserEvent.EmailChanged;
import dev.trenddesk.api.user.UserEvent.LoginFailed;
import dev.trenddesk.api.user.UserEvent.PasswordChanged;
import dev.trenddesk.api.user.UserEvent.RepeatedLoginFailures;
import dev.trenddesk.api.user.UserEvent.RoleChanged;
import dev.trenddesk.api.user.UserEvent.TradingPermissionGranted;
import dev.trenddesk.api.user.UserEvent.TradingPermissionRevoked;
import dev.trenddesk.api.user.UserEvent.TradingSettingsUpdated;
import dev.trenddesk.api.user.UserEvent.UserDeactivated;
import dev.trenddesk.api.user.UserEvent.UserErased;
import dev.trenddesk.api.user.UserEvent.UserLoggedIn;
import dev.trenddesk.api.user.UserEvent.UserReactivated;
import dev.trenddesk.api.user.UserEvent.UserRegistered;
import dev.trenddesk.api.user.UserEvent.UserUnlocked;
import dev.trenddesk.api.user.UserEvent.ViewerAccessGranted;
import dev.trenddesk.api.user.UserEvent.ViewerAccessRevoked;
import dev.trenddesk.command.Refusals;
import dev.trenddesk.command.platform.PlatformSettingsStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserAccountTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final UserId ID = UserId.of("00000000-0000-0000-0000-000000000001");
    private static final UserId TRADER = UserId.of("00000000-0000-0000-0000-000000000002");
    private static final Password GOOD = new Password("correct horse battery");
    private static final Password BAD = new Password("wrong password here");

    private AggregateTestFixture<UserAccount> fixture;
    private UserDirectory directory;
    private PasswordVault vault;
    private PlatformSettingsStore platform;
    /** The trader's plan as PlanStore reads it; null: no plans. */
    private dev.trenddesk.command.plan.PlanStore.Effective plan;

    private final dev.trenddesk.command.plan.PlanStore plans = new dev.trenddesk.command.plan.PlanStore(null, "sim") {
        @Override
        public Optional<Effective> effective(UserId userId) {
            return Optional.ofNullable(plan);
        }
    };

    @BeforeEach
    void setUp() {
        directory = mock(UserDirectory.class);
        vault = mock(PasswordVault.class);
        when(vault.matches(ID, GOOD)).thenReturn(true);
        when(vault.matches(ID, BAD)).thenReturn(false);
        fixture = new AggregateTestFixture<>(UserAccount.class);
        fixture.registerInjectableResource(directory);
        fixture.registerInjectableResource(vault);
        platform = mock(PlatformSettingsStore.class);
        fixture.registerInjectableResource(platform);
        fixture.registerInjectableResource(plans);
        when(directory.idOfUsername("carol")).thenReturn(Optional.of(ID));
        fixture.registerAnnotatedCommandHandler(new LoginHandler(fixture.getRepository(), directory, vault));
    }

    private static AttemptLogin login(Password password, Instant at) {
        return new AttemptLogin("carol", password, "10.0.0.1", at);
    }

    private static UserRegistered registered(Role role) {
        return new UserRegistered(ID, "carol", "carol@example.com", role, TradingSettings.defaults(), T0);
    }

    @Test
    void registersUserWithDefaultSettingsAndStoresHashOutsideTheEvent() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(ID, "carol", "Carol@Example.com", Role.TRADER, GOOD, T0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new UserRegistered(
                        ID, "carol", "carol@example.com", Role.TRADER, TradingSettings.defaults(), T0));
        verify(directory).claim(ID, "carol", "carol@example.com", Role.TRADER);
        verify(vault).store(ID, GOOD, T0);
    }

    @Test
    void aNewUserStartsWithTheDefaultsAnAdminSetInsteadOfTheBuiltInOnes() {
        TradingSettings admins =
                TradingSettings.defaults().withStrategy(dev.trenddesk.api.common.StrategyId.EMA_CROSS, 21, 50);
        when(platform.newTraderDefaults()).thenReturn(Optional.of(admins));
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(ID, "carol", "carol@example.com", Role.TRADER, GOOD, T0))
                .expectEvents(new UserRegistered(ID, "carol", "carol@example.com", Role.TRADER, admins, T0));
    }

    @Test
    void savedSettingsStayWithinTheAllowedMarketsButMayKeepWhatTheyAlreadyHad() {
        AllowedMarkets onlyBtc = new AllowedMarkets(List.of("BTC-USDT"), List.of(Timeframe.M5, Timeframe.H1));
        doAnswer(call -> {
                    onlyBtc.require(call.getArgument(0), call.getArgument(1));
                    return null;
                })
                .when(platform)
                .requireAllowed(any(), any());
        TradingSettings d = TradingSettings.defaults(); // BTC and ETH on 5m, from before the restriction
        TradingSettings lowerLeverage = new TradingSettings(
                d.maxPositions(),
                d.riskPerTradePct(),
                d.dailyLossLimitPct(),
                d.maxDrawdownPct(),
                3,
                d.positionMode(),
                d.adxThreshold(),
                d.timeframe(),
                d.signalConfidence(),
                d.stopAtr(),
                d.takeProfitR(),
                d.symbols(),
                d.strategy(),
                d.emaFast(),
                d.emaSlow());
        fixture.given(registered(Role.TRADER))
                .when(new UpdateTradingSettings(ID, lowerLeverage, T0))
                .expectEvents(new TradingSettingsUpdated(ID, lowerLeverage, T0));
        TradingSettings solOn15m = new TradingSettings(
                d.maxPositions(),
                d.riskPerTradePct(),
                d.dailyLossLimitPct(),
                d.maxDrawdownPct(),
                d.leverage(),
                d.positionMode(),
                d.adxThreshold(),
                Timeframe.M15,
                d.signalConfidence(),
                d.stopAtr(),
                d.takeProfitR(),
                List.of("BTC-USDT", "SOL-USDT"),
                d.strategy(),
                d.emaFast(),
                d.emaSlow());
        fixture.given(registered(Role.TRADER))
                .when(new UpdateTradingSettings(ID, solOn15m, T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString(
                                "SOL-USDT is not allowed on this platform; allowed: BTC-USDT"),
                        org.hamcrest.Matchers.containsString("15m is not allowed on this platform; allowed: 5m, 1h")))
                .expectNoEvents();
    }

    @Test
    void defaultSettingsAreTheSeedsDefaults() {
        TradingSettings d = TradingSettings.defaults();
        assertThat(d.maxPositions()).isEqualTo(2);
        assertThat(d.riskPerTradePct()).isEqualByComparingTo("2.0");
        assertThat(d.dailyLossLimitPct()).isEqualByComparingTo("5.0");
        assertThat(d.maxDrawdownPct()).isEqualByComparingTo("15.0");
        assertThat(d.leverage()).isEqualTo(5);
        assertThat(d.positionMode()).isEqualTo(PositionMode.HEDGE);
        assertThat(d.adxThreshold()).isEqualByComparingTo("25");
        assertThat(d.timeframe()).isEqualTo(Timeframe.M5);
        assertThat(d.signalConfidence()).isEqualByComparingTo("60");
        assertThat(d.symbols()).containsExactly("BTC-USDT", "ETH-USDT");
        assertThat(d.violations()).isEmpty();
    }

    @Test
    void refusesShortPasswordWithoutTouchingDirectoryOrVault() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(ID, "carol", "carol@example.com", Role.TRADER, new Password("short"), T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage("password: must be at least 12 characters")
                .expectNoEvents();
        verify(directory, never()).claim(any(), any(), any(), any());
        verify(vault, never()).store(any(), any(), any());
    }

    @Test
    void refusesPasswordEqualToUsername() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(
                        ID, "carolcarolcarol", "carol@example.com", Role.TRADER, new Password("CarolCarolCarol"), T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage("password: must not be the username");
    }

    @Test
    void refusesPasswordOver128Characters() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(
                        ID, "carol", "carol@example.com", Role.TRADER, new Password("x".repeat(129)), T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage("password: must be at most 128 characters");
    }

    @Test
    void refusesBadUsernameAndEmailNamingBothFields() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(ID, "a b", "not-an-email", Role.TRADER, GOOD, T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("username:"),
                        org.hamcrest.Matchers.containsString("email:")));
    }

    @Test
    void refusesTakenUsername() {
        doThrow(new InvalidInputException("username", "is already taken"))
                .when(directory)
                .claim(eq(ID), eq("carol"), any(), any());
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(ID, "carol", "carol@example.com", Role.TRADER, GOOD, T0))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void changesRoleAndDropsTradingPermissionOfFormerTrader() {
        fixture.given(registered(Role.TRADER), new TradingPermissionGranted(ID, T0))
                .when(new ChangeRole(ID, Role.VIEWER, T0))
                .expectEvents(new TradingPermissionRevoked(ID, T0), new RoleChanged(ID, Role.TRADER, Role.VIEWER, T0));
        verify(directory).changeRole(ID, Role.VIEWER);
    }

    @Test
    void changingToTheSameRoleRecordsNothing() {
        fixture.given(registered(Role.TRADER))
                .when(new ChangeRole(ID, Role.TRADER, T0))
                .expectNoEvents();
    }

    @Test
    void deactivatesAndReactivatesOnce() {
        fixture.given(registered(Role.TRADER))
                .when(new DeactivateUser(ID, T0))
                .expectEvents(new UserDeactivated(ID, T0));
        fixture.given(registered(Role.TRADER), new UserDeactivated(ID, T0))
                .when(new DeactivateUser(ID, T0))
                .expectNoEvents();
        fixture.given(registered(Role.TRADER), new UserDeactivated(ID, T0))
                .when(new ReactivateUser(ID, T0))
                .expectEvents(new UserReactivated(ID, T0));
        fixture.given(registered(Role.TRADER)).when(new ReactivateUser(ID, T0)).expectNoEvents();
    }

    @Test
    void registeringAnAdminTakesAnActiveAdminPlace() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(ID, "carol", "carol@example.com", Role.ADMIN, GOOD, T0))
                .expectSuccessfulHandlerExecution();
        verify(directory).addActiveAdmin(ID);
    }

    @Test
    void demotingOrDeactivatingAnActiveAdminReleasesTheirPlace() {
        fixture.given(registered(Role.ADMIN))
                .when(new ChangeRole(ID, Role.TRADER, T0))
                .expectEvents(new RoleChanged(ID, Role.ADMIN, Role.TRADER, T0));
        verify(directory).releaseActiveAdmin(ID, "carol");
        fixture.given(registered(Role.ADMIN))
                .when(new DeactivateUser(ID, T0))
                .expectEvents(new UserDeactivated(ID, T0));
        verify(directory, org.mockito.Mockito.times(2)).releaseActiveAdmin(ID, "carol");
    }

    @Test
    void theLastActiveAdminCannotBeDemotedOrDeactivated() {
        doThrow(new LastActiveAdminException("carol")).when(directory).releaseActiveAdmin(ID, "carol");
        fixture.given(registered(Role.ADMIN))
                .when(new ChangeRole(ID, Role.VIEWER, T0))
                .expectException(LastActiveAdminException.class)
                .expectExceptionMessage("at least one active admin must remain: carol is the last active admin; "
                        + "make another person an admin first")
                .expectNoEvents();
        verify(directory, never()).changeRole(any(), any());
        fixture.given(registered(Role.ADMIN))
                .when(new DeactivateUser(ID, T0))
                .expectException(LastActiveAdminException.class)
                .expectNoEvents();
    }

    @Test
    void promotingOrReactivatingAnAdminTakesAPlaceButAnInactiveOneDoesNot() {
        fixture.given(registered(Role.TRADER))
                .when(new ChangeRole(ID, Role.ADMIN, T0))
                .expectEvents(new RoleChanged(ID, Role.TRADER, Role.ADMIN, T0));
        verify(directory).addActiveAdmin(ID);
        fixture.given(registered(Role.TRADER), new UserDeactivated(ID, T0))
                .when(new ChangeRole(ID, Role.ADMIN, T0))
                .expectEvents(new RoleChanged(ID, Role.TRADER, Role.ADMIN, T0));
        verify(directory).addActiveAdmin(ID);
        fixture.given(registered(Role.ADMIN), new UserDeactivated(ID, T0))
                .when(new ReactivateUser(ID, T0))
                .expectEvents(new UserReactivated(ID, T0));
        verify(directory, org.mockito.Mockito.times(2)).addActiveAdmin(ID);
    }

    @Test
    void changesNotTouchingAnActiveAdminLeaveTheAdminsAlone() {
        fixture.given(registered(Role.ADMIN), new UserDeactivated(ID, T0))
                .when(new ChangeRole(ID, Role.TRADER, T0))
                .expectEvents(new RoleChanged(ID, Role.ADMIN, Role.TRADER, T0));
        fixture.given(registered(Role.TRADER))
                .when(new DeactivateUser(ID, T0))
                .expectEvents(new UserDeactivated(ID, T0));
        verify(directory, never()).releaseActiveAdmin(any(), any());
        verify(directory, never()).addActiveAdmin(any());
    }

    @Test
    void changesOwnPasswordWhenCurrentOneIsRight() {
        Password next = new Password("a brand new passphrase");
        fixture.given(registered(Role.TRADER))
                .when(new ChangePassword(ID, GOOD, next, T0))
                .expectEvents(new PasswordChanged(ID, false, T0));
        verify(vault).store(ID, next, T0);
    }

    @Test
    void refusesPasswordChangeWithWrongCurrentPassword() {
        fixture.given(registered(Role.TRADER))
                .when(new ChangePassword(ID, BAD, new Password("a brand new passphrase"), T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage("currentPassword: is not your current password")
                .expectNoEvents();
    }

    @Test
    void refusesNewPasswordEqualToCurrent() {
        fixture.given(registered(Role.TRADER))
                .when(new ChangePassword(ID, GOOD, GOOD, T0))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void changesOwnEmailInLowerCaseRecordingTheOldAddress() {
        fixture.given(registered(Role.TRADER))
                .when(new ChangeEmail(ID, "Carol.New@Example.org", GOOD, T0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new EmailChanged(ID, "carol@example.com", "carol.new@example.org", false, T0));
        verify(directory).changeEmail(ID, "carol.new@example.org");
    }

    @Test
    void aSecondChangeRecordsTheAddressOfTheFirst() {
        fixture.given(registered(Role.TRADER), new EmailChanged(ID, "carol@example.com", "c2@example.org", false, T0))
                .when(new ChangeEmail(ID, "c3@example.org", GOOD, T0.plusSeconds(1)))
                .expectEvents(new EmailChanged(ID, "c2@example.org", "c3@example.org", false, T0.plusSeconds(1)));
    }

    @Test
    void refusesAnEmailAnotherAccountHas() {
        doThrow(new InvalidInputException("email", "is already registered"))
                .when(directory)
                .changeEmail(ID, "bob@example.com");
        fixture.given(registered(Role.TRADER))
                .when(new ChangeEmail(ID, "bob@example.com", GOOD, T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage("email: is already registered")
                .expectNoEvents();
    }

    @Test
    void refusesTheSameAddressInAnyCaseWithoutTouchingTheDirectory() {
        fixture.given(registered(Role.TRADER))
                .when(new ChangeEmail(ID, "CAROL@example.com", GOOD, T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage("email: is already your e-mail address")
                .expectNoEvents();
        verify(directory, never()).changeEmail(any(), any());
    }

    @Test
    void refusesAnEmailChangeWithAWrongCurrentPasswordBeforeLookingForTakenAddresses() {
        fixture.given(registered(Role.TRADER))
                .when(new ChangeEmail(ID, "carol.new@example.org", BAD, T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage("currentPassword: is not your current password")
                .expectNoEvents();
        fixture.given(registered(Role.TRADER))
                .when(new ChangeEmail(ID, "carol.new@example.org", null, T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage("currentPassword: is not your current password");
        verify(directory, never()).changeEmail(any(), any());
    }

    @Test
    void refusesAMalformedEmailAsRegistrationDoes() {
        for (String bad : new String[] {"not-an-email", "a@b", "two@@example.com", "x@example.com ", "", null}) {
            fixture.given(registered(Role.TRADER))
                    .when(new ChangeEmail(ID, bad, GOOD, T0))
                    .expectException(InvalidInputException.class)
                    .expectExceptionMessage("email: is not a valid e-mail address")
                    .expectNoEvents();
        }
        fixture.given(registered(Role.TRADER))
                .when(new ChangeEmail(ID, "a".repeat(64) + "@" + "b".repeat(190) + ".com", GOOD, T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage("email: is not a valid e-mail address");
        verify(directory, never()).changeEmail(any(), any());
    }

    @Test
    void anErasedAccountCannotChangeItsEmail() {
        fixture.given(registered(Role.TRADER), new UserDeactivated(ID, T0), new UserErased(ID, T0))
                .when(new ChangeEmail(ID, "carol.new@example.org", GOOD, T0))
                .expectException(Refusals.refusedWith(RejectionCode.USER_ERASED))
                .expectNoEvents();
    }

    @Test
    void adminResetsPassword() {
        Password next = new Password("reset by the admin 1");
        fixture.given(registered(Role.TRADER))
                .when(new ResetPassword(ID, next, T0))
                .expectEvents(new PasswordChanged(ID, true, T0));
        verify(vault).store(ID, next, T0);
    }

    @Test
    void grantsAndRevokesTradingPermissionForTradersOnly() {
        fixture.given(registered(Role.TRADER))
                .when(new GrantTradingPermission(ID, T0))
                .expectEvents(new TradingPermissionGranted(ID, T0));
        fixture.given(registered(Role.TRADER), new TradingPermissionGranted(ID, T0))
                .when(new RevokeTradingPermission(ID, T0))
                .expectEvents(new TradingPermissionRevoked(ID, T0));
        fixture.given(registered(Role.ADMIN))
                .when(new GrantTradingPermission(ID, T0))
                .expectException(Refusals.refusedWith(RejectionCode.TRADING_PERMISSION_TRADER_ONLY))
                .expectNoEvents();
    }

    @Test
    void updatesValidSettings() {
        TradingSettings settings = new TradingSettings(
                3,
                new BigDecimal("1.5"),
                new BigDecimal("4"),
                new BigDecimal("10"),
                10,
                PositionMode.ONE_WAY,
                new BigDecimal("30"),
                Timeframe.M15,
                new BigDecimal("70"),
                new BigDecimal("2.5"),
                new BigDecimal("3"),
                List.of("ETH-USDT"),
                dev.trenddesk.api.common.StrategyId.ADX_TREND,
                9,
                21);
        fixture.given(registered(Role.TRADER))
                .when(new UpdateTradingSettings(ID, settings, T0))
                .expectEvents(new TradingSettingsUpdated(ID, settings, T0));
    }

    @Test
    void refusesSettingsOutOfRangeNamingEachField() {
        TradingSettings settings = new TradingSettings(
                0,
                new BigDecimal("11"),
                new BigDecimal("5"),
                new BigDecimal("15"),
                200,
                PositionMode.HEDGE,
                new BigDecimal("25"),
                Timeframe.M5,
                new BigDecimal("60"),
                new BigDecimal("2"),
                new BigDecimal("2"),
                List.of("btc"),
                dev.trenddesk.api.common.StrategyId.ADX_TREND,
                9,
                21);
        fixture.given(registered(Role.TRADER))
                .when(new UpdateTradingSettings(ID, settings, T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("maxPositions"),
                        org.hamcrest.Matchers.containsString("riskPerTradePct"),
                        org.hamcrest.Matchers.containsString("leverage"),
                        org.hamcrest.Matchers.containsString("symbols")))
                .expectNoEvents();
    }

    @Test
    void grantsViewerAccessToATraderOnce() {
        when(directory.roleOf(TRADER)).thenReturn(Optional.of(Role.TRADER));
        fixture.given(registered(Role.VIEWER))
                .when(new GrantViewerAccess(ID, TRADER, T0))
                .expectEvents(new ViewerAccessGranted(ID, TRADER, T0));
        fixture.given(registered(Role.VIEWER), new ViewerAccessGranted(ID, TRADER, T0))
                .when(new GrantViewerAccess(ID, TRADER, T0))
                .expectNoEvents();
        fixture.given(registered(Role.VIEWER), new ViewerAccessGranted(ID, TRADER, T0))
                .when(new RevokeViewerAccess(ID, TRADER, T0))
                .expectEvents(new ViewerAccessRevoked(ID, TRADER, T0));
    }

    @Test
    void refusesGrantToNonViewerOrForNonTrader() {
        when(directory.roleOf(TRADER)).thenReturn(Optional.of(Role.AUDITOR));
        fixture.given(registered(Role.TRADER))
                .when(new GrantViewerAccess(ID, TRADER, T0))
                .expectException(Refusals.refusedWith(RejectionCode.VIEWER_ACCESS_VIEWER_ONLY));
        fixture.given(registered(Role.VIEWER))
                .when(new GrantViewerAccess(ID, TRADER, T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage("traderId: is not a trader");
    }

    @Test
    void successfulLoginIsRecorded() {
        fixture.given(registered(Role.TRADER))
                .when(login(GOOD, T0))
                .expectEvents(new UserLoggedIn(ID, "10.0.0.1", T0))
                .expectResultMessagePayload(new LoginOutcome(LoginOutcome.Result.SUCCESS, ID, null));
    }

    @Test
    void everyFifthFailureWithinFifteenMinutesRaisesAnAlertButLocksNothing() {
        fixture.given(
                        registered(Role.TRADER),
                        failed(T0, 1),
                        failed(T0.plusSeconds(60), 2),
                        failed(T0.plusSeconds(120), 3),
                        failed(T0.plusSeconds(180), 4))
                .when(login(BAD, T0.plusSeconds(240)))
                .expectEvents(failed(T0.plusSeconds(240), 5), new RepeatedLoginFailures(ID, 5, T0.plusSeconds(240)))
                .expectResultMessagePayload(new LoginOutcome(LoginOutcome.Result.BAD_CREDENTIALS, ID, null));
        fixture.given(
                        registered(Role.TRADER),
                        failed(T0, 1),
                        failed(T0.plusSeconds(60), 2),
                        failed(T0.plusSeconds(120), 3),
                        failed(T0.plusSeconds(180), 4),
                        failed(T0.plusSeconds(240), 5),
                        new RepeatedLoginFailures(ID, 5, T0.plusSeconds(240)))
                .when(login(GOOD, T0.plusSeconds(250)))
                .expectEvents(new UserLoggedIn(ID, "10.0.0.1", T0.plusSeconds(250)))
                .expectResultMessagePayload(new LoginOutcome(LoginOutcome.Result.SUCCESS, ID, null));
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        fixture.given(
                        registered(Role.TRADER),
                        failed(T0, 1),
                        failed(T0.plusSeconds(60), 2),
                        failed(T0.plusSeconds(120), 3),
                        failed(T0.plusSeconds(180), 4))
                .when(login(BAD, T0.plus(UserAccount.FAILURE_WINDOW).plusSeconds(30)))
                .expectEvents(failed(T0.plus(UserAccount.FAILURE_WINDOW).plusSeconds(30), 4));
    }

    @Test
    void aLockOutFromBeforeThrottlingNoLongerRefusesTheRightPassword() {
        Instant until = T0.plus(Duration.ofMinutes(15));
        fixture.given(registered(Role.TRADER), new AccountLockedOut(ID, until, T0))
                .when(login(GOOD, T0.plusSeconds(60)))
                .expectEvents(new UserLoggedIn(ID, "10.0.0.1", T0.plusSeconds(60)))
                .expectResultMessagePayload(new LoginOutcome(LoginOutcome.Result.SUCCESS, ID, null));
        fixture.given(registered(Role.TRADER), new AccountLockedOut(ID, until, T0))
                .when(new UnlockUser(ID, T0.plusSeconds(60)))
                .expectEvents(new UserUnlocked(ID, T0.plusSeconds(60)));
    }

    @Test
    void deactivatedAccountCannotLogIn() {
        fixture.given(registered(Role.TRADER), new UserDeactivated(ID, T0))
                .when(login(GOOD, T0))
                .expectEvents(new LoginFailed(ID, "10.0.0.1", "DEACTIVATED", 0, T0))
                .expectResultMessagePayload(new LoginOutcome(LoginOutcome.Result.DEACTIVATED, ID, null));
    }

    private static LoginFailed failed(Instant at, int count) {
        return new LoginFailed(ID, "10.0.0.1", "BAD_CREDENTIALS", count, at);
    }

    @Test
    void loginHandlerAnswersBadCredentialsForUnknownUsernameWithoutEvents() {
        UserDirectory emptyDirectory = mock(UserDirectory.class);
        when(emptyDirectory.idOfUsername("nobody")).thenReturn(Optional.empty());
        LoginHandler handler = new LoginHandler(null, emptyDirectory, vault);
        LoginOutcome outcome = handler.handle(new AttemptLogin("nobody", GOOD, "10.0.0.1", T0));
        assertThat(outcome.result()).isEqualTo(LoginOutcome.Result.BAD_CREDENTIALS);
        assertThat(outcome.userId()).isNull();
    }

    @Test
    void aNewTraderStartsWithTheDefaultsFittedToTheirPlanSoTheBotStartsAsTheyFindIt() {
        plan = free();
        // the built-in defaults trade BTC-USDT and ETH-USDT at 5x: beyond Free
        TradingSettings fitted = plan.plan().limits().fit(TradingSettings.defaults());
        org.assertj.core.api.Assertions.assertThat(fitted.symbols()).containsExactly("BTC-USDT");
        org.assertj.core.api.Assertions.assertThat(fitted.leverage()).isEqualTo(3);
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(ID, "carol", "carol@example.com", Role.TRADER, GOOD, T0))
                .expectEvents(new UserRegistered(ID, "carol", "carol@example.com", Role.TRADER, fitted, T0));
    }

    @Test
    void otherRolesHaveNoPlanAndKeepTheDefaultsAsTheyAre() {
        plan = free();
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(ID, "carol", "carol@example.com", Role.VIEWER, GOOD, T0))
                .expectEvents(new UserRegistered(
                        ID, "carol", "carol@example.com", Role.VIEWER, TradingSettings.defaults(), T0));
    }

    private static dev.trenddesk.command.plan.PlanStore.Effective free() {
        return new dev.trenddesk.command.plan.PlanStore.Effective(
                new dev.trenddesk.command.plan.PlanStore.StoredPlan(
                        "free",
                        "Free",
                        java.math.BigDecimal.ZERO,
                        new dev.trenddesk.api.plan.PlanLimits(
                                List.of("BTC-USDT"), 1, List.of(), List.of(), false, 3, 3, List.of()),
                        false),
                null);
    }

    @Test
    void savedSettingsOfATraderStayWithinTheirPlanWhatTheyHaveMayStayAndAdminsHaveNoPlan() {
        plan = free();
        TradingSettings d = TradingSettings.defaults(); // BTC-USDT and ETH-USDT at 5x: beyond Free
        TradingSettings more = new TradingSettings(
                d.maxPositions(),
                d.riskPerTradePct(),
                d.dailyLossLimitPct(),
                d.maxDrawdownPct(),
                6,
                d.positionMode(),
                d.adxThreshold(),
                d.timeframe(),
                d.signalConfidence(),
                d.stopAtr(),
                d.takeProfitR(),
                List.of("BTC-USDT", "ETH-USDT", "SOL-USDT"),
                d.strategy(),
                d.emaFast(),
                d.emaSlow());
        fixture.given(registered(Role.TRADER))
                .when(new UpdateTradingSettings(ID, more, T0))
                .expectException(dev.trenddesk.api.plan.PlanLimitException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("SOL-USDT is not in your plan"),
                        org.hamcrest.Matchers.containsString("leverage up to 3x")))
                .expectNoEvents();
        // the defaults the trader registered with may stay although beyond the plan
        fixture.given(registered(Role.TRADER))
                .when(new UpdateTradingSettings(ID, d, T0))
                .expectEvents(new TradingSettingsUpdated(ID, d, T0));
        fixture.given(registered(Role.ADMIN))
                .when(new UpdateTradingSettings(ID, more, T0))
                .expectEvents(new TradingSettingsUpdated(ID, more, T0));
    }
}
