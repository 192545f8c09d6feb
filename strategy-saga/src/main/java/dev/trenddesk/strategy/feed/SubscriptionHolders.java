package dev.trenddesk.strategy.feed;

import dev.trenddesk.api.common.Timeframe;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The durable holders of market data subscriptions (table {@code market_subscription_holder}). Every
 * write is idempotent: acquiring twice keeps one row, releasing what is not held changes nothing.
 * Writes join the caller's Spring transaction when there is one (e.g. a saga's unit of work).
 */
public class SubscriptionHolders {

    /** Longest holder name stored. */
    public static final int MAX_HOLDER_LENGTH = 200;

    private final JdbcTemplate jdbc;

    public SubscriptionHolders(JdbcTemplate jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    /** Records that {@code holder} needs this stream; true when the row is new. */
    public boolean add(String holder, StreamKey key) {
        return jdbc.update("""
                insert into market_subscription_holder (holder, symbol, timeframe) values (?, ?, ?)
                on conflict (holder, symbol, timeframe) do nothing
                """, checked(holder), key.symbol(), key.timeframe().code()) == 1;
    }

    /** Removes {@code holder}'s claim on this stream; true when a row was removed. */
    public boolean remove(String holder, StreamKey key) {
        return jdbc.update(
                        "delete from market_subscription_holder where holder = ? and symbol = ? and timeframe = ?",
                        checked(holder),
                        key.symbol(),
                        key.timeframe().code())
                == 1;
    }

    /** Every stream with at least one holder. */
    public Set<StreamKey> wanted() {
        return new TreeSet<>(jdbc.query(
                "select distinct symbol, timeframe from market_subscription_holder",
                (rs, row) -> new StreamKey(rs.getString("symbol"), Timeframe.fromCode(rs.getString("timeframe")))));
    }

    /** The holders of one stream, sorted. */
    public List<String> holders(StreamKey key) {
        return jdbc.queryForList(
                """
                select holder from market_subscription_holder where symbol = ? and timeframe = ? order by holder
                """, String.class, key.symbol(), key.timeframe().code());
    }

    private static String checked(String holder) {
        if (holder == null || holder.isBlank()) {
            throw new IllegalArgumentException("a subscription holder must be named");
        }
        if (holder.length() > MAX_HOLDER_LENGTH) {
            throw new IllegalArgumentException("a holder name is at most " + MAX_HOLDER_LENGTH + " characters");
        }
        return holder;
    }
}
