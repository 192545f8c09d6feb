package dev.trenddesk.strategy.credentials;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsCommands.RecordCredentialsVerificationFailed;
import dev.trenddesk.api.credentials.CredentialsCommands.RecordCredentialsVerified;
import dev.trenddesk.api.credentials.CredentialsId;
import dev.trenddesk.api.credentials.SecretFields;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.strategy.exchange.AccountBalance;
import dev.trenddesk.strategy.exchange.ExchangeKey;
import dev.trenddesk.strategy.exchange.Exchanges;
import dev.trenddesk.strategy.exchange.KeyPermissions;
import dev.trenddesk.strategy.exchange.RateLimitedRetry;
import dev.trenddesk.strategy.exchange.TradingConnection;
import dev.trenddesk.vault.KeyVault;
import dev.trenddesk.vault.KeyVaultException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Verifies a key against the exchange: decrypts key and secret in memory, reads the balance, then the key's
 * own permissions: a key that may withdraw or transfer funds is refused
 * ({@link VerificationFailure#FUNDS_PERMISSION}); a key without perpetual futures trading is verified
 * read-only. For a trading key it reads the position mode and the leverage of the verification
 * symbol and proves trading permission by setting that leverage to the value it already has (a
 * no-op on the account; a key the exchange then refuses for lack of trading permission is verified read-only). Reports the
 * result back to the aggregate as a command. Never logs a key or secret; logs name the user and the
 * masked key at most.
 */
@Component
public class CredentialsVerifier {

    private static final Logger log = LoggerFactory.getLogger(CredentialsVerifier.class);

    private final KeyVault vault;
    private final Exchanges exchanges;
    private final SystemCommands commands;
    private final CredentialsSettings settings;
    private final Clock clock;
    private final String accountType;

    public CredentialsVerifier(
            KeyVault vault,
            Exchanges exchanges,
            SystemCommands commands,
            CredentialsSettings settings,
            Clock clock,
            @Value("${trenddesk.exchange.environment:sim}") String environment) {
        this.vault = vault;
        this.exchanges = exchanges;
        this.commands = commands;
        this.settings = settings;
        this.clock = clock;
        this.accountType = "USDT_M_PERPETUAL_" + environment.trim().toUpperCase(Locale.ROOT);
    }

    /** What the exchange said about an account whose key it accepted. */
    public record AccountFacts(
            String asset,
            BigDecimal balance,
            PositionMode positionMode,
            Integer leverage,
            boolean readOnly,
            List<String> ipWhitelist) {}

    /** The key may withdraw or transfer funds: refused whatever else it may do. */
    public static final class FundsPermissionException extends RuntimeException {

        public FundsPermissionException(String detail) {
            super(detail, null, false, false);
        }
    }

    /**
     * Verifies, at the adapter of {@code exchange} (the exchange the key is recorded with), and reports the
     * result for {@code attemptId}; completes when the result was recorded (errors are logged, never thrown: a
     * verification that could not report stays pending and is started again by the health checker). An
     * exchange this process has no adapter for fails the verification, naming it.
     */
    public Mono<Void> verifyAndReport(
            UserId userId,
            ExchangeName exchange,
            String attemptId,
            String apiKeyCiphertext,
            String secretKeyCiphertext,
            String traceId) {
        CredentialsId id = CredentialsId.of(userId);
        return Mono.fromCallable(() -> decrypt(userId, apiKeyCiphertext, secretKeyCiphertext))
                .flatMap(credentials -> verify(exchange, credentials))
                .map(facts -> (Object) new RecordCredentialsVerified(
                        id,
                        attemptId,
                        accountType,
                        facts.asset(),
                        facts.balance(),
                        facts.positionMode(),
                        facts.leverage(),
                        facts.readOnly(),
                        facts.ipWhitelist(),
                        clock.instant()))
                .onErrorResume(KeyVaultException.class, e -> {
                    log.warn(
                            "Credentials of user {} cannot be decrypted ({}); verification abandoned",
                            userId,
                            e.reason());
                    return Mono.empty();
                })
                .onErrorResume(e -> {
                    FailureClassifier.Classified failure = FailureClassifier.classify(e);
                    log.info(
                            "Verification of user {}'s exchange key failed: {} ({})",
                            userId,
                            failure.reason(),
                            failure.detail());
                    return Mono.just(new RecordCredentialsVerificationFailed(
                            id, attemptId, failure.reason(), failure.detail(), clock.instant()));
                })
                .flatMap(result -> commands.sendFromReactive(result, SystemCommands.VERIFIER, traceId))
                .doOnError(e ->
                        log.warn("Verification result for user {} could not be recorded: {}", userId, e.toString()))
                .onErrorResume(e -> Mono.empty())
                .then()
                // the log lines of this work, on whatever thread it continues, keep the trace id and user id of
                // the event handler that subscribes (docs/logging.md)
                .contextCapture();
    }

    /**
     * Calls the exchange with these credentials; fails with an {@code ExchangeException} when it refuses, with
     * {@link Exchanges.UnknownExchangeException} when this process has no adapter of that exchange.
     */
    public Mono<AccountFacts> verify(ExchangeName exchange, ExchangeKey credentials) {
        TradingConnection client;
        try {
            client = exchanges.get(exchange).connect(credentials);
        } catch (Exchanges.UnknownExchangeException e) {
            return Mono.error(e);
        }
        String symbol = settings.verificationSymbol();
        return client.balance()
                .flatMap(balance -> client.permissions().flatMap(permissions -> {
                    refuseFundsPermissions(permissions);
                    boolean mayTrade = permissionVerdict(permissions) == PermissionVerdict.MAY_TRADE;
                    return client.positionMode().flatMap(mode -> client.leverage(symbol)
                            .flatMap(leverage -> !mayTrade
                                    ? Mono.just(facts(balance, mode, leverage, true, permissions))
                                    : proveTradePermission(client, symbol, mode, leverage)
                                            .thenReturn(facts(balance, mode, leverage, false, permissions))
                                            .onErrorResume(
                                                    FailureClassifier::isNoTradePermission,
                                                    e -> Mono.just(
                                                            facts(balance, mode, leverage, true, permissions)))));
                }))
                .timeout(settings.verificationTimeout());
    }

    /** What the platform does with a key, judged by its own permissions (see {@link #permissionVerdict}). */
    public enum PermissionVerdict {
        /** The key may withdraw or transfer funds: refused whatever else it may do. */
        REFUSED_MOVES_FUNDS,
        /** No perpetual futures trading: connected read-only, no bot can trade with it. */
        READ_ONLY,
        /** Perpetual futures trading and nothing that moves funds: bots may trade with it. */
        MAY_TRADE
    }

    /**
     * The platform's verdict on a key's permissions, as {@link #verify} applies it (a key verified
     * {@link PermissionVerdict#MAY_TRADE} is still read-only when the exchange then refuses a trading call
     * for lack of permission). Also used by the {@code bingx-smoke} command.
     */
    public static PermissionVerdict permissionVerdict(KeyPermissions permissions) {
        if (permissions.canMoveFunds()) {
            return PermissionVerdict.REFUSED_MOVES_FUNDS;
        }
        return permissions.canTradePerpetualFutures() ? PermissionVerdict.MAY_TRADE : PermissionVerdict.READ_ONLY;
    }

    /** The fund-moving rights of a key in words, e.g. "withdraw (5)"; empty when it has none. */
    public static String fundsRights(KeyPermissions permissions) {
        return permissions.fundsRights();
    }

    private static void refuseFundsPermissions(KeyPermissions permissions) {
        if (permissionVerdict(permissions) == PermissionVerdict.REFUSED_MOVES_FUNDS) {
            throw new FundsPermissionException("the key has " + fundsRights(permissions) + " permission");
        }
    }

    /** One cheap read (the balance) at the key's exchange: what the periodic health check does. Empty on success. */
    public Mono<FailureClassifier.Classified> checkHealth(ExchangeName exchange, ExchangeKey credentials) {
        return Mono.defer(() -> exchanges.get(exchange).connect(credentials).balance())
                .timeout(settings.verificationTimeout())
                .then(Mono.<FailureClassifier.Classified>empty())
                .onErrorResume(e -> Mono.just(FailureClassifier.classify(e)));
    }

    ExchangeKey decrypt(UserId userId, String apiKeyCiphertext, String secretKeyCiphertext) {
        return new ExchangeKey(
                vault.decryptText(userId.value(), SecretFields.API_KEY, apiKeyCiphertext),
                vault.decryptText(userId.value(), SecretFields.SECRET_KEY, secretKeyCiphertext));
    }

    private static Mono<Void> proveTradePermission(
            TradingConnection client, String symbol, PositionMode mode, int leverage) {
        boolean hedge = mode == PositionMode.HEDGE;
        // sets the leverage the account already has: harmless, and sent again after a rate-limit refusal
        return client.setLeverage(symbol, hedge ? ExchangePositionSide.LONG : ExchangePositionSide.BOTH, leverage)
                .retryWhen(RateLimitedRetry.of(3, Duration.ofMillis(500)));
    }

    private static AccountFacts facts(
            AccountBalance balance, PositionMode mode, int leverage, boolean readOnly, KeyPermissions permissions) {
        return new AccountFacts(
                balance.asset(), balance.balance(), mode, leverage, readOnly, permissions.ipWhitelist());
    }
}
