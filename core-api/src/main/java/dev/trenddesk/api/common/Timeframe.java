package dev.trenddesk.api.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.Arrays;

/** Candle timeframes TrendDesk trades on, written as BingX writes its kline intervals. */
public enum Timeframe {
    M1("1m", Duration.ofMinutes(1)),
    M3("3m", Duration.ofMinutes(3)),
    M5("5m", Duration.ofMinutes(5)),
    M15("15m", Duration.ofMinutes(15)),
    M30("30m", Duration.ofMinutes(30)),
    H1("1h", Duration.ofHours(1)),
    H2("2h", Duration.ofHours(2)),
    H4("4h", Duration.ofHours(4)),
    H6("6h", Duration.ofHours(6)),
    H8("8h", Duration.ofHours(8)),
    H12("12h", Duration.ofHours(12)),
    D1("1d", Duration.ofDays(1));

    private final String code;
    private final Duration duration;

    Timeframe(String code, Duration duration) {
        this.code = code;
        this.duration = duration;
    }

    /** The BingX interval code, e.g. {@code 5m}. */
    @JsonValue
    public String code() {
        return code;
    }

    public Duration duration() {
        return duration;
    }

    @JsonCreator
    public static Timeframe fromCode(String code) {
        return Arrays.stream(values())
                .filter(t -> t.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown timeframe '" + code
                        + "', expected one of 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d"));
    }

    @Override
    public String toString() {
        return code;
    }
}
