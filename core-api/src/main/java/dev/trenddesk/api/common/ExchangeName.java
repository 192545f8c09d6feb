package dev.trenddesk.api.common;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The exchanges the platform knows, as credentials and trading sessions record them. The wire value is the
 * constant's name ({@code "BINGX"}); it is also each exchange adapter's {@code Exchange.name()}. Adding an
 * exchange adds a constant here (an added constant needs no new event revision, see docs/events.md) and an
 * adapter that answers to its name (docs/exchanges.md).
 */
public enum ExchangeName {

    /** BingX USDT-M perpetual futures: every key and session recorded before exchanges were named. */
    BINGX("BingX");

    private final String displayName;

    ExchangeName(String displayName) {
        this.displayName = displayName;
    }

    /** The exchange's name for people, e.g. "BingX". */
    public String displayName() {
        return displayName;
    }

    /**
     * The exchange named {@code value} (its wire value, case-insensitive; surrounding blanks ignored).
     *
     * @throws InvalidInputException naming the field {@code exchange} when no exchange has that name
     */
    public static ExchangeName parse(String value) {
        String name = value == null ? "" : value.strip();
        return Arrays.stream(values())
                .filter(e -> e.name().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("exchange", "must be one of " + wireValues()));
    }

    /** The wire values, comma-separated: "BINGX". */
    public static String wireValues() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
