package dev.trenddesk.strategy.trading;

import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.ExchangeBalance;
import dev.trenddesk.bingx.ApiCredentials;
import dev.trenddesk.bingx.BingxClient;
import dev.trenddesk.bingx.BingxClientFactory;
import dev.trenddesk.bingx.error.BingxException;
import dev.trenddesk.bingx.model.Balance;
import dev.trenddesk.bingx.model.Contract;
import dev.trenddesk.bingx.model.PositionSide;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import dev.trenddesk.strategy.decision.ContractRules;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** {@link ExchangeAccess} over the platform's one {@link BingxClientFactory} and the user's verified credentials. */
@Component
public class BingxExchangeAccess implements ExchangeAccess {

    private static final Duration CONTRACTS_TTL = Duration.ofHours(1);

    private final BingxClientFactory factory;
    private final CredentialsProvider credentials;
    private final Duration timeout;
    private volatile Map<String, Contract> contracts = Map.of();
    private volatile Instant contractsReadAt = Instant.EPOCH;

    public BingxExchangeAccess(BingxClientFactory factory, CredentialsProvider credentials,
                               @Value("${trenddesk.trading.exchange-timeout:15s}") Duration timeout) {
        this.factory = factory;
        this.credentials = credentials;
        this.timeout = timeout;
    }

    /** A client with the user's verified credentials. */
    public BingxClient client(UserId userId) {
        ApiCredentials apiCredentials;
        try {
            apiCredentials = credentials.verifiedCredentials(userId).block(timeout);
        } catch (RuntimeException e) {
            throw new ExchangeUnavailable(0, "the BingX credentials could not be read: " + e.getMessage(), e);
        }
        if (apiCredentials == null) {
            throw ExchangeUnavailable.noCredentials();
        }
        return factory.client(apiCredentials);
    }

    @Override
    public ExchangeBalance balance(UserId userId) {
        Balance balance = call(client(userId).balance(), "read the balance");
        return new ExchangeBalance(balance.equity(), balance.availableMargin());
    }

    @Override
    public ContractRules rules(String symbol) {
        Contract contract = contract(symbol);
        return new ContractRules(contract.pricePrecision(), BigDecimal.ONE.movePointLeft(contract.quantityPrecision()),
                contract.tradeMinQuantity(), contract.tradeMinUSDT() == null ? BigDecimal.ZERO : contract.tradeMinUSDT());
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

    private <T> T call(reactor.core.publisher.Mono<T> call, String what) {
        try {
            return call.block(timeout);
        } catch (BingxException e) {
            throw new ExchangeUnavailable(e.code(), "BingX could not " + what + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ExchangeUnavailable(0, "BingX could not " + what + ": " + e.getMessage(), e);
        }
    }
}
