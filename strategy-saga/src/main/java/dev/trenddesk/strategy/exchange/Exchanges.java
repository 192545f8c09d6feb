package dev.trenddesk.strategy.exchange;

import dev.trenddesk.api.common.ExchangeName;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The exchange adapters of this process by the name credentials and sessions record ({@link ExchangeName}):
 * every {@link Exchange} bean registers itself by its {@link Exchange#name()}. Whoever acts for a trader asks
 * for the adapter of the exchange recorded with the trader's key; a name no adapter answers to is a clear
 * failure ({@link UnknownExchangeException}), never another exchange in its place.
 */
@Component
public class Exchanges {

    private final Map<ExchangeName, Exchange> byName;

    /**
     * @throws IllegalStateException when an adapter's name is not an {@link ExchangeName} or two adapters share one
     */
    @Autowired
    public Exchanges(List<Exchange> adapters) {
        Map<ExchangeName, Exchange> named = new EnumMap<>(ExchangeName.class);
        for (Exchange adapter : adapters) {
            ExchangeName name = Arrays.stream(ExchangeName.values())
                    .filter(n -> n.name().equals(adapter.name()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the exchange adapter "
                            + adapter.getClass().getName() + " is named '" + adapter.name()
                            + "', which is no ExchangeName (" + ExchangeName.wireValues() + "): add the name there"));
            Exchange before = named.putIfAbsent(name, adapter);
            if (before != null) {
                throw new IllegalStateException("two exchange adapters are named " + name + ": "
                        + before.getClass().getName() + " and "
                        + adapter.getClass().getName());
            }
        }
        this.byName = Collections.unmodifiableMap(named);
    }

    /** The adapters given, e.g. one for a test. */
    public static Exchanges of(Exchange... adapters) {
        return new Exchanges(List.of(adapters));
    }

    /**
     * The adapter of the exchange named.
     *
     * @throws UnknownExchangeException when this process has no adapter of that name (or the name is null)
     */
    public Exchange get(ExchangeName name) {
        Exchange exchange = name == null ? null : byName.get(name);
        if (exchange == null) {
            throw new UnknownExchangeException(name, byName.keySet());
        }
        return exchange;
    }

    /** The names this process has adapters for. */
    public java.util.Set<ExchangeName> names() {
        return byName.keySet();
    }

    /** No adapter of this process answers to the recorded exchange name. */
    public static final class UnknownExchangeException extends IllegalStateException {

        UnknownExchangeException(ExchangeName name, java.util.Set<ExchangeName> known) {
            super(
                    name == null
                            ? "no exchange is recorded (the adapters here: " + known + ")"
                            : "no exchange adapter is named " + name + " in this process (the adapters here: " + known
                                    + ")");
        }
    }
}
