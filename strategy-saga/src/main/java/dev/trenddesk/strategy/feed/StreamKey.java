package dev.trenddesk.strategy.feed;

import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * One market data stream: a symbol and a timeframe, written {@code ETH-USDT@5m}.
 *
 * @param symbol    BingX perpetual symbol, e.g. {@code ETH-USDT}
 * @param timeframe candle timeframe
 */
public record StreamKey(String symbol, Timeframe timeframe) implements Comparable<StreamKey> {

    public StreamKey {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(timeframe, "timeframe");
        if (!TradingSettings.SYMBOL.matcher(symbol).matches()) {
            throw new IllegalArgumentException("'" + symbol + "' is not a USDT perpetual symbol like BTC-USDT");
        }
    }

    /** Parses {@code SYMBOL@timeframe}, e.g. {@code ETH-USDT@5m}. */
    public static StreamKey parse(String text) {
        String trimmed = Objects.requireNonNull(text, "text").trim();
        int at = trimmed.indexOf('@');
        if (at <= 0 || at == trimmed.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not SYMBOL@timeframe, e.g. ETH-USDT@5m");
        }
        return new StreamKey(trimmed.substring(0, at), Timeframe.fromCode(trimmed.substring(at + 1)));
    }

    /**
     * The PostgreSQL advisory lock key of this stream: the first 8 bytes of SHA-256 over
     * {@code trenddesk.market-feed:SYMBOL@tf}, the same on every node.
     */
    public long lockKey() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("trenddesk.market-feed:" + this).getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                key = key << 8 | (digest[i] & 0xFF);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public int compareTo(StreamKey other) {
        int bySymbol = symbol.compareTo(other.symbol);
        return bySymbol != 0 ? bySymbol : timeframe.compareTo(other.timeframe);
    }

    @Override
    public String toString() {
        return symbol + "@" + timeframe.code();
    }
}
