package dev.trenddesk.strategy.decision;

import dev.trenddesk.api.common.StrategyId;
import dev.trenddesk.api.common.TradingSettings;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The registry of strategies, one per {@link StrategyId}. Every caller (the risk engine, the backtester) finds
 * the strategy of a bot here, by its settings, never by naming a strategy class.
 */
public final class Strategies {

    private static final Map<StrategyId, Strategy<?>> BY_ID = new EnumMap<>(StrategyId.class);

    static {
        register(new AdxTrendStrategy());
        register(new EmaCrossStrategy());
    }

    private Strategies() {}

    private static void register(Strategy<?> strategy) {
        if (BY_ID.put(strategy.id(), strategy) != null) {
            throw new IllegalStateException("two strategies with the id " + strategy.id());
        }
    }

    /**
     * The strategy of an id.
     *
     * @throws IllegalArgumentException when no strategy has that id
     */
    public static Strategy<?> of(StrategyId id) {
        Strategy<?> strategy = BY_ID.get(Objects.requireNonNull(id, "id"));
        if (strategy == null) {
            throw new IllegalArgumentException("no strategy " + id);
        }
        return strategy;
    }

    /** The strategy the settings choose. */
    public static Strategy<?> forSettings(TradingSettings settings) {
        return of(settings.strategy());
    }
}
