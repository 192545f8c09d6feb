package dev.trenddesk.strategy.feed;

import dev.trenddesk.api.common.FieldViolation;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.market.MarketQueries.CheckMarketData;
import dev.trenddesk.api.market.MarketQueries.MarketDataCheck;
import dev.trenddesk.strategy.exchange.ContractSpec;
import dev.trenddesk.strategy.exchange.Exchange;
import dev.trenddesk.strategy.exchange.ExchangeException;
import dev.trenddesk.strategy.exchange.MarketData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Whether the exchange serves the klines of a (symbol, timeframe), asked before a bot starts or changes
 * its settings, so that a bot never sits RUNNING on a stream that cannot deliver. The probe reads two
 * klines; the exchange refusing the request (an invalid interval or symbol) means "not served". Answers
 * are remembered for {@link #TTL}. An exchange that cannot be asked (network, 5xx, rate limit, timeout)
 * counts as serving, and that answer is not remembered: the probe never blocks a start on its own trouble.
 */
@Component
public class MarketDataProbe {

    static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(MarketDataProbe.class);

    private final Supplier<MarketData> exchange;
    private final Clock clock;
    private final Map<StreamKey, Probed> probed = new ConcurrentHashMap<>();
    private volatile Remembered<Set<String>> contracts;

    private record Probed(boolean served, boolean unknownSymbol, String detail, Instant at) {}

    private record Remembered<T>(T value, Instant at) {}

    @Autowired
    public MarketDataProbe(Exchange exchange) {
        this(exchange::marketData, Clock.systemUTC());
    }

    MarketDataProbe(Supplier<MarketData> exchange, Clock clock) {
        this.exchange = exchange;
        this.clock = clock;
    }

    @QueryHandler
    public MarketDataCheck handle(CheckMarketData query) {
        List<FieldViolation> refused = new ArrayList<>();
        for (String symbol : query.symbols()) {
            Probed answer = probe(symbol, query.timeframe());
            if (answer.served()) {
                continue;
            }
            Set<String> known = contracts();
            boolean noSuchSymbol = known != null ? !known.contains(symbol) : answer.unknownSymbol();
            refused.add(
                    noSuchSymbol
                            ? new FieldViolation("symbols", "the exchange has no perpetual contract " + symbol)
                            : new FieldViolation(
                                    "timeframe",
                                    "the exchange does not serve "
                                            + query.timeframe().code() + " candles of " + symbol + " ("
                                            + answer.detail() + ")"));
        }
        return new MarketDataCheck(refused);
    }

    private Probed probe(String symbol, Timeframe timeframe) {
        StreamKey key = new StreamKey(symbol, timeframe);
        Instant now = clock.instant();
        Probed last = probed.get(key);
        if (last != null && last.at().plus(TTL).isAfter(now)) {
            return last;
        }
        try {
            List<?> rows = exchange.get()
                    .klines(symbol, timeframe.code(), null, null, 2)
                    .block(TIMEOUT);
            Probed answer = rows == null || rows.isEmpty()
                    ? new Probed(false, false, "no candles", now)
                    : new Probed(true, false, "", now);
            probed.put(key, answer);
            return answer;
        } catch (RuntimeException error) {
            if (error instanceof ExchangeException refused && refused.kind().isRefusal()) {
                Probed answer = new Probed(
                        false, refused.kind() == ExchangeException.Kind.UNKNOWN_SYMBOL, refused.exchangeMessage(), now);
                probed.put(key, answer);
                return answer;
            }
            RuntimeException unreachable = error;
            log.warn(
                    "Could not ask the exchange whether it serves {} (counted as served): {}",
                    key,
                    unreachable.toString());
            return new Probed(true, false, "", now);
        }
    }

    /** The exchange's perpetual symbols (remembered for {@link #TTL}), or null when they cannot be read. */
    private Set<String> contracts() {
        Remembered<Set<String>> last = contracts;
        Instant now = clock.instant();
        if (last != null && last.at().plus(TTL).isAfter(now)) {
            return last.value();
        }
        try {
            List<ContractSpec> all = exchange.get().contracts().block(TIMEOUT);
            Set<String> symbols = all == null
                    ? Set.of()
                    : all.stream().map(ContractSpec::symbol).collect(Collectors.toSet());
            contracts = new Remembered<>(symbols, now);
            return symbols;
        } catch (RuntimeException e) {
            log.warn("Could not read the exchange's contracts: {}", e.toString());
            return null;
        }
    }
}
