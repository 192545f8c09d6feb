package dev.trenddesk.strategy.trading;

import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.ExchangeBalance;
import dev.trenddesk.bingx.ApiCredentials;
import dev.trenddesk.bingx.BingxClient;
import dev.trenddesk.bingx.BingxClientFactory;
import dev.trenddesk.bingx.RateLimitRetry;
import dev.trenddesk.bingx.error.BingxException;
import dev.trenddesk.bingx.model.Balance;
import dev.trenddesk.bingx.model.Contract;
import dev.trenddesk.bingx.model.PositionSide;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import dev.trenddesk.strategy.decision.ContractRules;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@link ExchangeAccess} over the platform's one {@link BingxClientFactory} and the user's verified credentials. */
@Component
public class BingxExchangeAccess implements ExchangeAccess {

    private static final Duration CONTRACTS_TTL = Duration.ofHours(1);
    private static final int RATE_LIMITED_RETRIES = 4;
    private static final Duration RATE_LIMITED_BACKOFF = Duration.ofMillis(500);

    private final BingxClientFactory factory;
    private final CredentialsProvider credentials;
    private final Duration timeout;
    private final Clock clock;
    private final Map<UserId, Remembered> balances = new ConcurrentHashMap<>();
    private volatile Map<String, Contract> contracts = Map.of();
    private volatile Instant contractsReadAt = Instant.EPOCH;

    @Autowired
    public BingxExchangeAccess(BingxClientFactory factory, CredentialsProvider credentials,
                               @Value("${trenddesk.trading.exchange-timeout:15s}") Duration timeout) {
        this(factory, credentials, timeout, Clock.systemUTC());
    }

