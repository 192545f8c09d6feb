package dev.trenddesk.simulator;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kline intervals the simulator can serve: every interval a trader can choose on the platform. Each
 * divides a UTC day, so a candle opens at a multiple of its length counted from the epoch, as BingX
 * aligns them (1h on the hour, 1d at 00:00 UTC). Intervals of 5m and more are aggregates of the replayed
 * 5m candles; 1m and 3m are cut from the intra-candle price path.
 */
enum KlineInterval {
    M1("1m", 60_000L),
    M3("3m", 180_000L),
    M5("5m", 300_000L),
    M15("15m", 900_000L),
    M30("30m", 1_800_000L),
    H1("1h", 3_600_000L),
    H2("2h", 7_200_000L),
    H4("4h", 14_400_000L),
    H6("6h", 21_600_000L),
    H8("8h", 28_800_000L),
    H12("12h", 43_200_000L),
    D1("1d", 86_400_000L);

    static final List<String> CODES =
            Arrays.stream(values()).map(KlineInterval::code).toList();

    private final String code;
    private final long millis;

    KlineInterval(String code, long millis) {
        this.code = code;
        this.millis = millis;
    }

    String code() {
        return code;
    }

    long millis() {
        return millis;
    }

    /** Open time of the candle of this interval that contains {@code time}. */
    long openOf(long time) {
        return Math.floorDiv(time, millis) * millis;
    }

    /** True for 1m and 3m, which are cut from the price path inside the 5m candles. */
    boolean belowReplayPeriod() {
        return millis < SymbolReplay.PERIOD_MILLIS;
    }

    static Optional<KlineInterval> of(String code) {
        return Arrays.stream(values()).filter(i -> i.code.equals(code)).findFirst();
    }
}
