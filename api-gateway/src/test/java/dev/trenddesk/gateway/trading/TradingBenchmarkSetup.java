package dev.trenddesk.gateway.trading;

import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.common.Password;
import dev.trenddesk.api.common.Role;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.credentials.CredentialsCommands.ConnectCredentials;
import dev.trenddesk.api.credentials.CredentialsCommands.RequireTradingKey;
import dev.trenddesk.api.credentials.CredentialsFormat;
import dev.trenddesk.api.credentials.CredentialsId;
import dev.trenddesk.api.credentials.SecretFields;
import dev.trenddesk.api.trading.ExchangeBalance;
import dev.trenddesk.api.trading.TradingCommands.StartTradingSession;
import dev.trenddesk.api.trading.TradingQueries.ReadExchangeBalance;
import dev.trenddesk.api.trading.TradingSessionId;
import dev.trenddesk.api.user.UserCommands.GrantTradingPermission;
import dev.trenddesk.api.user.UserCommands.RegisterUser;
import dev.trenddesk.api.user.UserCommands.UpdateTradingSettings;
import dev.trenddesk.api.user.UserQueries.FindUserById;
import dev.trenddesk.api.user.UserView;
import dev.trenddesk.gateway.config.AxonConfiguration;
import dev.trenddesk.gateway.support.Names;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import dev.trenddesk.strategy.credentials.VerifiedKey;
import dev.trenddesk.vault.KeyVault;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The benchmark's fast set-up of a trader ({@code -Dtrading.benchmark.setup=commands}): the commands and
 * queries the API sends for "create a trader, grant trading, save settings, connect and verify a key, start
 * the bot", sent in this JVM through Axon's gateways with the metadata the API gives them (actor, role,
 * client IP, trace id, browser). Real on every side: the password is hashed by the User aggregate, the
 * key is encrypted by the key vault and verified against the simulator by the credentials verifier, the
 * start asks the credentials aggregate for a key that may trade and reads the balance from the
 * exchange, and the session then prepares its exchange account as any other. What it leaves out of the
 * API path: HTTP, the trader's login (a second password hash), the API's waits for read models, and the
 * start's read-model checks (trader, active, trading permission, candles served) — the same for every
 * trader here, and checked once by the API-made reference trader whose settings it copies.
 */
final class TradingBenchmarkSetup {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final TradingWorld world;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final KeyVault vault;
    private final CredentialsProvider credentials;
    private final String adminId;
    private final Clock clock = Clock.systemUTC();

    TradingBenchmarkSetup(
            TradingWorld world,
            CommandGateway commands,
            QueryGateway queries,
            KeyVault vault,
            CredentialsProvider credentials,
            String adminId) {
        this.world = world;
        this.commands = commands;
        this.queries = queries;
        this.vault = vault;
        this.credentials = credentials;
        this.adminId = adminId;
    }

    /** The settings the API stored for this user (validated by the API when it was saved). */
    TradingSettings settingsOf(String userId) throws Exception {
        UserView view = queries.query(new FindUserById(UserId.of(userId)), ResponseTypes.instanceOf(UserView.class))
                .get(1, TimeUnit.MINUTES);
        return view.settings();
    }

    /** A trader with these settings and a verified simulator key, its bot started; the session id. */
    String traderWithBot(TradingSettings settings) throws Exception {
        UserId user = UserId.random();
        String username = Names.unique("trader");
        send(
                new RegisterUser(
                        user,
                        username,
                        username + "@example.com",
                        Role.TRADER,
                        new Password(username + "-secret-pw"),
                        clock.instant()),
                adminId,
                Role.ADMIN);
        send(new GrantTradingPermission(user, clock.instant()), adminId, Role.ADMIN);
        send(new UpdateTradingSettings(user, settings, clock.instant()), user.toString(), Role.TRADER);

        String[] key = world.simAccount("READ", "TRADE");
        send(
                new ConnectCredentials(
                        CredentialsId.of(user),
                        user,
                        ExchangeName.BINGX,
                        CredentialsFormat.mask(key[0]),
                        vault.encryptText(user.value(), SecretFields.API_KEY, key[0]),
                        vault.encryptText(user.value(), SecretFields.SECRET_KEY, key[1]),
                        "c-" + UUID.randomUUID(),
                        clock.instant()),
                user.toString(),
                Role.TRADER);
        // verified against the simulator by the credentials verifier, then copied for the trading side
        org.awaitility.Awaitility.await()
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> credentials
                        .verifiedKey(user)
                        .map(VerifiedKey::key)
                        .blockOptional()
                        .isPresent());

        ExchangeName exchange = send(new RequireTradingKey(CredentialsId.of(user)), user.toString(), Role.TRADER);
        ExchangeBalance balance = queries.query(
                        new ReadExchangeBalance(user), ResponseTypes.instanceOf(ExchangeBalance.class))
                .get(1, TimeUnit.MINUTES);
        if (balance == null) {
            throw new AssertionError("no balance for " + user + " although its key is verified");
        }
        TradingSessionId session = TradingSessionId.random();
        send(
                new StartTradingSession(session, user, exchange, settings, balance.equity(), clock.instant()),
                user.toString(),
                Role.TRADER);
        return session.toString();
    }

    /**
     * Sends the command and waits for its answer. A command that found no database connection for its
     * transaction (the pool of 20 busy under the set-up's load) was not handled at all, and is sent again
     * after a second, up to 10 times — as a client does with the API's 503 and Retry-After.
     */
    private <R> R send(Object command, String actorId, Role actorRole) throws Exception {
        Map<String, Object> metadata = Map.of(
                AxonConfiguration.ACTOR_ID,
                actorId,
                AxonConfiguration.ACTOR_ROLE,
                actorRole.code(),
                AxonConfiguration.CLIENT_IP,
                "127.0.0.1",
                AxonConfiguration.TRACE_ID,
                "bench-" + UUID.randomUUID(),
                AxonConfiguration.BROWSER,
                "benchmark");
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.<R>send(
                                GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata)))
                        .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (attempt >= 10 || !noConnection(e)) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    private static boolean noConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CannotCreateTransactionException) {
                return true;
            }
        }
        return false;
    }
}
