package dev.trenddesk.strategy.trading;

import dev.trenddesk.api.trading.TradingSessionId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Deterministic clientOrderIds: {@code td} + the first 38 hex digits of SHA-256 over (session,
 * symbol, decision time, intent). The same decision always gets the same id, so a decision made
 * twice (a redelivered candle, a restart) is one order at BingX; lowercase because BingX lowercases
 * them; 40 characters, BingX's maximum.
 */
public final class ClientOrderIds {

    private ClientOrderIds() {}

    /**
     * The id of one decision.
     *
     * @param decidedAt the candle's open time for strategy decisions, the stop's time for a flatten
     * @param intent    what the order does, e.g. {@code open}, {@code exit}, {@code flatten}
     */
    public static String of(TradingSessionId sessionId, String symbol, Instant decidedAt, String intent) {
        String key = sessionId + "|" + symbol + "|" + decidedAt.toEpochMilli() + "|" + intent;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "td" + HexFormat.of().formatHex(hash).substring(0, 38);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
