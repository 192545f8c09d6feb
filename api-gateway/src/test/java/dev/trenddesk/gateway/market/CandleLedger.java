package dev.trenddesk.gateway.market;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.strategy.feed.StreamKey;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the market feed published, read straight from the database: the dedupe table and the event store. */
final class CandleLedger {

    static final String CANDLE_CLOSED = "dev.trenddesk.api.market.CandleClosed";

    private final JdbcTemplate jdbc;

    CandleLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Open times of the published candles, oldest first. */
    List<Instant> openTimes(StreamKey key) {
        return jdbc.query(
                """
                select open_time from market_candle_published where symbol = ? and timeframe = ? order by open_time
                """,
                (rs, row) -> rs.getTimestamp(1).toInstant(),
                key.symbol(),
                key.timeframe().code());
    }

    long count(StreamKey key, boolean live) {
        return jdbc.queryForObject(
                """
                select count(*) from market_candle_published where symbol = ? and timeframe = ? and live = ?
                """, Long.class, key.symbol(), key.timeframe().code(), live);
    }

    Instant last(StreamKey key) {
        Timestamp last = jdbc.queryForObject(
                "select max(open_time) from market_candle_published where symbol = ? and timeframe = ?",
                Timestamp.class,
                key.symbol(),
                key.timeframe().code());
        return last == null ? null : last.toInstant();
    }

    /** How many CandleClosed events the event store holds per candle open time of this stream. */
    Map<Instant, Long> eventsPerCandle(StreamKey key) {
        Map<Instant, Long> counts = new TreeMap<>();
        jdbc.query(
                """
                select p ->> 'openTime' as open_time, count(*) as n
                from (select convert_from(payload, 'UTF8')::jsonb as p from domain_event_entry where payload_type = ?) e
                where p ->> 'symbol' = ? and p ->> 'timeframe' = ?
                group by p ->> 'openTime'
                """,
                rs -> {
                    counts.put(Instant.parse(rs.getString("open_time")), rs.getLong("n"));
                },
                CANDLE_CLOSED,
                key.symbol(),
                key.timeframe().code());
        return counts;
    }

    /**
     * One event per published candle, and the published candles follow each other without a hole.
     * Events are read first: a candle's row and event commit together, so the rows up to the newest
     * event read are exactly the candles those events stand for, even while the feed keeps publishing.
     */
    void assertEveryCandleOnceWithoutGaps(StreamKey key) {
        Map<Instant, Long> events = eventsPerCandle(key);
        assertThat(events).as("CandleClosed events of %s", key).isNotEmpty();
        Instant newest = ((TreeMap<Instant, Long>) events).lastKey();
        List<Instant> times =
                openTimes(key).stream().filter(t -> !t.isAfter(newest)).toList();
        Duration period = key.timeframe().duration();
        for (int i = 1; i < times.size(); i++) {
            assertThat(Duration.between(times.get(i - 1), times.get(i)))
                    .as("candle after %s of %s", times.get(i - 1), key)
                    .isEqualTo(period);
        }
        assertThat(events.keySet()).as("candles with a CandleClosed event").containsExactlyElementsOf(times);
        assertThat(events.values()).as("CandleClosed events per candle").allMatch(n -> n == 1L);
    }
}
