package dev.trenddesk.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.RejectionCode;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.user.LoginOutcome;
import dev.trenddesk.api.user.UserCommands.AttemptLogin;
import dev.trenddesk.api.user.UserCommands.ChangeEmail;
import dev.trenddesk.api.user.UserCommands.ChangePassword;
import dev.trenddesk.api.user.UserCommands.ChangeRole;
import dev.trenddesk.api.user.UserCommands.DeactivateUser;
import dev.trenddesk.api.user.UserCommands.EraseUser;
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
import dev.trenddesk.command.AggregateView;
import dev.trenddesk.command.platform.PlatformSettingsStore;
import dev.trenddesk.vault.KeyVault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A person's account: identity, role, status, password changes, lockout, trading permission,
 * trading settings and viewer grants. {@link #view()} shows its state (time travel replays it).
 */
@Aggregate
public class UserAccount implements AggregateView {

    /** Every this many failed logins within {@link #FAILURE_WINDOW} raise a RepeatedLoginFailures alert. */
    static final int ALERT_EVERY_FAILURES = 5;

    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);

    private static final Pattern USERNAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9._-]{2,31}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

    @AggregateIdentifier
    private UserId id;

    private String username;
    /**
     * In lower case. For the password policy, which refuses passwords made of the person's own e-mail
     * address, and for an e-mail change, which records the address it replaces.
     */
    private String email;

    private Role role;
    private boolean active;
    private boolean tradingEnabled;
    private Instant lockedUntil;
    private List<Instant> recentFailures;
    private Set<UserId> grantedTraders;
    private boolean erased;
    private TradingSettings settings;
    private Instant registeredAt;
    private Instant passwordChangedAt;
    private Instant lastLoginAt;
    private String lastLoginIp;

    /**
     * What the account knows, as time travel shows it.
     *
     * @param role                the role's name (TRADER)
     * @param viewerOf            ids of the traders this viewer may read, sorted
     * @param recentLoginFailures failed logins with a wrong password in the last {@link #FAILURE_WINDOW}
     */
    public record View(
            String userId,
            String username,
            String email,
            String role,
            boolean active,
            boolean erased,
            boolean tradingEnabled,
            TradingSettings settings,
            List<String> viewerOf,
            Instant registeredAt,
            Instant passwordChangedAt,
            Instant lastLoginAt,
            String lastLoginIp,
            Instant lockedUntil,
            int recentLoginFailures) {}

    protected UserAccount() {
        // for Axon
    }

    @CommandHandler
    public UserAccount(
            RegisterUser command,
            UserDirectory directory,
            PasswordVault vault,
            PlatformSettingsStore platform,
            dev.trenddesk.command.plan.PlanStore plans) {
        List<dev.trenddesk.api.common.FieldViolation> violations = new ArrayList<>();
        if (command.username() == null || !USERNAME.matcher(command.username()).matches()) {
            violations.add(new dev.trenddesk.api.common.FieldViolation(
                    "username",
                    "3 to 32 characters: letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        if (!validEmail(command.email())) {
            violations.add(new dev.trenddesk.api.common.FieldViolation("email", "is not a valid e-mail address"));
        }
        if (command.role() == null) {
            violations.add(new dev.trenddesk.api.common.FieldViolation(
                    "role", "is required (admin, trader, viewer or auditor)"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        PasswordPolicy.check("password", command.password(), command.username(), command.email());
        String email = command.email().toLowerCase(Locale.ROOT);
        directory.claim(command.userId(), command.username(), email, command.role());
        if (command.role() == Role.ADMIN) {
            directory.addActiveAdmin(command.userId());
        }
        vault.store(command.userId(), command.password(), command.at());
        // the defaults an admin set for new traders, else the built-in ones; a trader's fitted to the plan they start
        // on (the default plan), so that the bot starts with the settings they find: the built-in defaults trade two
        // symbols at 5x, beyond the shipped Free plan
        TradingSettings defaults = platform.newTraderDefaults().orElseGet(TradingSettings::defaults);
        TradingSettings settings = command.role() == Role.TRADER
                ? plans.effective(command.userId())
                        .map(effective -> effective.plan().limits().fit(defaults))
                        .orElse(defaults)
                : defaults;
        apply(new UserRegistered(command.userId(), command.username(), email, command.role(), settings, command.at()));
    }

    @CommandHandler
    public void handle(ChangeRole command, UserDirectory directory) {
        if (command.role() == null) {
            throw new InvalidInputException("role", "is required (admin, trader, viewer or auditor)");
        }
        if (command.role() == role) {
            return;
        }
        if (active && role == Role.ADMIN) {
            directory.releaseActiveAdmin(id, username);
        } else if (active && command.role() == Role.ADMIN) {
            directory.addActiveAdmin(id);
        }
        directory.changeRole(id, command.role());
        if (tradingEnabled) {
            apply(new TradingPermissionRevoked(id, command.at()));
        }
        for (UserId trader : List.copyOf(grantedTraders)) {
            apply(new ViewerAccessRevoked(id, trader, command.at()));
        }
        apply(new RoleChanged(id, role, command.role(), command.at()));
    }

    @CommandHandler
    public void handle(DeactivateUser command, UserDirectory directory) {
        if (active) {
            if (role == Role.ADMIN) {
                directory.releaseActiveAdmin(id, username);
            }
            apply(new UserDeactivated(id, command.at()));
        }
    }

    @CommandHandler
    public void handle(ReactivateUser command, UserDirectory directory) {
        if (erased) {
            throw new DomainRejection(RejectionCode.USER_ERASED, username + " was erased and cannot be reactivated");
        }
        if (!active) {
            if (role == Role.ADMIN) {
                directory.addActiveAdmin(id);
            }
            apply(new UserReactivated(id, command.at()));
        }
    }

    @CommandHandler
    public void handle(ChangePassword command, PasswordVault vault) {
        if (command.currentPassword() == null || !vault.matches(id, command.currentPassword())) {
            throw new InvalidInputException("currentPassword", "is not your current password");
        }
        PasswordPolicy.check("newPassword", command.newPassword(), username, email);
        if (command.newPassword().value().equals(command.currentPassword().value())) {
            throw new InvalidInputException("newPassword", "must differ from the current password");
        }
        vault.store(id, command.newPassword(), command.at());
        apply(new PasswordChanged(id, false, command.at()));
    }

    /**
     * The person's own change of address. Checked in this order: the address's form (as at
     * registration), the current password, that it differs from the present address, and only then
     * whether another account has it, so that nobody without the password can learn which addresses
     * are registered. The directory row changes in the same transaction as the event.
     */
    @CommandHandler
    public void handle(ChangeEmail command, UserDirectory directory, PasswordVault vault) {
        if (erased) {
            throw new DomainRejection(RejectionCode.USER_ERASED, username + " was erased");
        }
        if (!validEmail(command.email())) {
            throw new InvalidInputException("email", "is not a valid e-mail address");
        }
        if (command.currentPassword() == null || !vault.matches(id, command.currentPassword())) {
            throw new InvalidInputException("currentPassword", "is not your current password");
        }
        String address = command.email().toLowerCase(Locale.ROOT);
        if (address.equals(email)) {
            throw new InvalidInputException("email", "is already your e-mail address");
        }
        directory.changeEmail(id, address);
        apply(new EmailChanged(id, email, address, false, command.at()));
    }

    @CommandHandler
    public void handle(ResetPassword command, PasswordVault vault) {
        if (erased) {
            throw new DomainRejection(RejectionCode.USER_ERASED, username + " was erased");
        }
        PasswordPolicy.check("password", command.newPassword(), username, email);
        vault.store(id, command.newPassword(), command.at());
        apply(new PasswordChanged(id, true, command.at()));
    }

    @CommandHandler
    public void handle(GrantTradingPermission command) {
        if (role != Role.TRADER) {
            throw new DomainRejection(
                    RejectionCode.TRADING_PERMISSION_TRADER_ONLY,
                    "only traders can be given trading permission; " + username + " is " + role.code());
        }
        if (!tradingEnabled) {
            apply(new TradingPermissionGranted(id, command.at()));
        }
    }

    @CommandHandler
    public void handle(RevokeTradingPermission command) {
        if (tradingEnabled) {
            apply(new TradingPermissionRevoked(id, command.at()));
        }
    }

    @CommandHandler
    public void handle(
            UpdateTradingSettings command, PlatformSettingsStore platform, dev.trenddesk.command.plan.PlanStore plans) {
        if (command.settings() == null) {
            throw new InvalidInputException("settings", "are required");
        }
        command.settings().validated();
        // within the allowed markets; a symbol or timeframe the current settings already have may stay
        platform.requireAllowed(command.settings(), settings);
        if (role == Role.TRADER) {
            // within the trader's plan, by the same rule (docs/plans.md)
            plans.requireChange(id, command.settings(), settings);
        }
        apply(new TradingSettingsUpdated(id, command.settings(), command.at()));
    }

    @CommandHandler
    public void handle(GrantViewerAccess command, UserDirectory directory) {
        if (role != Role.VIEWER) {
            throw new DomainRejection(
                    RejectionCode.VIEWER_ACCESS_VIEWER_ONLY,
                    "read access is granted to viewers only; " + username + " is " + role.code());
        }
        if (command.traderId() == null || directory.roleOf(command.traderId()).orElse(null) != Role.TRADER) {
            throw new InvalidInputException("traderId", "is not a trader");
        }
        if (!grantedTraders.contains(command.traderId())) {
            apply(new ViewerAccessGranted(id, command.traderId(), command.at()));
        }
    }

    @CommandHandler
    public void handle(RevokeViewerAccess command) {
        if (grantedTraders.contains(command.traderId())) {
            apply(new ViewerAccessRevoked(id, command.traderId(), command.at()));
        }
    }

    @CommandHandler
    public void handle(UnlockUser command) {
        if (lockedUntil != null && lockedUntil.isAfter(command.at()) || !recentFailures.isEmpty()) {
            apply(new UserUnlocked(id, command.at()));
        }
    }

    /**
     * Right to erasure: destroys the person's key-vault data key (crypto-shredding: every secret of
     * theirs in old events becomes unreadable), closes the account and records who did it.
     * Idempotent.
     */
    @CommandHandler
    public void handle(EraseUser command, KeyVault keyVault, PasswordVault passwords, UserDirectory directory) {
        if (erased) {
            return;
        }
        if (active && role == Role.ADMIN) {
            directory.releaseActiveAdmin(id, username);
        }
        keyVault.shred(id.value());
        passwords.delete(id);
        if (active) {
            apply(new UserDeactivated(id, command.at()));
        }
        apply(new UserErased(id, command.at()));
    }

    private static boolean validEmail(String address) {
        return address != null
                && address.length() <= 254
                && EMAIL.matcher(address).matches();
    }

    /**
     * Called by {@link LoginHandler} with the aggregate loaded; records the attempt whatever its result.
     * Failures never lock the account (a stranger could lock anyone out): the gateway throttles them
     * per client IP and per (username, client IP), and every {@link #ALERT_EVERY_FAILURES} failures
     * within {@link #FAILURE_WINDOW} raise an alert event. See docs/adr/0013.
     */
    LoginOutcome attemptLogin(AttemptLogin command, PasswordVault vault) {
        Instant now = command.at();
        boolean matches = vault.matches(id, command.password());
        if (!active && matches) {
            apply(new LoginFailed(
                    id, command.clientIp(), LoginOutcome.Result.DEACTIVATED.name(), recentFailures.size(), now));
            return new LoginOutcome(LoginOutcome.Result.DEACTIVATED, id, null);
        }
        if (matches) {
            apply(new UserLoggedIn(id, command.clientIp(), now));
            return new LoginOutcome(LoginOutcome.Result.SUCCESS, id, null);
        }
        int failures = (int) recentFailures.stream()
                        .filter(t -> t.isAfter(now.minus(FAILURE_WINDOW)))
                        .count()
                + 1;
        apply(new LoginFailed(id, command.clientIp(), LoginOutcome.Result.BAD_CREDENTIALS.name(), failures, now));
        if (failures % ALERT_EVERY_FAILURES == 0) {
            apply(new RepeatedLoginFailures(id, failures, now));
        }
        return new LoginOutcome(LoginOutcome.Result.BAD_CREDENTIALS, id, null);
    }

    @Override
    public View view() {
        return new View(
                Objects.toString(id, null),
                username,
                email,
                role == null ? null : role.name(),
                active,
                erased,
                tradingEnabled,
                settings,
                grantedTraders == null
                        ? List.of()
                        : grantedTraders.stream().map(UserId::toString).sorted().toList(),
                registeredAt,
                passwordChangedAt,
                lastLoginAt,
                lastLoginIp,
                lockedUntil,
                recentFailures == null ? 0 : recentFailures.size());
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        id = event.userId();
        username = event.username();
        email = event.email();
        role = event.role();
        active = true;
        tradingEnabled = false;
        recentFailures = new ArrayList<>();
        grantedTraders = new HashSet<>();
        settings = event.settings();
        registeredAt = event.at();
    }

    @EventSourcingHandler
    void on(TradingSettingsUpdated event) {
        settings = event.settings();
    }

    @EventSourcingHandler
    void on(PasswordChanged event) {
        passwordChangedAt = event.at();
    }

    @EventSourcingHandler
    void on(EmailChanged event) {
        email = event.email();
    }

    @EventSourcingHandler
    void on(UserErased event) {
        erased = true;
        active = false;
    }

    @EventSourcingHandler
    void on(RoleChanged event) {
        role = event.to();
    }

    @EventSourcingHandler
    void on(UserDeactivated event) {
        active = false;
    }

    @EventSourcingHandler
    void on(UserReactivated event) {
        active = true;
    }

    @EventSourcingHandler
    void on(TradingPermissionGranted event) {
        tradingEnabled = true;
    }

    @EventSourcingHandler
    void on(TradingPermissionRevoked event) {
        tradingEnabled = false;
    }

    @EventSourcingHandler
    void on(ViewerAccessGranted event) {
        grantedTraders.add(event.traderId());
    }

    @EventSourcingHandler
    void on(ViewerAccessRevoked event) {
        grantedTraders.remove(event.traderId());
    }

    @EventSourcingHandler
    void on(UserLoggedIn event) {
        recentFailures.clear();
        lockedUntil = null;
        lastLoginAt = event.at();
        lastLoginIp = event.clientIp();
    }

    @EventSourcingHandler
    void on(LoginFailed event) {
        if (LoginOutcome.Result.BAD_CREDENTIALS.name().equals(event.reason())) {
            recentFailures.removeIf(t -> !t.isAfter(event.at().minus(FAILURE_WINDOW)));
            recentFailures.add(event.at());
        }
    }

    @EventSourcingHandler
    void on(AccountLockedOut event) {
        lockedUntil = event.lockedUntil();
        recentFailures.clear();
    }

    @EventSourcingHandler
    void on(UserUnlocked event) {
        lockedUntil = null;
        recentFailures.clear();
    }
}
