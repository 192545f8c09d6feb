package dev.trenddesk.simulator;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Market time and the replays of every listed symbol. Not thread-safe: {@link Exchange} serialises
 * every call.
 */
final class Market {

    private static final Logger LOG = LoggerFactory.getLogger(Market.class);

    private final ClockMode mode;
    private final int speed;
    private final LongSupplier wallClock;
    private final long wallStart;
    private final long marketStart;
    private long steppedTime;
    private final Map<String, SymbolReplay> replays = new LinkedHashMap<>();

    Market(SimulatorConfig config, LongSupplier wallClock) {
        this(config, wallClock, null);
    }

    /**
     * A market continuing {@code saved} when given: the clock resumes at the saved market time (in every
     * mode; an accelerated clock does not jump ahead by the downtime, and {@code marketStart} is ignored)
     * and every replay continues the same candle series.
     */
    Market(SimulatorConfig config, LongSupplier wallClock, SavedState.MarketState saved) {
        this.mode = config.clockMode();
        this.speed = mode == ClockMode.ACCELERATED ? config.speed() : 1;
        this.wallClock = wallClock;
        this.wallStart = wallClock.getAsLong();
        long startAt =
                saved != null ? saved.marketTime() : config.marketStart() == null ? wallStart : config.marketStart();
        long liveOpen = Math.floorDiv(startAt, SymbolReplay.PERIOD_MILLIS) * SymbolReplay.PERIOD_MILLIS;
        this.marketStart = mode == ClockMode.STEPPED && saved == null ? liveOpen : startAt;
        this.steppedTime = saved != null ? startAt : liveOpen;
        for (Contract contract : Contract.ALL) {
            List<Candle> candles = config.candleOverrides().containsKey(contract.symbol())
                    ? config.candleOverrides().get(contract.symbol())
                    : RecordedCandles.load(contract);
            SavedState.ReplayState replay = saved == null
                    ? null
                    : saved.replays().stream()
                            .filter(r -> r.symbol().equals(contract.symbol()))
                            .findFirst()
                            .orElse(null);
            if (replay != null && replay.recordedCandles() != candles.size()) {
                LOG.warn(
                        "{} was saved over a recording of {} candles and now replays {}: its candles after the"
                                + " restart differ from those before",
                        contract.symbol(),
                        replay.recordedCandles(),
                        candles.size());
            }
            replays.put(
                    contract.symbol(),
                    replay != null
                            ? new SymbolReplay(contract, candles, replay)
                            : new SymbolReplay(contract, candles, liveOpen, config.historyCandles()));
        }
    }

    /** The clock position and every replay, for {@link StateFile}. */
    SavedState.MarketState saved() {
        return new SavedState.MarketState(
                mode.name(),
                time(),
                replays.values().stream().map(SymbolReplay::saved).toList());
    }

    ClockMode mode() {
        return mode;
    }

    int speed() {
        return speed;
    }

    /** Current market time, epoch milliseconds. */
    long time() {
        return mode == ClockMode.STEPPED ? steppedTime : marketStart + (wallClock.getAsLong() - wallStart) * speed;
    }

    SymbolReplay replay(String symbol) {
        return replays.get(symbol);
    }

    Collection<SymbolReplay> replays() {
        return replays.values();
    }

    /** Moves every replay up to the current market time. */
    void advance(SymbolReplay.Listener listener) {
        long now = time();
        for (SymbolReplay replay : replays.values()) {
            replay.advanceTo(now, listener);
        }
    }

    /** Stepped mode: moves market time forward by {@code candles} whole periods, candle by candle. */
    void step(int candles, SymbolReplay.Listener listener) {
        if (mode != ClockMode.STEPPED) {
            throw new IllegalStateException("the clock is " + mode + ", not STEPPED");
        }
        for (int i = 0; i < candles; i++) {
            steppedTime += SymbolReplay.PERIOD_MILLIS;
            advance(listener);
        }
    }
}
