package dev.trenddesk.gateway.web.backtest;

import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.strategy.backtest.CandleFileReader;
import dev.trenddesk.strategy.backtest.CandleFileReader.CandleFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * The shipped data sets, read from the classpath once per (data set, timeframe) and kept: the BTC
 * recording is 4.4 MB of trades, too slow to fold again on every request.
 */
@Component
class ShippedCandles {

    private record Key(Dataset dataset, Timeframe timeframe) {}

    private final ConcurrentMap<Key, CandleFile> cache = new ConcurrentHashMap<>();

    /** The data set's candles; {@code timeframe} is the period trades are folded into. */
    public CandleFile candles(Dataset dataset, Timeframe timeframe) {
        Timeframe period = dataset.fixedTimeframe() != null ? dataset.fixedTimeframe() : timeframe;
        return cache.computeIfAbsent(new Key(dataset, period), key -> CandleFileReader.parse(read(dataset), period));
    }

    private static String read(Dataset dataset) {
        try (InputStream in = ShippedCandles.class.getClassLoader().getResourceAsStream(dataset.resource())) {
            if (in == null) {
                throw new IllegalStateException(
                        "the " + dataset.symbol() + " data set (" + dataset.resource() + ") is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dataset.resource(), e);
        }
    }
}
