package dev.trenddesk.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the recorded market data shipped in the ta4j-examples jar: ETH 5-minute candles (JSON) and
 * Bitstamp BTC trades (CSV) aggregated into 5-minute candles. Periods without trades become flat
 * candles at the previous close with zero volume.
 */
final class RecordedCandles {

    static final long PERIOD_MILLIS = 5 * 60_000L;
    private static final int VOLUME_SCALE = 4;

    private RecordedCandles() {}

    static List<Candle> load(Contract contract) {
        String resource = contract.recordingResource();
        try (InputStream in = RecordedCandles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("recorded data not on the classpath: " + resource);
            }
            return resource.endsWith(".json") ? fromOhlcJson(in, contract) : fromTradesCsv(in, contract);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static List<Candle> fromOhlcJson(InputStream in, Contract contract) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        List<Candle> candles = new ArrayList<>();
        for (JsonNode row : root.path("ohlc")) {
            long openTime = row.path("endTime").asLong() + 1 - PERIOD_MILLIS;
            candles.add(new Candle(
                    openTime,
                    price(row, "openPrice", contract),
                    price(row, "highPrice", contract),
                    price(row, "lowPrice", contract),
                    price(row, "closePrice", contract),
                    row.path("volume").decimalValue().setScale(VOLUME_SCALE, RoundingMode.HALF_UP)));
        }
        return candles;
    }

    private static BigDecimal price(JsonNode row, String field, Contract contract) {
        return contract.roundPrice(row.path(field).decimalValue());
    }

    private static List<Candle> fromTradesCsv(InputStream in, Contract contract) throws IOException {
        List<Candle> candles = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        reader.readLine(); // header: timestamp,price,amount
        long bucket = Long.MIN_VALUE;
        BigDecimal open = null;
        BigDecimal high = null;
        BigDecimal low = null;
        BigDecimal close = null;
        BigDecimal volume = BigDecimal.ZERO;
        String line;
        while ((line = reader.readLine()) != null) {
            String[] cells = line.split(",");
            if (cells.length < 3) {
                continue;
            }
            long time = Long.parseLong(cells[0].trim()) * 1000;
            long tradeBucket = Math.floorDiv(time, PERIOD_MILLIS) * PERIOD_MILLIS;
            BigDecimal price = contract.roundPrice(new BigDecimal(cells[1].trim()));
            BigDecimal amount = new BigDecimal(cells[2].trim());
            if (tradeBucket != bucket) {
                if (open != null) {
                    candles.add(new Candle(bucket, open, high, low, close, scaleVolume(volume)));
                    for (long gap = bucket + PERIOD_MILLIS; gap < tradeBucket; gap += PERIOD_MILLIS) {
                        candles.add(
                                new Candle(gap, close, close, close, close, BigDecimal.ZERO.setScale(VOLUME_SCALE)));
                    }
                }
                bucket = tradeBucket;
                open = price;
                high = price;
                low = price;
                volume = BigDecimal.ZERO;
            }
            high = high.max(price);
            low = low.min(price);
            close = price;
            volume = volume.add(amount);
        }
        if (open != null) {
            candles.add(new Candle(bucket, open, high, low, close, scaleVolume(volume)));
        }
        return candles;
    }

    private static BigDecimal scaleVolume(BigDecimal volume) {
        return volume.setScale(VOLUME_SCALE, RoundingMode.HALF_UP);
    }
}
