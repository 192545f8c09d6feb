package dev.trenddesk.gateway.trading;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.gateway.config.EmbeddedDatabase;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.CpuWindow;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The measurements of the trading benchmarks (figures, not assertions): many traders start their bots
 * on ETH-USDT, the stepped simulator closes candles until they decide, and the stored events tell how
 * long each order took from the candle's CandleClosed to its OrderPlaced.
 */
final class TradingBenchmarks {

    private final TradingWorld world;
    private final JdbcTemplate jdbc;
    private final Statements statements;
    private final TradingBenchmarkSetup fast;
    /** The traders whose bots were started through the API, by session. */
    private final Map<String, TradingWorld.Trader> traders = new java.util.concurrent.ConcurrentHashMap<>();

    TradingBenchmarks(TradingWorld world, JdbcTemplate jdbc, Statements statements, TradingBenchmarkSetup fast) {
        this.world = world;
        this.jdbc = jdbc;
        this.statements = statements;
        this.fast = fast;
    }

    /** {@code -Dtrading.benchmark.setup}: {@code api} (default) or {@code commands} ({@link TradingBenchmarkSetup}). */
    static String setupPath() {
        String path = System.getProperty("trading.benchmark.setup", "api");
        if (!path.equals("api") && !path.equals("commands")) {
            throw new IllegalArgumentException("trading.benchmark.setup must be api or commands, not " + path);
        }
        return path;
    }

    /**
     * PostgreSQL's share, from {@code pg_stat_statements} (preloaded in the benchmark's embedded server,
     * read and reset as its superuser): statements of every client of the database, the benchmark's own
     * few included.
     */
    static final class Statements {

        private final EmbeddedDatabase database;

        Statements(EmbeddedDatabase database) {
            this.database = database;
        }

        long postmasterPid() {
            return database.postmasterPid();
        }

        /** Creates the extension if needed and forgets what was counted so far. */
        void reset() throws SQLException {
            try (Connection c = database.superuserConnection();
                    Statement s = c.createStatement()) {
                s.execute("create extension if not exists pg_stat_statements");
                // planning counted too: a statement planned for every call is CPU spent outside its execution
                s.execute("alter system set pg_stat_statements.track_planning = on");
                s.execute("select pg_reload_conf()");
                s.execute("select pg_stat_statements_reset()");
            }
        }

        /** One statement's figures: calls, total and mean execution time, rows, the normalised text. */
        record Figures(long calls, double totalMs, double meanMs, long rows, String query) {}

        /** Every statement's execution time summed, in ms, the number of calls, planning time in ms and plans made. */
        double[] totals() throws SQLException {
            try (Connection c = database.superuserConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select coalesce(sum(total_exec_time), 0), coalesce(sum(calls), 0), "
                            + "coalesce(sum(total_plan_time), 0), coalesce(sum(plans), 0) from pg_stat_statements")) {
                rs.next();
                return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
            }
        }

