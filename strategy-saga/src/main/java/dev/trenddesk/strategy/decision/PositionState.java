package dev.trenddesk.strategy.decision;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The positions a trader holds across symbols: at most one per symbol. */
public record PositionState(List<OpenPosition> open) {

    public PositionState {
        open = List.copyOf(open);
        Set<String> symbols = new HashSet<>();
        for (OpenPosition position : open) {
            if (!symbols.add(position.symbol())) {
                throw new IllegalArgumentException("more than one position on " + position.symbol());
            }
        }
    }

    /** No position open. */
    public static PositionState none() {
        return new PositionState(List.of());
    }

    /** The position on a symbol, if one is open. */
    public Optional<OpenPosition> on(String symbol) {
        return open.stream()
                .filter(position -> position.symbol().equals(symbol))
                .findFirst();
    }

    /** Number of open positions. */
    public int count() {
        return open.size();
    }
}
