package dev.trenddesk.strategy.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.market.MarketClock;
import dev.trenddesk.api.notify.DeliveryView;
import dev.trenddesk.api.notify.NotificationChannel;
import dev.trenddesk.api.notify.NotificationKind;
import dev.trenddesk.api.trading.BotStatusView;
import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.api.trading.ExitReason;
import dev.trenddesk.api.trading.SessionStatus;
import dev.trenddesk.api.trading.TradingQueries.FindBotStatus;
import dev.trenddesk.api.trading.TradingSessionEvent.EquityObserved;
import dev.trenddesk.api.trading.TradingSessionEvent.PositionClosed;
import dev.trenddesk.api.trading.TradingSessionId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The daily summary against a real PostgreSQL with the notification tables: what the notifications
 * processor saw of a day (closed trades, counted once each, and the last equity reading) makes one message
 * per channel that chose it, and several nodes summarising the same day at once, again after a restart,
 * still queue exactly one row per day and channel.
 */
class DailySummaryTest {

    static EmbeddedPostgres postgres;
    static JdbcTemplate jdbc;

    /** The bot as the trading side answers FindBotStatus, per user. */
    static final Map<UUID, BotStatusView> bots = new ConcurrentHashMap<>();

    static QueryGateway queries;

    @BeforeAll
    static void database() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
        for (String script : List.of(
                "V103__notifications.sql", "V104__notification_email.sql", "V105__notification_daily_summary.sql")) {
            jdbc.execute(new ClassPathResource("db/migration/strategy/" + script)
                    .getContentAsString(StandardCharsets.UTF_8));
        }
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        bus.subscribe(
                FindBotStatus.class.getName(),
                BotStatusView.class,
                query -> bots.get(((FindBotStatus) query.getPayload()).userId().value()));
        queries = DefaultQueryGateway.builder().queryBus(bus).build();
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        postgres.close();
    }

    /** Each test on its own: the summary job reads every user's channels. */
    @BeforeEach
    void empty() {
        jdbc.update("delete from notification_channels");
        jdbc.update("delete from notification_deliveries");
    }

    final NotificationStore store = new NotificationStore(jdbc);
    final LocalDate day = LocalDate.of(2026, 3, 14);
    final Instant dayStart = day.atStartOfDay().toInstant(ZoneOffset.UTC);
    final Clock nextMorning = Clock.fixed(dayStart.plus(Duration.ofHours(24 + 6)), ZoneOffset.UTC);
    final NotificationRouter router = new NotificationRouter(store, nextMorning);

    DailySummary node(Clock clock) {
        return new DailySummary(
                store, queries, clock, new MarketClock(clock), Duration.ofSeconds(5), Duration.ofDays(90));
    }

    UUID trader(Set<NotificationKind> webhook, Set<NotificationKind> email, boolean emailOn) {
        UUID user = UUID.randomUUID();
        store.save(new NotificationStore.Channel(
                user,
                NotificationChannel.WEBHOOK,
                true,
                "https://hooks.example.com/x",
                "c",
                "****",
                webhook,
                dayStart));
        store.save(new NotificationStore.Channel(
                user, NotificationChannel.EMAIL, emailOn, null, null, null, email, dayStart));
        return user;
    }

    void closed(UUID user, String realised, String fees, Instant at, EventMessage<?>... same) {
        EventMessage<?> message = same.length > 0
                ? same[0]
                : GenericEventMessage.asEventMessage(new PositionClosed(
                        TradingSessionId.random(),
                        new UserId(user),
                        "ETH-USDT",
                        Direction.LONG,
                        new BigDecimal("0.5"),
                        new BigDecimal("1950"),
                        new BigDecimal("2050"),
                        new BigDecimal(realised),
                        new BigDecimal(fees),
                        ExitReason.TAKE_PROFIT,
                        at));
        router.on((PositionClosed) message.getPayload(), message, ReplayStatus.REGULAR);
    }

    void equity(UUID user, String equity, Instant at) {
        router.on(new EquityObserved(
                TradingSessionId.random(), new UserId(user), new BigDecimal(equity), null, null, null, at));
    }

    List<DeliveryView> summaries(UUID user) {
        return store.deliveries(user, 50).stream()
                .filter(d -> d.kind() == NotificationKind.DAILY_SUMMARY)
                .toList();
    }

    @Test
    void theDayIsSummarisedFromItsTradesItsLastEquityAndTheBotNow() {
        UUID user = trader(EnumSet.of(NotificationKind.DAILY_SUMMARY), EnumSet.noneOf(NotificationKind.class), true);
        bots.put(
                user,
                new BotStatusView(
                        TradingSessionId.random(),
                        new UserId(user),
                        SessionStatus.RUNNING,
                        null,
                        new BigDecimal("1000"),
                        dayStart,
                        dayStart,
                        null,
                        null,
                        2,
                        null,
                        null,
                        null));
        EventMessage<?> win = GenericEventMessage.asEventMessage(new PositionClosed(
                TradingSessionId.random(),
                new UserId(user),
                "ETH-USDT",
                Direction.LONG,
                new BigDecimal("0.5"),
                new BigDecimal("1950"),
                new BigDecimal("2050"),
                new BigDecimal("50"),
                new BigDecimal("0.98"),
                ExitReason.TAKE_PROFIT,
                dayStart.plus(Duration.ofHours(9))));
        closed(user, null, null, null, win);
        closed(user, null, null, null, win); // redelivered: counted once
        closed(user, "-10", "0.6", dayStart.plus(Duration.ofHours(15)));
        closed(user, "5", "0.5", dayStart.minus(Duration.ofMinutes(1))); // the day before: not this day's
        closed(user, "7", "0.5", dayStart.plus(Duration.ofHours(24))); // the next day: not this day's
        equity(user, "1038.42", dayStart.plus(Duration.ofHours(23)));
        equity(user, "1000", dayStart.plus(Duration.ofHours(10))); // older, handled later: not the end of the day
        equity(user, "2000", dayStart.plus(Duration.ofHours(25))); // the next day

        assertThat(node(nextMorning).queue(day)).isEqualTo(1);

        List<DeliveryView> summaries = summaries(user);
        assertThat(summaries).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo("webhook:summary:2026-03-14:" + user);
            assertThat(d.channel()).isEqualTo(NotificationChannel.WEBHOOK);
            assertThat(d.summary()).isEqualTo("Daily summary 2026-03-14: 2 trades, net P&L +38.42 USDT");
        });
        String body = jdbc.queryForObject(
                "select body from notification_deliveries where id = ?",
                String.class,
                summaries.getFirst().id());
        assertThat(body)
                .isEqualTo("Closed trades on 2026-03-14 (UTC): 2 (1 win, 1 loss), net P&L +38.42 USDT.\n"
                        + "Equity at the end of the day: 1038.42 USDT.\n"
                        + "Open positions now: 2.\n"
                        + "Bot: RUNNING.");
        String details = jdbc.queryForObject(
                "select details from notification_deliveries where id = ?",
                String.class,
                summaries.getFirst().id());
        assertThat(details)
                .contains("\"trades\":2", "\"wins\":1", "\"losses\":1", "\"netPnl\":\"38.42\"")
                .contains("\"equity\":\"1038.42\"", "\"openPositions\":2", "\"botStatus\":\"RUNNING\"");
    }

    @Test
    void aQuietDayOfATraderWithoutABotSaysSo() {
        UUID user = trader(EnumSet.noneOf(NotificationKind.class), EnumSet.of(NotificationKind.DAILY_SUMMARY), true);
        equity(user, "500", dayStart.minus(Duration.ofDays(3))); // the last reading before the day stands
        node(nextMorning).queue(day);
        String body = jdbc.queryForObject(
                "select body from notification_deliveries where id = ?",
                String.class,
                "email:summary:2026-03-14:" + user);
        assertThat(body)
                .isEqualTo("Closed trades on 2026-03-14 (UTC): 0 (0 wins, 0 losses), net P&L 0 USDT.\n"
                        + "Equity at the end of the day: 500 USDT.\n"
                        + "Open positions now: 0.\n"
                        + "Bot: never started.");
    }

    @Test
    void severalNodesAndRestartsQueueExactlyOneSummaryPerDayAndChannel() throws Exception {
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(trader(
                    EnumSet.of(NotificationKind.DAILY_SUMMARY), EnumSet.of(NotificationKind.DAILY_SUMMARY), true));
        }
        UUID switchedOff = trader(EnumSet.of(NotificationKind.EXIT), EnumSet.of(NotificationKind.DAILY_SUMMARY), false);
        ExecutorService nodes = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> rounds = new ArrayList<>();
            for (int n = 0; n < 4; n++) {
                DailySummary node = node(nextMorning);
                rounds.add(() -> node.queue(day));
            }
            int queued = 0;
            for (Future<Integer> round : nodes.invokeAll(rounds)) {
                queued += round.get();
            }
            assertThat(queued)
                    .as("between them, the nodes queued each row once")
                    .isEqualTo(40);
        } finally {
            nodes.shutdownNow();
        }
        // a restart later that day: the scheduled round summarises the same day, and queues nothing new
        node(Clock.offset(nextMorning, Duration.ofHours(12))).tick();
        for (UUID user : users) {
            assertThat(summaries(user))
                    .extracting(DeliveryView::id)
                    .containsExactlyInAnyOrder(
                            "webhook:summary:2026-03-14:" + user, "email:summary:2026-03-14:" + user);
        }
        assertThat(summaries(switchedOff))
                .as("a channel switched off or not chosen gets none")
                .isEmpty();
        // the next day is a new summary
        assertThat(node(nextMorning).queue(day.plusDays(1))).isEqualTo(40);
    }

    @Test
    void theDeliveryHistoryForgetsFinishedRowsAfterTheRetentionButNeverOnesStillToSend() {
        UUID user = UUID.randomUUID();
        Instant now = nextMorning.instant();
        Map<String, String> statusOf = new LinkedHashMap<>();
        // queued 91 days ago: finished ones go, one still retrying stays
        statusOf.put("old-delivered", NotificationStore.DELIVERED);
        statusOf.put("old-failed", NotificationStore.FAILED);
        statusOf.put("old-cancelled", NotificationStore.CANCELLED);
        statusOf.put("old-retrying", "RETRYING");
        // queued 89 days ago: kept
        statusOf.put("recent-delivered", NotificationStore.DELIVERED);
        statusOf.forEach((id, status) -> {
            Instant queued = now.minus(Duration.ofDays(id.startsWith("old") ? 91 : 89));
            assertThat(store.enqueue(
                            id, user, NotificationChannel.WEBHOOK, NotificationKind.ENTRY, id, "t", "b", "{}", queued))
                    .isTrue();
            jdbc.update("update notification_deliveries set status = ? where id = ?", status, id);
        });

        Clock[] clock = {nextMorning};
        DailySummary node = node(new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock[0].instant();
            }
        });
        node.tick();

        assertThat(jdbc.queryForList("select id from notification_deliveries order by id", String.class))
                .containsExactly("old-retrying", "recent-delivered");

        // once a day per node: two hours on, a row past the retention stays until the next day's first round
        clock[0] = Clock.offset(nextMorning, Duration.ofHours(2));
        jdbc.update(
                "update notification_deliveries set status = ? where id = ?",
                NotificationStore.DELIVERED,
                "old-retrying");
        node.tick();
        assertThat(jdbc.queryForList("select id from notification_deliveries order by id", String.class))
                .containsExactly("old-retrying", "recent-delivered");
        clock[0] = Clock.offset(nextMorning, Duration.ofHours(24));
        node.tick();
        assertThat(jdbc.queryForList("select id from notification_deliveries order by id", String.class))
                .containsExactly("recent-delivered");
    }
}
