package dev.trenddesk.strategy.feed;

import dev.trenddesk.api.alert.AlertRaised;
import dev.trenddesk.api.common.UserId;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Turns a stream's silence and return into alerts for every trader whose running or paused bot holds the
 * stream: {@code MARKET_DATA_SILENT} (warning) and {@code MARKET_DATA_RESUMED} (info). Alert ids name the
 * stream, the start of the silence and the trader, so a silence is reported once per trader even when
 * another node takes the stream over and notices it again. Streams held by no bot (always-on) are logged
 * by the feed only.
 */
final class MarketSilenceAlerts implements Consumer<SilenceWatch.Change> {

    private final JdbcTemplate jdbc;
    private final EventGateway events;

    MarketSilenceAlerts(JdbcTemplate jdbc, EventGateway events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Override
    public void accept(SilenceWatch.Change change) {
        StreamKey key = change.key();
        List<UUID> users =
                jdbc.queryForList("""
                select distinct s.user_id from market_subscription_holder h
                join trading_ledger_session s on s.session_id::text = h.holder
                where h.symbol = ? and h.timeframe = ? and s.status <> 'STOPPED'
                """, UUID.class, key.symbol(), key.timeframe().code());
        long minutes = Duration.between(change.since(), change.marketNow()).toMinutes();
        for (UUID user : users) {
            if (change.silent()) {
                events.publish(new AlertRaised(
                        "market-silent:" + key + ":" + change.since() + ":" + user,
                        new UserId(user),
                        AlertRaised.Severity.WARNING,
                        "MARKET_DATA_SILENT",
                        "No " + key.symbol() + " " + key.timeframe().code() + " candle has come from the exchange for "
                                + minutes + " minutes of market time (" + SilenceWatch.PERIODS + " periods, since "
                                + change.since() + "): your bot decides nothing on " + key.symbol()
                                + " until candles come again.",
                        change.marketNow()));
            } else {
                events.publish(new AlertRaised(
                        "market-resumed:" + key + ":" + change.since() + ":" + user,
                        new UserId(user),
                        AlertRaised.Severity.INFO,
                        "MARKET_DATA_RESUMED",
                        key.symbol() + " " + key.timeframe().code() + " candles come again (none had come since "
                                + change.since() + ").",
                        change.marketNow()));
            }
        }
    }
}
