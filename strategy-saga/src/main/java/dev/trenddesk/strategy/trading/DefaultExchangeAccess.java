package dev.trenddesk.strategy.trading;

import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.ExchangeBalance;
import dev.trenddesk.api.trading.ExchangePositionSide;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import dev.trenddesk.strategy.credentials.VerifiedKey;
import dev.trenddesk.strategy.decision.ContractRules;
import dev.trenddesk.strategy.exchange.AccountBalance;
import dev.trenddesk.strategy.exchange.ContractSpec;
import dev.trenddesk.strategy.exchange.Exchange;
import dev.trenddesk.strategy.exchange.ExchangeException;
import dev.trenddesk.strategy.exchange.ExchangeKey;
import dev.trenddesk.strategy.exchange.Exchanges;
import dev.trenddesk.strategy.exchange.RateLimitedRetry;
import dev.trenddesk.strategy.exchange.TradingConnection;
import jakarta.annotation.PreDestroy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@link ExchangeAccess} over the user's verified credentials and the adapter of the exchange they are recorded
 * with ({@link Exchanges}: a name no adapter answers to fails the call, it never falls back to another exchange).
 * Contract rules are read from the process's market-data exchange, the one the market feed uses.
 */
@Component
public class DefaultExchangeAccess implements ExchangeAccess {

    private static final Duration CONTRACTS_TTL = Duration.ofHours(1);
    private static final int RATE_LIMITED_RETRIES = 4;
    private static final Duration RATE_LIMITED_BACKOFF = Duration.ofMillis(500);
    private static final int PREFETCH_THREADS = 16;
    private static final Logger log = LoggerFactory.getLogger(DefaultExchangeAccess.class);

    private final Exchange market;
    private final Exchanges exchanges;
    private final CredentialsProvider credentials;
    private final Duration timeout;
    private final Clock clock;
    private final Map<UserId, Remembered> balances = new ConcurrentHashMap<>();
    private final Map<Duration, Cohort> cohorts = new ConcurrentHashMap<>();
    private final Map<UserId, ReadAhead> readsAhead = new ConcurrentHashMap<>();
    private final ExecutorService readAhead = Executors.newFixedThreadPool(
            PREFETCH_THREADS,
            Thread.ofPlatform().daemon().name("balance-read-ahead-", 0).factory());
    private volatile Map<String, ContractSpec> contracts = Map.of();
    private volatile Instant contractsReadAt = Instant.EPOCH;

    @Autowired
    public DefaultExchangeAccess(
            Exchange market,
            Exchanges exchanges,
            CredentialsProvider credentials,
            @Value("${trenddesk.trading.exchange-timeout:15s}") Duration timeout) {
        this(market, exchanges, credentials, timeout, Clock.systemUTC());
    }

    /** Over one exchange, which is also the market-data one. */
    public DefaultExchangeAccess(Exchange exchange, CredentialsProvider credentials, Duration timeout) {
        this(exchange, Exchanges.of(exchange), credentials, timeout, Clock.systemUTC());
    }

    /** Over one exchange, which is also the market-data one. */
    public DefaultExchangeAccess(Exchange exchange, CredentialsProvider credentials, Duration timeout, Clock clock) {
        this(exchange, Exchanges.of(exchange), credentials, timeout, clock);
    }

