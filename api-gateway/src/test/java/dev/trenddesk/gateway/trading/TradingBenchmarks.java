package dev.trenddesk.gateway.trading;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.gateway.support.Api;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The measurements of the trading benchmarks (figures, not assertions): many traders start their bots
 * on ETH-USDT, the stepped simulator closes candles until they decide, and the stored events tell how
 * long each order took from the candle's CandleClosed to its OrderPlaced.
 */
final class TradingBenchmarks {

    private final TradingWorld world;
    private final JdbcTemplate jdbc;

    TradingBenchmarks(TradingWorld world, JdbcTemplate jdbc) {
        this.world = world;
        this.jdbc = jdbc;
    }

    /** Creates and starts {@code bots} bots, 16 at a time (set-up waits mostly on read models); their session ids. */
    List<String> startBots(int bots) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> started = new ArrayList<>();
            for (int i = 0; i < bots; i++) {
                started.add(pool.submit(() -> startUnderLoad(world.trader(TradingWorld.eagerSettings("HEDGE")))));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : started) {
                ids.add(f.get(10, TimeUnit.MINUTES));
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Starts the trader's bot; under the load of many set-ups the start may answer 503 ("accepted, not
     * visible yet") when the ledger lags more than its read-your-writes wait, and then the session is
     * read until it shows. Waits until the account is prepared; the session id.
     */
    private String startUnderLoad(TradingWorld.Trader trader) {
        Api.Response started = trader.api().post("/api/me/bot/start", Map.of());
        if (started.status() == 200) {
            return prepared(started.json().get("sessionId").asText());
        }
        if (started.status() != 503) {
            throw new AssertionError("bot start: " + started);
        }
        String[] session = new String[1];
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    JsonNode bot = trader.api().get("/api/me/bot").json();
                    session[0] = bot.path("sessionId").asText(null);
                    return session[0] != null
                            && "RUNNING".equals(bot.path("status").asText());
                });
        return prepared(session[0]);
    }

    private String prepared(String sessionId) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> !world.events(sessionId, "ExchangeAccountPrepared").isEmpty());
        return sessionId;
    }

    /** Steps candles until at least {@code share} of the sessions have an order placed. */
    void stepUntilPlaced(List<String> sessions, double share, int maxCandles) {
        for (int candle = 0; candle < maxCandles && placedCount(sessions) < sessions.size() * share; candle++) {
            world.step(1);
            // wait until the wave of this candle has settled: no new OrderPlaced for 3 seconds
            int[] before = {-1};
            try {
                org.awaitility.Awaitility.await()
                        .atMost(Duration.ofSeconds(180))
                        .pollDelay(Duration.ofSeconds(3))
                        .pollInterval(Duration.ofSeconds(3))
                        .until(() -> {
                            int now = placedCount(sessions);
                            boolean settled = now == before[0] && now > 0;
                            before[0] = now;
                            return settled;
                        });
            } catch (org.awaitility.core.ConditionTimeoutException stillNothing) {
                // a candle older than the sessions: step on
            }
        }
    }

    int placedCount(List<String> sessions) {
        Integer n = jdbc.queryForObject(
                "select count(distinct aggregate_identifier) from domain_event_entry "
                        + "where payload_type like '%$OrderPlaced' and aggregate_identifier = any (?)",
                Integer.class, (Object) sessions.toArray(String[]::new));
        return n == null ? 0 : n;
    }

    /**
     * Per session: the candle its first entry was decided on, candle close → order accepted, and the
     * same path in hops: CandleClosed stored → the saga starts on it (the {@code at} of its
     * EquityObserved) → SignalGenerated stored (balance read, equity and signal recorded) →
     * OrderPlacementRequested stored → OrderPlaced stored. Stored times are when the event was
     * created, before its transaction commits.
     */
    record Latencies(Instant candle, List<Duration> each, Duration fanOut, List<Duration[]> hops) {
        static final String[] HOPS = {"candle→saga", "saga→signal", "signal→request", "request→placed"};

        Duration percentile(double p) {
            return percentile(each, p);
        }

        static Duration percentile(List<Duration> values, double p) {
            List<Duration> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
        }

        String hopFigures() {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < HOPS.length && !hops.isEmpty(); i++) {
                int hop = i;
                List<Duration> values = hops.stream().map(h -> h[hop]).toList();
                out.append(HOPS[i])
                        .append(" p50=")
                        .append(ms(percentile(values, 50)))
                        .append(" p99=")
                        .append(ms(percentile(values, 99)))
                        .append(' ');
            }
            return out.toString().trim();
        }
    }

    /** Latencies of the entries decided on the candle most sessions entered on. */
    Latencies latencies(List<String> sessions) {
        Map<Instant, List<Duration>> byCandle = new HashMap<>();
        Map<Instant, List<Duration[]>> hopsByCandle = new HashMap<>();
        Map<Instant, Instant> lastPlaced = new HashMap<>();
        Map<Instant, Instant> closedAt = new HashMap<>();
        for (String session : sessions) {
            List<TradingWorld.Stored> requested = world.events(session, "OrderPlacementRequested");
            if (requested.isEmpty()) {
                continue;
            }
            JsonNode first = requested.getFirst().payload();
            String coid = first.get("clientOrderId").asText();
            Instant candle = Instant.parse(first.get("candleTime").asText());
            Instant closed = closedAt.computeIfAbsent(candle, this::candleClosedStoredAt);
            List<Stamped> stored = stamped(session);
            Instant placed = first(stored, "OrderPlaced", coid);
            Instant requestedAt = first(stored, "OrderPlacementRequested", coid);
            Instant signal = first(stored, "SignalGenerated", "\"candleTime\":\"" + candle + "\"");
            if (closed == null || placed == null) {
                continue;
            }
            byCandle.computeIfAbsent(candle, c -> new ArrayList<>()).add(Duration.between(closed, placed));
            Instant sagaStarted = sagaStartedOn(stored, candle);
            if (sagaStarted != null && signal != null && requestedAt != null) {
                hopsByCandle.computeIfAbsent(candle, c -> new ArrayList<>()).add(new Duration[] {
                    Duration.between(closed, sagaStarted), Duration.between(sagaStarted, signal),
                    Duration.between(signal, requestedAt), Duration.between(requestedAt, placed)
                });
            }
            lastPlaced.merge(candle, placed, (a, b) -> a.isAfter(b) ? a : b);
        }
        Instant candle = byCandle.entrySet().stream()
                .max(Map.Entry.comparingByValue((a, b) -> a.size() - b.size()))
                .orElseThrow(() -> new AssertionError("no session placed an order"))
                .getKey();
        return new Latencies(
                candle,
                byCandle.get(candle),
                Duration.between(closedAt.get(candle), lastPlaced.get(candle)),
                hopsByCandle.getOrDefault(candle, List.of()));
    }

    /** One stored event of a session: its type, when it was created, and its payload as text. */
    private record Stamped(String type, Instant storedAt, String payload) {}

    private List<Stamped> stamped(String session) {
        return jdbc.query(
                "select payload_type, time_stamp, convert_from(payload, 'UTF8') from domain_event_entry "
                        + "where aggregate_identifier = ? order by sequence_number",
                (rs, i) -> new Stamped(
                        rs.getString(1).substring(rs.getString(1).lastIndexOf('$') + 1),
                        Instant.parse(rs.getString(2)),
                        rs.getString(3)),
                session);
    }

    private static Instant first(List<Stamped> stored, String type, String contains) {
        return stored.stream()
                .filter(e -> e.type().equals(type) && e.payload().contains(contains))
                .findFirst()
                .map(Stamped::storedAt)
                .orElse(null);
    }

    /** When the saga took up the candle: the {@code at} of the EquityObserved right before the candle's signal. */
    private static Instant sagaStartedOn(List<Stamped> stored, Instant candle) {
        for (int i = 1; i < stored.size(); i++) {
            Stamped e = stored.get(i);
            if (e.type().equals("SignalGenerated")
                    && e.payload().contains("\"candleTime\":\"" + candle + "\"")
                    && stored.get(i - 1).type().equals("EquityObserved")) {
                try {
                    return Instant.parse(Api.JSON
                            .readTree(stored.get(i - 1).payload())
                            .get("at")
                            .asText());
                } catch (java.io.IOException ex) {
                    throw new AssertionError(ex);
                }
            }
        }
        return null;
    }

    private Instant candleClosedStoredAt(Instant openTime) {
        List<Instant> stamps = jdbc.query(
                "select time_stamp from domain_event_entry where payload_type = "
                        + "'dev.trenddesk.api.market.CandleClosed' and convert_from(payload, 'UTF8') like ? "
                        + "and convert_from(payload, 'UTF8') like '%\"live\":true%' order by global_index limit 1",
                (rs, i) -> Instant.parse(rs.getString(1)),
                "%\"symbol\":\"ETH-USDT\"%\"openTime\":\"" + openTime + "\"%");
        return stamps.isEmpty() ? null : stamps.getFirst();
    }

    /** Heap in use after a full collection, in MiB (the whole test JVM: application, simulator and test). */
    static long heapUsedMib() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    static String ms(Duration d) {
        return d.toMillis() + " ms";
    }

    /**
     * 10 bots, candle close → order accepted p50 / p99; then N bots (default 1,000,
     * {@code -Dtrading.benchmark.bots=N}) on one candle: time until every order is accepted, and the
     * heap in use with N running sessions. Prints figures tagged {@code limits=<limits>}.
     */
    void tenBotsThenMany(String limits) throws Exception {
        List<String> ten = startBots(10);
        stepUntilPlaced(ten, 1.0, 20);
        Latencies small = latencies(ten);
        System.out.printf(
                "BENCH trading limits=%s bots=10 candle=%s placed=%d p50=%s p99=%s%n",
                limits, small.candle(), small.each().size(), ms(small.percentile(50)), ms(small.percentile(99)));
        System.out.printf("BENCH trading limits=%s bots=10 %s%n", limits, small.hopFigures());

        int bots = Integer.getInteger("trading.benchmark.bots", 1000);
        long setup = System.nanoTime();
        List<String> many = startBots(bots);
        System.out.printf(
                "BENCH trading limits=%s started=%d setup=%ds heapUsedMiB=%d%n",
                limits, many.size(), (System.nanoTime() - setup) / 1_000_000_000L, heapUsedMib());
        stepUntilPlaced(many, 0.95, 20);
        Latencies wave = latencies(many);
        System.out.printf(
                "BENCH trading limits=%s bots=%d candle=%s placed=%d fanOut=%s p50=%s p99=%s%n",
                limits,
                bots,
                wave.candle(),
                wave.each().size(),
                ms(wave.fanOut()),
                ms(wave.percentile(50)),
                ms(wave.percentile(99)));
        System.out.printf("BENCH trading limits=%s bots=%d %s%n", limits, bots, wave.hopFigures());
        System.out.println("BENCH heap after the wave MiB=" + heapUsedMib());
    }
}