    BingxExchangeAccess(BingxClientFactory factory, CredentialsProvider credentials, Duration timeout, Clock clock) {
        this.factory = factory;
        this.credentials = credentials;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** A client with the user's verified credentials. */
    public BingxClient client(UserId userId) {
        return keyedClient(userId).client();
    }

    /**
     * A client with the user's verified credentials, and which key that is: a fingerprint (SHA-256 of
     * the API key, never the key itself), so a holder of a long-lived resource (a user data stream)
     * notices when the trader's verified key has changed.
     */
    public KeyedClient keyedClient(UserId userId) {
        ApiCredentials apiCredentials;
        try {
            apiCredentials = credentials.verifiedCredentials(userId).block(timeout);
        } catch (RuntimeException e) {
            throw new ExchangeUnavailable(0, "the BingX credentials could not be read: " + e.getMessage(), e);
        }
        if (apiCredentials == null) {
            throw ExchangeUnavailable.noCredentials();
        }
        return new KeyedClient(factory.client(apiCredentials), fingerprint(apiCredentials.apiKey()));
    }

    /** A client and the fingerprint of the key it signs with. */
    public record KeyedClient(BingxClient client, String keyFingerprint) {
    }

    private static String fingerprint(String apiKey) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(apiKey.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ExchangeBalance balance(UserId userId, Instant candleClose) {
        Remembered last = balances.get(userId);
        if (last != null && last.balance() != null && candleClose.equals(last.candleClose())) {
            return last.balance();
        }
        return read(userId, candleClose);
    }

    @Override
    public ExchangeBalance readBalance(UserId userId) {
        Remembered last = balances.get(userId);
        return read(userId, last == null || last.balance() == null ? null : last.candleClose());
    }

    /** Reads BingX and remembers the balance as fresh for the decisions on {@code candleClose} (null: none). */
    private ExchangeBalance read(UserId userId, Instant candleClose) {
        Instant asked = clock.instant();
        Balance read = call(client(userId).balance(), "read the balance");
        ExchangeBalance balance = new ExchangeBalance(read.equity(), read.availableMargin());
        // a fill forgotten while this read was on its way may not be in it: then nothing is remembered
        balances.compute(userId, (user, known) -> known != null && known.balance() == null && known.at().isAfter(asked)
                ? known : new Remembered(balance, asked, candleClose));
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
    private record Remembered(ExchangeBalance balance, Instant at, Instant candleClose) {
    }

    @Override
    public ContractRules rules(String symbol) {
        Contract contract = contract(symbol);
        BigDecimal takerFee = contract.takerFeeRate() == null || contract.takerFeeRate().signum() < 0
                ? ContractRules.DEFAULT_TAKER_FEE_RATE : contract.takerFeeRate();
        return new ContractRules(contract.pricePrecision(), BigDecimal.ONE.movePointLeft(contract.quantityPrecision()),
                contract.tradeMinQuantity(), contract.tradeMinUSDT() == null ? BigDecimal.ZERO : contract.tradeMinUSDT(),
                takerFee);
    }

    Contract contract(String symbol) {
        if (!contracts.containsKey(symbol) || contractsReadAt.plus(CONTRACTS_TTL).isBefore(Instant.now())) {
            synchronized (this) {
                if (!contracts.containsKey(symbol) || contractsReadAt.plus(CONTRACTS_TTL).isBefore(Instant.now())) {
                    List<Contract> all = call(factory.publicClient().contracts(), "read the contracts");
                    contracts = all.stream().collect(Collectors.toMap(Contract::symbol, Function.identity(), (a, b) -> a,
                            ConcurrentHashMap::new));
                    contractsReadAt = Instant.now();
                }
            }
        }
        Contract contract = contracts.get(symbol);
        if (contract == null) {
            throw new ExchangeUnavailable(109400, symbol + " is not a contract BingX lists", null);
        }
        return contract;
    }

    @Override
    public Preparation prepare(UserId userId, PositionMode mode, int leverage, List<String> symbols) {
        BingxClient client = client(userId);
        dev.trenddesk.bingx.model.PositionMode wanted = mode == PositionMode.HEDGE
                ? dev.trenddesk.bingx.model.PositionMode.HEDGE : dev.trenddesk.bingx.model.PositionMode.ONE_WAY;
        dev.trenddesk.bingx.model.PositionMode current = call(client.positionMode(), "read the position mode");
        StringBuilder note = new StringBuilder();
        PositionMode effective = mode;
        if (current != wanted) {
            try {
                call(client.setPositionMode(wanted), "set the position mode");
                note.append("position mode set to ").append(mode);
            } catch (ExchangeUnavailable refused) {
                if (refused.code() != 109401) {
                    throw refused;
                }
                effective = current == dev.trenddesk.bingx.model.PositionMode.HEDGE ? PositionMode.HEDGE : PositionMode.ONE_WAY;
                note.append("position mode stays ").append(effective)
                        .append(": BingX refused the switch while positions or orders are open (109401)");
            }
        } else {
            note.append("position mode already ").append(mode);
        }
        List<PositionSide> sides = effective == PositionMode.HEDGE ? List.of(PositionSide.LONG, PositionSide.SHORT)
                : List.of(PositionSide.BOTH);
        for (String symbol : symbols) {
            for (PositionSide side : sides) {
                call(client.setLeverage(symbol, side, leverage), "set the leverage of " + symbol);
            }
        }
        note.append("; leverage ").append(leverage).append("x on ").append(String.join(", ", symbols));
        return new Preparation(effective, note.toString());
    }

    /**
     * One idempotent call (reads, and settings that set a value), waiting at most the exchange timeout.
     * A rate-limit refusal means BingX did not act on the request, so it is sent again after the wait
     * BingX asked for (or a growing backoff), up to {@value #RATE_LIMITED_RETRIES} times.
     */
    private <T> T call(Mono<T> call, String what) {
        try {
            return call.retryWhen(RateLimitRetry.of(RATE_LIMITED_RETRIES, RATE_LIMITED_BACKOFF)).block(timeout);
        } catch (BingxException e) {
            throw new ExchangeUnavailable(e.code(), "BingX could not " + what + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ExchangeUnavailable(0, "BingX could not " + what + ": " + e.getMessage(), e);
        }
    }
}