    public DefaultExchangeAccess(
            Exchange market, Exchanges exchanges, CredentialsProvider credentials, Duration timeout, Clock clock) {
        this.market = market;
        this.exchanges = exchanges;
        this.credentials = credentials;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** A connection with the user's verified credentials. */
    public TradingConnection client(UserId userId) {
        return keyedClient(userId).client();
    }

    /**
     * A client with the user's verified credentials at the exchange they are recorded with, and which key that
     * is: a fingerprint (SHA-256 of the API key, never the key itself), so a holder of a long-lived resource (a
     * user data stream) notices when the trader's verified key has changed. A key recorded with an exchange this
     * process has no adapter for fails as {@link ExchangeUnavailable} naming it (caused by
     * {@link Exchanges.UnknownExchangeException}).
     */
    public KeyedClient keyedClient(UserId userId) {
        VerifiedKey verified;
        try {
            verified = credentials.verifiedKey(userId).block(timeout);
        } catch (RuntimeException e) {
            throw new ExchangeUnavailable(
                    0, "the " + market.displayName() + " credentials could not be read: " + e.getMessage(), e);
        }
        if (verified == null) {
            throw ExchangeUnavailable.noCredentials(market.displayName());
        }
        Exchange exchange;
        try {
            exchange = exchanges.get(verified.exchange());
        } catch (Exchanges.UnknownExchangeException e) {
            throw new ExchangeUnavailable(
                    0,
                    "the verified key is recorded with " + verified.exchange().displayName() + ": " + e.getMessage(),
                    e);
        }
        ExchangeKey apiCredentials = verified.key();
        return new KeyedClient(exchange.connect(apiCredentials), fingerprint(apiCredentials.apiKey()));
    }

    /** The exchange's name for people, e.g. "BingX". */
    public String exchangeName() {
        return market.displayName();
    }

    /** A connection and the fingerprint of the key it signs with. */
    public record KeyedClient(TradingConnection client, String keyFingerprint) {}

    private static String fingerprint(String apiKey) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(apiKey.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The first user to ask for a new close of a timeframe starts reading the balances of everyone who asked for
     * the previous close of that timeframe in this process, {@value #PREFETCH_THREADS} at a time. A trading saga
     * processor handles one candle for all the sagas of a segment in turn and stores their orders only when the last
     * is done; read one after the other, each saga's balance request lengthened that wait (docs/benchmarks/trading.md,
     * "Balances read ahead"). A user whose read is on its way waits for it; one whose read failed, or whose balance a
     * fill forgot meanwhile, reads again. A user who stopped asking costs one read more.
     */
    @Override
    public ExchangeBalance balance(UserId userId, Instant candleClose, Duration timeframe) {
        readAheadForPeers(userId, candleClose, timeframe);
        ExchangeBalance known = remembered(userId, candleClose);
        if (known != null) {
            return known;
        }
        ReadAhead ahead = readsAhead.get(userId);
        if (ahead != null && ahead.candleClose().equals(candleClose)) {
            try {
                ahead.done().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // read below
            }
            known = remembered(userId, candleClose);
            if (known != null) {
                return known;
            }
        }
        return read(userId, candleClose);
    }

    private ExchangeBalance remembered(UserId userId, Instant candleClose) {
        Remembered last = balances.get(userId);
        return last != null && last.balance() != null && candleClose.equals(last.candleClose()) ? last.balance() : null;
    }

    @Override
    public void expectBalanceRequests(UserId userId, Duration timeframe) {
        Cohort cohort = cohorts.computeIfAbsent(timeframe, t -> new Cohort());
        synchronized (cohort) {
            cohort.members.add(userId);
        }
    }

    private void readAheadForPeers(UserId userId, Instant candleClose, Duration timeframe) {
        Cohort cohort = cohorts.computeIfAbsent(timeframe, t -> new Cohort());
        List<UserId> peers = new ArrayList<>();
        synchronized (cohort) {
            if (candleClose.isAfter(cohort.close)) {
                cohort.members.remove(userId);
                peers.addAll(cohort.members);
                cohort.members.clear();
                cohort.close = candleClose;
            }
            if (candleClose.equals(cohort.close)) {
                cohort.members.add(userId);
            }
        }
        for (UserId peer : peers) {
            ReadAhead ahead = new ReadAhead(candleClose, new CompletableFuture<>());
            readsAhead.put(peer, ahead);
            try {
                readAhead.execute(() -> {
                    try {
                        read(peer, candleClose);
                    } catch (RuntimeException e) {
                        log.debug("Balance of {} not read ahead: {}", peer, e.getMessage());
                    } finally {
                        ahead.done().complete(null);
                        readsAhead.remove(peer, ahead);
                    }
                });
            } catch (RejectedExecutionException stopping) {
                ahead.done().complete(null);
                readsAhead.remove(peer, ahead);
            }
        }
    }

    /** The users who asked for a balance for the latest close of one timeframe. */
    private static final class Cohort {
        private Instant close = Instant.EPOCH;
        private final Set<UserId> members = new HashSet<>();
    }

    /** A balance read started ahead of the user's own request, done once it is remembered or failed. */
    private record ReadAhead(Instant candleClose, CompletableFuture<Void> done) {}

    @PreDestroy
    void stopReadingAhead() {
        readAhead.shutdownNow();
    }

    @Override
    public ExchangeBalance readBalance(UserId userId) {
        Remembered last = balances.get(userId);
        return read(userId, last == null || last.balance() == null ? null : last.candleClose());
    }

    /** Reads BingX and remembers the balance as fresh for the decisions on {@code candleClose} (null: none). */
    private ExchangeBalance read(UserId userId, Instant candleClose) {
        Instant asked = clock.instant();
        AccountBalance read = call(client(userId).balance(), "read the balance");
        ExchangeBalance balance = new ExchangeBalance(read.equity(), read.availableMargin());
        // a fill forgotten while this read was on its way may not be in it: then nothing is remembered
        balances.compute(
                userId,
                (user, known) ->
                        known != null && known.balance() == null && known.at().isAfter(asked)
                                ? known
                                : new Remembered(balance, asked, candleClose));
        return balance;
    }

    @Override
    public void forgetBalance(UserId userId) {
        balances.put(userId, new Remembered(null, clock.instant(), null));
    }

    /**
     * A balance, when it was asked for (wall clock, the start of the request) and the candle close (market time)
     * it is fresh for; or — without a balance — when it was forgotten.
     */
    private record Remembered(ExchangeBalance balance, Instant at, Instant candleClose) {}

    @Override
    public ContractRules rules(String symbol) {
        ContractSpec contract = contract(symbol);
        BigDecimal takerFee =
                contract.takerFeeRate() == null || contract.takerFeeRate().signum() < 0
                        ? ContractRules.DEFAULT_TAKER_FEE_RATE
                        : contract.takerFeeRate();
        return new ContractRules(
                contract.pricePrecision(),
                BigDecimal.ONE.movePointLeft(contract.quantityPrecision()),
                contract.minQuantity(),
                contract.minNotional() == null ? BigDecimal.ZERO : contract.minNotional(),
                takerFee);
    }

    ContractSpec contract(String symbol) {
        if (!contracts.containsKey(symbol)
                || contractsReadAt.plus(CONTRACTS_TTL).isBefore(Instant.now())) {
            synchronized (this) {
                if (!contracts.containsKey(symbol)
                        || contractsReadAt.plus(CONTRACTS_TTL).isBefore(Instant.now())) {
                    List<ContractSpec> all = call(market.marketData().contracts(), "read the contracts");
                    contracts = all.stream()
                            .collect(Collectors.toMap(
                                    ContractSpec::symbol, Function.identity(), (a, b) -> a, ConcurrentHashMap::new));
                    contractsReadAt = Instant.now();
                }
            }
        }
        ContractSpec contract = contracts.get(symbol);
        if (contract == null) {
            throw new ExchangeUnavailable(
                    109400, symbol + " is not a contract " + market.displayName() + " lists", null);
        }
        return contract;
    }

    @Override
    public Preparation prepare(UserId userId, PositionMode mode, int leverage, List<String> symbols) {
        TradingConnection client = client(userId);
        PositionMode current = call(client.positionMode(), "read the position mode");
        StringBuilder note = new StringBuilder();
        PositionMode effective = mode;
        if (current != mode) {
            try {
                call(client.setPositionMode(mode), "set the position mode");
                note.append("position mode set to ").append(mode);
            } catch (ExchangeUnavailable refused) {
                if (!(refused.getCause() instanceof ExchangeException e
                        && e.kind() == ExchangeException.Kind.POSITION_MODE_LOCKED)) {
                    throw refused;
                }
                effective = current == PositionMode.HEDGE ? PositionMode.HEDGE : PositionMode.ONE_WAY;
                note.append("position mode stays ")
                        .append(effective)
                        .append(": ")
                        .append(market.displayName())
                        .append(" refused the switch while positions or orders are open (")
                        .append(refused.code())
                        .append(")");
            }
        } else {
            note.append("position mode already ").append(mode);
        }
        List<ExchangePositionSide> sides = effective == PositionMode.HEDGE
                ? List.of(ExchangePositionSide.LONG, ExchangePositionSide.SHORT)
                : List.of(ExchangePositionSide.BOTH);
        for (String symbol : symbols) {
            for (ExchangePositionSide side : sides) {
                call(client.setLeverage(symbol, side, leverage), "set the leverage of " + symbol);
            }
        }
        note.append("; leverage ").append(leverage).append("x on ").append(String.join(", ", symbols));
        return new Preparation(effective, note.toString());
    }

    /**
     * One idempotent call (reads, and settings that set a value), waiting at most the exchange timeout.
     * A rate-limit refusal means the exchange did not act on the request, so it is sent again after the wait
     * the exchange asked for (or a growing backoff), up to {@value #RATE_LIMITED_RETRIES} times.
     */
    private <T> T call(Mono<T> call, String what) {
        try {
            return call.retryWhen(RateLimitedRetry.of(RATE_LIMITED_RETRIES, RATE_LIMITED_BACKOFF))
                    .block(timeout);
        } catch (ExchangeException e) {
            throw new ExchangeUnavailable(
                    e.code(), market.displayName() + " could not " + what + ": " + describe(e), e);
        } catch (RuntimeException e) {
            throw new ExchangeUnavailable(0, market.displayName() + " could not " + what + ": " + e.getMessage(), e);
        }
    }

    /** An exchange's refusal as it described it (code, HTTP status and message). */
    static String describe(ExchangeException e) {
        return e.getMessage();
    }
}
