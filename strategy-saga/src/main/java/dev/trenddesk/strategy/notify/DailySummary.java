package dev.trenddesk.strategy.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.market.MarketClock;
import dev.trenddesk.api.notify.NotificationKind;
import dev.trenddesk.api.trading.BotStatusView;
import dev.trenddesk.api.trading.TradingQueries.FindBotStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily summary ({@link NotificationKind#DAILY_SUMMARY}, saga role, every node): every {@code
 * daily-summary.check-interval} it queues, for each channel that is on and chose it, one message about
 * the previous UTC day — its closed trades (count, wins, losses, net P&amp;L), the equity at its end, and the
 * open positions and the bot's status as they stand when the summary is made. Exactly once per day and
 * channel: the outbox row's id is {@code <channel>:summary:<day>:<user>} and is inserted {@code on conflict
 * do nothing}, so several nodes and restarts (each running this) queue one row between them; a node that
 * was down at midnight queues the summary when it runs again that day. Only the previous day is ever
 * summarised: nothing about older days is sent.
 *
 * <p>The same round is the notifications' housekeeping: it forgets the per-day rows after a week and the
 * delivery history's finished rows (delivered, failed, cancelled) after {@code history-retention}, the latter once a
 * day per node.
 */
@Component
class DailySummary {

    private static final Logger log = LoggerFactory.getLogger(DailySummary.class);
    private static final int KEEP_DAYS = 7;

    private final NotificationStore store;
    private final QueryGateway queries;
    private final Clock clock;
    /** Days are the market's (ADR 0027), the days trades and equity readings are recorded in. */
    private final MarketClock market;

    private final Duration timeout;
    private final Duration historyRetention;
    /** The wall-clock day this node last purged the delivery history on (null: not yet since it started). */
    private volatile LocalDate historyPurgedOn;

    private final ObjectMapper json = new ObjectMapper();

    DailySummary(
            NotificationStore store,
            QueryGateway queries,
            Clock clock,
            MarketClock market,
            @Value("${trenddesk.notifications.timeout:10s}") Duration timeout,
            @Value("${trenddesk.notifications.history-retention:90d}") Duration historyRetention) {
        this.store = store;
        this.queries = queries;
        this.clock = clock;
        this.market = market;
        this.timeout = timeout;
        this.historyRetention = historyRetention;
    }

    /** The scheduler's entry point; never throws (a failed round is done again at the next). */
    @Scheduled(
            fixedDelayString = "${trenddesk.notifications.daily-summary.check-interval:1m}",
            initialDelayString = "${trenddesk.notifications.daily-summary.check-interval:1m}")
    public void tick() {
        try {
            LocalDate yesterday =
                    LocalDate.ofInstant(market.instant(), ZoneOffset.UTC).minusDays(1);
            queue(yesterday);
            store.purgeDays(yesterday.minusDays(KEEP_DAYS));
            // the delivery history is large and its age is counted in days: once a day is enough
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            if (!today.equals(historyPurgedOn)) {
                store.purgeFinished(clock.instant().minus(historyRetention));
                historyPurgedOn = today;
            }
        } catch (RuntimeException e) {
            log.warn("Daily summary round failed: {}", e.toString());
        }
    }

    /** Queues the day's summary on every channel that chose it and has none yet; how many were queued here. */
    int queue(LocalDate day) {
        int queued = 0;
        Map<UUID, Message> messages = new HashMap<>();
        for (NotificationStore.Channel channel : store.channelsChoosing(NotificationKind.DAILY_SUMMARY)) {
            String source = "summary:" + day + ":" + channel.userId();
            String id = NotificationRouter.deliveryId(channel.channel(), source);
            if (store.exists(id)) {
                continue;
            }
            Message message = messages.computeIfAbsent(channel.userId(), user -> compose(user, day));
            if (store.enqueue(
                    id,
                    channel.userId(),
                    channel.channel(),
                    NotificationKind.DAILY_SUMMARY,
                    source,
                    message.title(),
                    message.body(),
                    message.details(),
                    clock.instant())) {
                queued++;
            }
        }
        return queued;
    }

    record Message(String title, String body, String details) {}

    /** The summary of the user's day. */
    Message compose(UUID user, LocalDate day) {
        NotificationStore.DayTrades trades = store.dayTrades(user, day);
        Optional<BigDecimal> equity = store.equityAtEndOf(user, day);
        BotStatusView bot = bot(user);
        String status = bot == null ? "NONE" : bot.status().name();
        int open = bot == null ? 0 : bot.openPositions();
        String net = signed(trades.netPnl());

        ObjectNode details = json.createObjectNode();
        details.put("day", day.toString());
        details.put("trades", trades.count());
        details.put("wins", trades.wins());
        details.put("losses", trades.losses());
        details.put("netPnl", plain(trades.netPnl()));
        details.put("equity", equity.map(DailySummary::plain).orElse(null));
        details.put("openPositions", open);
        details.put("botStatus", status);

        String title = "Daily summary " + day + ": " + trades.count() + (trades.count() == 1 ? " trade" : " trades")
                + ", net P&L " + net + " USDT";
        String body = "Closed trades on " + day + " (UTC): " + trades.count() + " (" + trades.wins()
                + (trades.wins() == 1 ? " win, " : " wins, ") + trades.losses()
                + (trades.losses() == 1 ? " loss" : " losses") + "), net P&L " + net + " USDT.\n"
                + "Equity at the end of the day: "
                + equity.map(e -> plain(e) + " USDT").orElse("not known yet") + ".\n"
                + "Open positions now: " + open + ".\n"
                + "Bot: " + (bot == null ? "never started" : status) + ".";
        try {
            return new Message(title, body, json.writeValueAsString(details));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The user's bot as the trading side knows it now; null when they never started one. */
    private BotStatusView bot(UUID user) {
        try {
            return queries.query(new FindBotStatus(new UserId(user)), ResponseTypes.instanceOf(BotStatusView.class))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            // no summary rather than a wrong one: the next round tries again
            throw new IllegalStateException("the bot's status could not be read", e);
        }
    }

    private static String signed(BigDecimal value) {
        return (value.signum() > 0 ? "+" : "") + plain(value);
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
