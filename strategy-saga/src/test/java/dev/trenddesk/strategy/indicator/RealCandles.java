package dev.trenddesk.strategy.indicator;

import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.strategy.backtest.CandleFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The real candle files shipped at the root of the org.ta4j:ta4j-examples jar. */
public final class RealCandles {

    /** 580 ETH/USD 5-minute candles, 2023-03-13 18:00 to 2023-03-15 18:15 UTC. */
    public static final String ETH_5M = "ETH-USD-PT5M-2023-3-13_2023-3-15.json";
    /** 100,000 Bitstamp BTC/USD trades from 2013-11-25. */
    public static final String BITSTAMP_TRADES = "bitstamp_trades_from_20131125_usd.csv";

    private RealCandles() {}

    /** The text of a file at the ta4j-examples jar root. */
    public static String text(String resource) {
        try (InputStream in = RealCandles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath (org.ta4j:ta4j-examples)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 580 ETH 5m candles, oldest first. */
    public static List<Candle> eth5m() {
        return CandleFileReader.parse(text(ETH_5M), Timeframe.M5).candles();
    }

    /** The ETH candles replayed {@code passes} times, each pass shifted in time to follow the previous one. */
    public static List<Candle> eth5mReplayed(int passes) {
        List<Candle> eth = eth5m();
        Duration pass = Duration.ofMinutes(5L * eth.size());
        List<Candle> out = new ArrayList<>(eth.size() * passes);
        for (int p = 0; p < passes; p++) {
            for (Candle c : eth) {
                out.add(new Candle(
                        c.openTime().plus(pass.multipliedBy(p)), c.open(), c.high(), c.low(), c.close(), c.volume()));
            }
        }
        return out;
    }
}
