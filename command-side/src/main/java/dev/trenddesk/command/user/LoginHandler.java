package dev.trenddesk.command.user;

import dev.trenddesk.api.user.LoginOutcome;
import dev.trenddesk.api.user.UserCommands.AttemptLogin;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Resolves a login attempt by username to the account and lets the account judge it. An unknown
 * username costs the same hashing time as a known one and leaves no event (there is no account to
 * record it on).
 */
@Component
public class LoginHandler {

    private final Repository<UserAccount> accounts;
    private final UserDirectory directory;
    private final PasswordVault vault;

    public LoginHandler(Repository<UserAccount> accounts, UserDirectory directory, PasswordVault vault) {
        this.accounts = accounts;
        this.directory = directory;
        this.vault = vault;
    }

    @CommandHandler
    public LoginOutcome handle(AttemptLogin command) {
        Optional<dev.trenddesk.api.common.UserId> userId = command.username() == null
                ? Optional.empty()
                : directory.idOfUsername(command.username().trim());
        if (userId.isEmpty()) {
            PasswordVault.spendDecoyCheck(command.password());
            return new LoginOutcome(LoginOutcome.Result.BAD_CREDENTIALS, null, null);
        }
        return accounts.load(userId.get().toString()).invoke(account -> account.attemptLogin(command, vault));
    }
}