        /** The {@code limit} statements with the most execution time, most first. */
        List<Figures> top(int limit) throws SQLException {
            List<Figures> out = new ArrayList<>();
            try (Connection c = database.superuserConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select calls, total_exec_time, mean_exec_time, rows, query "
                            + "from pg_stat_statements order by total_exec_time desc limit " + limit)) {
                while (rs.next()) {
                    out.add(new Figures(
                            rs.getLong(1),
                            rs.getDouble(2),
                            rs.getDouble(3),
                            rs.getLong(4),
                            rs.getString(5).replaceAll("\\s+", " ").trim()));
                }
            }
            return out;
        }
    }

    /**
     * Creates and starts {@code bots} bots through the API, {@code -Dtrading.benchmark.setup-threads} at a
     * time (default 16; set-up waits mostly on read models and on password hashing), then waits until
     * every session's exchange account is prepared; their session ids.
     */
    List<String> startBots(int bots) throws Exception {
        return startBots(bots, "api");
    }

    /**
     * As {@link #startBots(int)}, through the API or ({@code commands}) the first trader through the API and
     * the others with its settings through {@link TradingBenchmarkSetup}.
     */
    List<String> startBots(int bots, String path) throws Exception {
        int threads = Integer.getInteger("trading.benchmark.setup-threads", 16);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long began = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        try {
            List<String> ids = new ArrayList<>();
            int viaApi = bots;
            if (path.equals("commands") && bots > 0) {
                TradingWorld.Trader reference = world.trader(TradingWorld.eagerSettings("HEDGE"));
                ids.add(startUnderLoad(reference));
                dev.trenddesk.api.common.TradingSettings settings = fast.settingsOf(reference.id());
                viaApi = 0;
                List<Future<String>> started = new ArrayList<>();
                for (int i = 1; i < bots; i++) {
                    started.add(pool.submit(() -> counted(fast.traderWithBot(settings), done, began)));
                }
                for (Future<String> f : started) {
                    ids.add(f.get(60, TimeUnit.MINUTES));
                }
            }
            List<Future<String>> started = new ArrayList<>();
            for (int i = 0; i < viaApi; i++) {
                started.add(pool.submit(() -> {
                    TradingWorld.Trader trader = world.trader(TradingWorld.eagerSettings("HEDGE"));
                    String session = startUnderLoad(trader);
                    traders.put(session, trader);
                    return counted(session, done, began);
                }));
            }
            for (Future<String> f : started) {
                ids.add(f.get(60, TimeUnit.MINUTES));
            }
            awaitPrepared(ids);
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Stops these bots (started through the API) and closes their positions, and waits until every session has
     * stopped: their exits are then not part of the next wave.
     */
    void stopBots(List<String> sessions) {
        for (String session : sessions) {
            Api.Response stopped = traders.get(session).api().post("/api/me/bot/stop", Map.of("flatten", true));
            if (stopped.status() != 200) {
                throw new AssertionError("bot stop: " + stopped);
            }
        }
        org.awaitility.Awaitility.await()
                .dontCatchUncaughtExceptions()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> countWith("TradingSessionStopped", sessions) == sessions.size());
    }

    private static String counted(String sessionId, AtomicInteger done, long began) {
        int n = done.incrementAndGet();
        if (n % 500 == 0) {
            System.out.printf("set-up: %d bots started after %d s%n", n, (System.nanoTime() - began) / 1_000_000_000L);
        }
        return sessionId;
    }

    /**
     * Starts the trader's bot; under the load of many set-ups the start may answer 503 ("accepted, not
     * visible yet") when the ledger lags more than its read-your-writes wait, and then the session is
     * read until it shows. The session id.
     */
    private String startUnderLoad(TradingWorld.Trader trader) {
        Api.Response started = trader.api().post("/api/me/bot/start", Map.of());
        if (started.status() == 200) {
            return started.json().get("sessionId").asText();
        }
        if (started.status() != 503) {
            throw new AssertionError("bot start: " + started);
        }
        String[] session = new String[1];
        org.awaitility.Awaitility.await()
                .dontCatchUncaughtExceptions()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    JsonNode bot = trader.api().get("/api/me/bot").json();
                    session[0] = bot.path("sessionId").asText(null);
                    return session[0] != null
                            && "RUNNING".equals(bot.path("status").asText());
                });
        return session[0];
    }

    /** Waits until every session has its exchange account prepared (ExchangeAccountPrepared stored). */
    private void awaitPrepared(List<String> sessions) {
        org.awaitility.Awaitility.await()
                .dontCatchUncaughtExceptions()
                .atMost(Duration.ofMinutes(2).plus(Duration.ofMillis(100L * sessions.size())))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> countWith("ExchangeAccountPrepared", sessions) == sessions.size());
    }

    /**
     * Steps candles until at least {@code share} of the sessions have an order placed. The benchmark's
     * waits do not fail on an exception some application thread did not catch (Awaitility's default): with
     * thousands of sessions the JDBC pool runs dry and a scheduler thread's poll of its table fails, which
     * the application logs and survives; the figures, not that, are what is measured here.
     */
    void stepUntilPlaced(List<String> sessions, double share, int maxCandles) {
        for (int candle = 0; candle < maxCandles && placedCount(sessions) < sessions.size() * share; candle++) {
            world.step(1);
            // wait until the wave of this candle has settled: no new OrderPlaced for 3 seconds
            int[] before = {-1};
            try {
                org.awaitility.Awaitility.await()
                        .dontCatchUncaughtExceptions()
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
        return countWith("OrderPlaced", sessions);
    }

    /** How many of the sessions have an event of this simple type stored. */
    private int countWith(String simpleType, List<String> sessions) {
        Integer n = jdbc.queryForObject(
                "select count(distinct aggregate_identifier) from domain_event_entry "
                        + "where payload_type like ? and aggregate_identifier = any (?)",
                Integer.class,
                "%$" + simpleType,
                (Object) sessions.toArray(String[]::new));
        return n == null ? 0 : n;
    }

    /**
     * Per session: the candle its first entry was decided on, candle close → order accepted, and the
     * same path in hops: CandleClosed stored → the saga's decision recorded (its EquityObserved stored: the
     * saga woken, the candle settled, the balance read, the risk evaluated) → SignalGenerated stored →
     * OrderPlacementRequested stored → OrderPlaced stored. Stored times are when the event was
     * created, before its transaction commits.
     */
    record Latencies(Instant candle, List<Duration> each, Duration fanOut, List<Duration[]> hops) {
        static final String[] HOPS = {"candle→decision", "decision→signal", "signal→request", "request→placed"};

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
            Instant decided = decidedOn(stored, candle);
            if (decided != null && signal != null && requestedAt != null) {
                hopsByCandle.computeIfAbsent(candle, c -> new ArrayList<>()).add(new Duration[] {
                    Duration.between(closed, decided), Duration.between(decided, signal),
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

    /**
     * When the saga had decided on the candle: the stored time of the EquityObserved right before the candle's
     * signal (created as the saga records its decision, after the balance read and the risk evaluation). Its
     * {@code at} is market time (ADR 0027), which the stepped simulator runs ahead of the wall clock, so the
     * stored time is used, as for every other hop.
     */
    private static Instant decidedOn(List<Stamped> stored, Instant candle) {
        for (int i = 1; i < stored.size(); i++) {
            Stamped e = stored.get(i);
            if (e.type().equals("SignalGenerated")
                    && e.payload().contains("\"candleTime\":\"" + candle + "\"")
                    && stored.get(i - 1).type().equals("EquityObserved")) {
                return stored.get(i - 1).storedAt();
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

    /**
     * CPU of the wave window: this JVM (application, test client and, when built in, the simulator), PostgreSQL,
     * per order placed, and the thread groups that used the most.
     */
    private static void printCpu(Map<String, Double> used, long windowSeconds, int placed) {
        double jvm = used.get("jvm");
        double postgres = used.get("postgres");
        System.out.printf(
                "BENCH cpu window=%ds (2 cores: %d core-seconds) jvmS=%.1f postgresS=%.1f perOrderMs jvm=%.1f postgres=%.1f%n",
                windowSeconds,
                2 * windowSeconds,
                jvm,
                postgres,
                1000 * jvm / Math.max(1, placed),
                1000 * postgres / Math.max(1, placed));
        used.entrySet().stream()
                .filter(e -> e.getKey().startsWith("postgres "))
                .filter(e -> e.getValue() > 0.005)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> System.out.printf("BENCH cpu %s s=%.2f%n", e.getKey(), e.getValue()));
        used.entrySet().stream()
                .filter(e -> e.getKey().startsWith("thread ") || e.getKey().startsWith("vm "))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(15)
                .forEach(e -> System.out.printf(
                        "BENCH cpu %s s=%.2f share=%.1f%%%n",
                        e.getKey(), e.getValue(), jvm > 0 ? 100 * e.getValue() / jvm : 0));
    }

    static String ms(Duration d) {
        return d.toMillis() + " ms";
    }

    /**
     * 10 bots, candle close → order accepted p50 / p99, on a fresh process and again with 10 more bots once it has
     * traded; then N bots (default 1,000,
     * {@code -Dtrading.benchmark.bots=N}) on one candle: time until every order is accepted, and the
     * heap in use with N running sessions. Prints figures tagged {@code limits=<limits>}.
     */
    void tenBotsThenMany(String limits) throws Exception {
        // the first orders of a fresh process (classes loaded, code interpreted, connections opened), then, once
        // those bots are stopped and flat, 10 more on the same process: the second figure is what a running
        // platform gives on every candle
        List<String> earlier = List.of();
        for (String wave : List.of("first", "warm")) {
            if (!earlier.isEmpty()) {
                stopBots(earlier);
            }
            List<String> ten = startBots(10);
            earlier = ten;
            stepUntilPlaced(ten, 1.0, 20);
            Latencies small = latencies(ten);
            System.out.printf(
                    "BENCH trading limits=%s bots=10 wave=%s candle=%s placed=%d p50=%s p99=%s%n",
                    limits,
                    wave,
                    small.candle(),
                    small.each().size(),
                    ms(small.percentile(50)),
                    ms(small.percentile(99)));
            System.out.printf("BENCH trading limits=%s bots=10 wave=%s %s%n", limits, wave, small.hopFigures());
        }

        int bots = Integer.getInteger("trading.benchmark.bots", 1000);
        String where = TradingBenchmarkSimulator.inProcess() ? "process" : "builtin";
        long setup = System.nanoTime();
        List<String> many = startBots(bots, setupPath());
        long setupSeconds = (System.nanoTime() - setup) / 1_000_000_000L;
        System.out.printf(
                "BENCH trading limits=%s simulator=%s started=%d setup=%ds setupPath=%s setupThreads=%d heapUsedMiB=%d%s%n",
                limits,
                where,
                many.size(),
                setupSeconds,
                setupPath(),
                Integer.getInteger("trading.benchmark.setup-threads", 16),
                heapUsedMib(),
                TradingBenchmarkSimulator.inProcess()
                        ? " simulatorRssMiB=" + TradingBenchmarkSimulator.residentMib()
                        : "");
        statements.reset();
        long wave = System.nanoTime();
        CpuWindow cpu = CpuWindow.start(statements.postmasterPid());
        stepUntilPlaced(many, 0.95, 20);
        Map<String, Double> cpuUsed = cpu.end();
        long waveSeconds = (System.nanoTime() - wave) / 1_000_000_000L;
        double[] pg = statements.totals();
        List<Statements.Figures> top = statements.top(10);
        Latencies latencies = latencies(many);
        System.out.printf(
                "BENCH trading limits=%s simulator=%s bots=%d candle=%s placed=%d fanOut=%s p50=%s p99=%s ordersPerSecond=%.0f%n",
                limits,
                where,
                bots,
                latencies.candle(),
                latencies.each().size(),
                ms(latencies.fanOut()),
                ms(latencies.percentile(50)),
                ms(latencies.percentile(99)),
                latencies.each().size()
                        * 1000.0
                        / Math.max(1, latencies.fanOut().toMillis()));
        System.out.printf("BENCH trading limits=%s bots=%d %s%n", limits, bots, latencies.hopFigures());
        System.out.println("BENCH heap after the wave MiB=" + heapUsedMib());
        System.out.printf(
                "BENCH pg_stat_statements window=%ds (candles stepped until 95%% placed, with 3 s settling waits) "
                        + "statements=%.0f totalExecMs=%.0f plans=%.0f totalPlanMs=%.0f%n",
                waveSeconds, pg[1], pg[0], pg[3], pg[2]);
        printCpu(cpuUsed, waveSeconds, placedCount(many));
        for (Statements.Figures f : top) {
            System.out.printf(
                    "BENCH pg top totalMs=%.0f share=%.1f%% calls=%d meanMs=%.3f rows=%d query=%s%n",
                    f.totalMs(),
                    pg[0] == 0 ? 0 : 100 * f.totalMs() / pg[0],
                    f.calls(),
                    f.meanMs(),
                    f.rows(),
                    f.query().length() > 200 ? f.query().substring(0, 200) + "…" : f.query());
        }
    }
}
