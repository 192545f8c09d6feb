package dev.trenddesk.strategy.trading;

import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.TradingSessionId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the fill tracker's poll saw in earlier rounds, in {@code trading_poll_mark}, so that a restart
 * does not start the "two polls in a row" counts again: a held position missing at BingX, one of another
 * size at BingX, a BingX position the session did not open. A missing mark belongs to one position (symbol, side and the
 * moment it was opened, {@link #positionKey}): a later position on the same symbol never inherits it.
 * (Marks written before the key held the opening moment are plain symbols; they match no position and
 * are dropped by the next {@link #retainMissing}.)
 */
@Component
public class PollMarks {

    private static final String MISSING = "MISSING";
    private static final String UNKNOWN = "UNKNOWN";
    private static final String SIZE = "SIZE";

    private final JdbcTemplate jdbc;

    public PollMarks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The key of one held position: symbol, side and the moment it was opened (epoch milliseconds), e.g.
     * {@code ETH-USDT/LONG/1733390000000}, so that the next position on the symbol has another key.
     */
    public static String positionKey(String symbol, Direction side, Instant openedAt) {
        return symbol + "/" + side + "/" + (openedAt == null ? "?" : Long.toString(openedAt.toEpochMilli()));
    }

    /** Marks this held position ({@link #positionKey}) missing at BingX; true when it was already missing in an earlier round. */
    public boolean markMissing(TradingSessionId sessionId, String positionKey, Instant at) {
        int inserted = jdbc.update(
                "insert into trading_poll_mark (session_id, kind, mark_key, seen_at) values (?, ?, ?, ?) "
                        + "on conflict do nothing",
                sessionId.value(),
                MISSING,
                positionKey,
                Timestamp.from(at));
        return inserted == 0;
    }

    /** This position ({@link #positionKey}) is at BingX (again), or was dealt with. */
    public void clearMissing(TradingSessionId sessionId, String positionKey) {
        jdbc.update(
                "delete from trading_poll_mark where session_id = ? and kind = ? and mark_key = ?",
                sessionId.value(),
                MISSING,
                positionKey);
    }

    /** Forgets the missing marks of positions ({@link #positionKey}) the session no longer holds. */
    public void retainMissing(TradingSessionId sessionId, Set<String> heldPositionKeys) {
        for (String key : jdbc.queryForList(
                "select mark_key from trading_poll_mark where session_id = ? and kind = ?",
                String.class,
                sessionId.value(),
                MISSING)) {
            if (!heldPositionKeys.contains(key)) {
                clearMissing(sessionId, key);
            }
        }
    }

    /**
     * Marks this held position ({@link #positionKey}) as of another size at BingX than the session believes;
     * true when it already differed in the previous round (a desync, not a fill recorded between the two reads).
     */
    public boolean markSizeDiffers(TradingSessionId sessionId, String positionKey, Instant at) {
        int inserted = jdbc.update(
                "insert into trading_poll_mark (session_id, kind, mark_key, seen_at) values (?, ?, ?, ?) "
                        + "on conflict do nothing",
                sessionId.value(),
                SIZE,
                positionKey,
                Timestamp.from(at));
        return inserted == 0;
    }

    /**
     * Forgets the size marks of this round's positions that agreed with BingX, were not compared, or are no longer
     * held: only the positions in {@code differingKeys} differed in this round.
     */
    public void retainSizeDiffers(TradingSessionId sessionId, Set<String> differingKeys) {
        for (String key : jdbc.queryForList(
                "select mark_key from trading_poll_mark where session_id = ? and kind = ?",
                String.class,
                sessionId.value(),
                SIZE)) {
            if (!differingKeys.contains(key)) {
                jdbc.update(
                        "delete from trading_poll_mark where session_id = ? and kind = ? and mark_key = ?",
                        sessionId.value(),
                        SIZE,
                        key);
            }
        }
    }

    /** The unknown positions (symbol/positionSide) seen in the last round. */
    public Set<String> unknown(TradingSessionId sessionId) {
        return new HashSet<>(jdbc.queryForList(
                "select mark_key from trading_poll_mark where session_id = ? and kind = ?",
                String.class,
                sessionId.value(),
                UNKNOWN));
    }

    /** Replaces the unknown positions of the last round with this round's. */
    public void replaceUnknown(TradingSessionId sessionId, Set<String> seen, Instant at) {
        Set<String> before = unknown(sessionId);
        for (String gone : before) {
            if (!seen.contains(gone)) {
                jdbc.update(
                        "delete from trading_poll_mark where session_id = ? and kind = ? and mark_key = ?",
                        sessionId.value(),
                        UNKNOWN,
                        gone);
            }
        }
        for (String key : seen) {
            if (!before.contains(key)) {
                jdbc.update(
                        "insert into trading_poll_mark (session_id, kind, mark_key, seen_at) values (?, ?, ?, ?) "
                                + "on conflict do nothing",
                        sessionId.value(),
                        UNKNOWN,
                        key,
                        Timestamp.from(at));
            }
        }
    }

    /** The session is no longer watched. */
    public void forget(TradingSessionId sessionId) {
        jdbc.update("delete from trading_poll_mark where session_id = ?", sessionId.value());
    }
}
