package dev.trenddesk.api.platform;

import dev.trenddesk.api.common.FieldViolation;
import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The symbols and timeframes traders may choose, as an admin restricted them. An empty list restricts nothing.
 *
 * @param symbols    the allowed symbols, sorted; empty: every symbol
 * @param timeframes the allowed timeframes, in the enum's order; empty: every timeframe
 */
public record AllowedMarkets(List<String> symbols, List<Timeframe> timeframes) {

    /** The most symbols an admin may list. */
    public static final int MAX_SYMBOLS = 100;

    public AllowedMarkets {
        symbols = symbols == null ? List.of() : List.copyOf(symbols);
        timeframes = timeframes == null ? List.of() : List.copyOf(timeframes);
    }

    /** No restriction (every symbol, every timeframe). */
    public static AllowedMarkets all() {
        return new AllowedMarkets(List.of(), List.of());
    }

    public boolean allows(String symbol) {
        return symbols.isEmpty() || symbols.contains(symbol);
    }

    public boolean allows(Timeframe timeframe) {
        return timeframes.isEmpty() || timeframes.contains(timeframe);
    }

    /**
     * What of {@code next} is not allowed, by field ({@code symbols}, {@code timeframe}), naming the allowed values.
     * Values {@code kept} already has are exempt: a trader whose settings predate a restriction may keep them (and
     * save other changes) but cannot add another disallowed value. {@code kept} null: nothing is exempt.
     */
    public List<FieldViolation> violations(TradingSettings next, TradingSettings kept) {
        List<FieldViolation> out = new ArrayList<>();
        if (next == null) {
            return out;
        }
        List<String> refused = next.symbols() == null
                ? List.of()
                : next.symbols().stream()
                        .filter(s -> s != null && !allows(s))
                        .filter(s -> kept == null
                                || kept.symbols() == null
                                || !kept.symbols().contains(s))
                        .toList();
        if (!refused.isEmpty()) {
            out.add(new FieldViolation(
                    "symbols",
                    String.join(", ", refused) + (refused.size() == 1 ? " is" : " are")
                            + " not allowed on this platform; allowed: " + String.join(", ", symbols)));
        }
        if (next.timeframe() != null
                && !allows(next.timeframe())
                && (kept == null || kept.timeframe() != next.timeframe())) {
            out.add(new FieldViolation(
                    "timeframe",
                    next.timeframe().code() + " is not allowed on this platform; allowed: "
                            + timeframes.stream().map(Timeframe::code).collect(Collectors.joining(", "))));
        }
        return out;
    }

    /** Throws {@link InvalidInputException} (422) naming what of {@code next} is not allowed; see {@link #violations}. */
    public void require(TradingSettings next, TradingSettings kept) {
        List<FieldViolation> found = violations(next, kept);
        if (!found.isEmpty()) {
            throw new InvalidInputException(found);
        }
    }
}
