package dev.trenddesk.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.TradingSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The 1,000-bot benchmark on a cluster (figures, not assertions; docs/benchmarks/cluster.md): for each
 * node count K ({@code -Dcluster.benchmark.nodes=1,2}), Debian's PostgreSQL with pg_stat_statements, the
 * standalone simulator (STEPPED clock, rate limits ON unless {@code -Dcluster.benchmark.limits=off}) and K
 * nodes of the packaged jar behind HAProxy, all fresh. N traders ({@code -Dcluster.benchmark.bots}, default
 * 1,000) are set up through the balancer (user, trading permission, eager ETH-USDT settings, a simulator
 * key connected and VERIFIED, bot started); once every session has prepared its exchange account, the
 * simulator closes candles until the bots have entered, and the stored events tell: fan-out (the candle's
 * CandleClosed to the last OrderPlaced of that candle), p50/p99 candle → order, orders/s, fan-out ÷ the
 * exchange's floor (N ÷ 200 signed requests/s per IP; every node calls from 127.0.0.1, so the cluster
 * shares one IP's budget). Per node: the bots whose saga it runs and the orders it placed (its own
 * meters), the segments of the two trading processors it claimed, and its CPU seconds during the wave
 * (from /proc). PostgreSQL's CPU seconds (the postmaster and its backends) and its top statements by
 * total time (pg_stat_statements, reset right before the wave). The simulator and HAProxy run in
 * processes of their own: their CPU is printed apart and is not TrendDesk's.
 *
 * <p>{@code -Dcluster.benchmark.split=true} gives each node 1/K of the trading processors' threads
 * ({@code thread-count}), so that the first node cannot claim every segment before the others start.
 */
@Tag("benchmark")
class ClusterTradingBenchmarkIT {

    private static final String ADMIN_PASSWORD = "cluster-bench-admin-password-7Qx";
    private static final String SCRAPE_TOKEN = "cluster-bench-scrape-token-0123456789abcdef";
    private static final Duration START_LIMIT = Duration.ofSeconds(300);
    /** The simulator's per-IP limit of signed requests (2,000 / 10 s), the exchange floor of a wave. */
    private static final double PER_IP_REQUESTS_PER_SECOND = 200.0;

    /** {@code getconf CLK_TCK}: the unit of /proc/PID/stat's times, 100 on Linux x86-64. */
    private static final double CLOCK_TICKS = 100.0;

    private static final List<String> TRADING_PROCESSORS = List.of("TradingSagaProcessor", "trading-execution");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom random = new SecureRandom();
    private final java.util.concurrent.atomic.AtomicInteger balancerRefusals =
            new java.util.concurrent.atomic.AtomicInteger();

    @AfterEach
    void leaveNothingRunning() {
        ClusterProcess.stopAll();
    }

    @Test
    void botsEnteringOnOneCandleOnOneAndOnTwoNodes() throws Exception {
        int bots = Integer.getInteger("cluster.benchmark.bots", 1000);
        boolean limits = !"off".equals(System.getProperty("cluster.benchmark.limits", "on"));
        boolean split = Boolean.getBoolean("cluster.benchmark.split");
        List<Integer> counts = Arrays.stream(
                        System.getProperty("cluster.benchmark.nodes", "1,2").split(","))
                .map(String::trim)
                .map(Integer::parseInt)
                .toList();
        for (int nodes : counts) {
            run(nodes, bots, limits, split);
            ClusterProcess.stopAll();
        }
    }

    private void run(int nodeCount, int bots, boolean limits, boolean split) throws Exception {
        String tag = "nodes=" + nodeCount + " bots=" + bots + " limits=" + (limits ? "on" : "off")
                + (split ? " threads=split" : "");
        Path dir = Path.of(
                        System.getProperty("trenddesk.test.build-dir", "target"),
                        "cluster-bench",
                        "run-" + System.currentTimeMillis() + "-" + nodeCount)
                .toAbsolutePath();
        System.out.println("ClusterTradingBenchmarkIT: " + tag + ", logs in " + dir);
        LocalCluster cluster =
                new LocalCluster(dir, ADMIN_PASSWORD, Map.of("TRENDDESK_METRICS_SCRAPE_TOKEN", SCRAPE_TOKEN));
        DebianPostgres postgres = cluster.startPostgres(Map.of(
                "shared_preload_libraries", "pg_stat_statements",
                "pg_stat_statements.track", "all",
                "pg_stat_statements.max", "1000"));
        try (Connection db = postgres.superuser();
                Statement s = db.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
        }
        List<String> simulatorOptions = new ArrayList<>(List.of("--stepped"));
        if (!limits) {
            simulatorOptions.add("--no-rate-limits");
        }
        cluster.startSimulator(List.of("-Xmx768m"), simulatorOptions);
        List<String> arguments = new ArrayList<>();
        if (split) {
            Map<String, Integer> segments = tradingSegments();
            segments.forEach((processor, count) -> arguments.add("--axon.eventhandling.processors." + processor
                    + ".thread-count=" + Math.max(1, (count + nodeCount - 1) / nodeCount)));
        }
        for (int i = 0; i < nodeCount; i++) {
            // the measured JVMs: the JIT and collector as a server runs them
            cluster.addNode(List.of("-Xmx1g"), arguments);
        }
        cluster.startNodes(START_LIMIT);
        cluster.startBalancer();
        int balancer = cluster.balancerPort();

        Api admin = Api.loggedIn(balancer, "admin", ADMIN_PASSWORD);
        long setupStarted = System.nanoTime();
        List<String> sessions = startBots(cluster, admin, bots);
        awaitPrepared(postgres, sessions);
        long setupSeconds = (System.nanoTime() - setupStarted) / 1_000_000_000L;
        System.out.printf(
                "BENCH cluster %s setup=%ds started=%d retriedAfter503=%d load=%s%n",
                tag, setupSeconds, sessions.size(), balancerRefusals.getAndSet(0), load());

        // the wave: everything counted from here
        Map<String, Double> placedBefore = new HashMap<>();
        for (ClusterProcess node : cluster.nodes()) {
            placedBefore.put(node.name(), metric(cluster.port(node), "trenddesk_orders_placed_total"));
        }
        try (Connection db = postgres.superuser();
                Statement s = db.createStatement()) {
            s.execute("select pg_stat_statements_reset()");
        }
        Map<String, Map<String, Integer>> claimsBefore = claims(postgres);
        Map<String, Double> cpuBefore = cpu(cluster);
        String loadBefore = load();
        int candles = stepUntilPlaced(cluster, postgres, sessions, 0.95, 20);
        String loadAfter = load();
        Map<String, Double> cpuAfter = cpu(cluster);

        Wave wave = wave(postgres, sessions);
        double fanOutSeconds = wave.fanOut().toMillis() / 1000.0;
        double floorSeconds = sessions.size() / PER_IP_REQUESTS_PER_SECOND;
        System.out.printf(
                "BENCH cluster %s candle=%s candlesStepped=%d placed=%d fanOut=%d ms p50=%d ms p99=%d ms"
                        + " ordersPerSecond=%.0f floor=%.1f s fanOutToFloor=%.2f load=%s..%s%n",
                tag,
                wave.candle(),
                candles,
                wave.each().size(),
                wave.fanOut().toMillis(),
                percentile(wave.each(), 50).toMillis(),
                percentile(wave.each(), 99).toMillis(),
                wave.each().size() / fanOutSeconds,
                floorSeconds,
                fanOutSeconds / floorSeconds,
                loadBefore,
                loadAfter);
        System.out.printf(
                "BENCH cluster %s candle→request p50=%d ms p99=%d ms; request→placed p50=%d ms p99=%d ms%n",
                tag,
                percentile(wave.toRequest(), 50).toMillis(),
                percentile(wave.toRequest(), 99).toMillis(),
                percentile(wave.toPlaced(), 50).toMillis(),
                percentile(wave.toPlaced(), 99).toMillis());

        Map<String, Map<String, Integer>> claimsAfter = claims(postgres);
        double nodesCpu = 0;
        for (ClusterProcess node : cluster.nodes()) {
            int port = cluster.port(node);
            double used = cpuAfter.get(node.name()) - cpuBefore.get(node.name());
            nodesCpu += used;
            System.out.printf(
                    "BENCH cluster %s node=%s bots=%.0f orders=%.0f cpu=%.1f s segments before=%s after=%s%n",
                    tag,
                    node.name(),
                    metric(port, "trenddesk_bots_running"),
                    metric(port, "trenddesk_orders_placed_total") - placedBefore.get(node.name()),
                    used,
                    claimsBefore.getOrDefault(node.name(), Map.of()),
                    claimsAfter.getOrDefault(node.name(), Map.of()));
        }
        double postgresCpu = cpuAfter.get("postgres") - cpuBefore.get("postgres");
        System.out.printf(
                "BENCH cluster %s cpu nodes=%.1f s postgres=%.1f s (%.0f%% of nodes+postgres) simulator=%.1f s"
                        + " haproxy=%.1f s%n",
                tag,
                nodesCpu,
                postgresCpu,
                100 * postgresCpu / (nodesCpu + postgresCpu),
                cpuAfter.get("simulator") - cpuBefore.get("simulator"),
                cpuAfter.get("haproxy") - cpuBefore.get("haproxy"));
        printTopStatements(postgres, tag);
    }

    // ---------------------------------------------------------------- set-up

    /** Creates the traders and starts their bots through the balancer, 16 at a time; their session ids. */
    private List<String> startBots(LocalCluster cluster, Api admin, int bots) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> started = new ArrayList<>();
            for (int i = 0; i < bots; i++) {
                int index = i;
                started.add(pool.submit(() -> startBot(cluster, admin, index)));
            }
            List<String> sessions = new ArrayList<>();
            for (Future<String> session : started) {
                sessions.add(session.get(15, TimeUnit.MINUTES));
            }
            return sessions;
        } finally {
            pool.shutdownNow();
        }
    }

    private String startBot(LocalCluster cluster, Api admin, int index) throws IOException, InterruptedException {
        String username = "bench-" + index + "-" + token(6);
        String password = "pw-" + token(20);
        Api.Response created = throughBalancer(() -> admin.post(
                "/api/admin/users",
                Map.of(
                        "username",
                        username,
                        "email",
                        username + "@example.com",
                        "password",
                        password,
                        "role",
                        "trader")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String userId = created.json().get("id").asText();
        Api.Response granted =
                throughBalancer(() -> admin.patch("/api/admin/users/" + userId, Map.of("tradingEnabled", true)));
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);

        Api trader = Api.at(cluster.balancerPort());
        Api.Response login = throughBalancer(() -> trader.login(username, password));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        Api.Response saved = throughBalancer(() -> trader.put("/api/me/settings", TradingSettings.eager("HEDGE")));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        String apiKey = token(64);
        String secretKey = token(64);
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("apiKey", apiKey);
        account.put("secretKey", secretKey);
        account.put("balance", "10000");
        account.put("permissions", List.of("READ", "TRADE"));
        account.put("positionMode", "HEDGE");
        account.put("leverage", 5);
        assertThat(simulatorPost(cluster, "/sim/accounts", account)).isEqualTo(201);
        Api.Response connected =
                throughBalancer(() -> trader.post("/api/me/bingx", Map.of("apiKey", apiKey, "secretKey", secretKey)));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        assertThat(connected.json().path("status").asText())
                .as(connected.toString())
                .isEqualTo("VERIFIED");

        // the bot starts once the verified key has reached the trading side (whichever node); under the load
        // of many set-ups the start may answer before the session is visible: then the session is read
        String[] session = new String[1];
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Api.Response start = throughBalancer(() -> trader.post("/api/me/bot/start", Map.of()));
                    if (start.status() == 200 && start.json().hasNonNull("sessionId")) {
                        session[0] = start.json().get("sessionId").asText();
                        return true;
                    }
                    Api.Response read = throughBalancer(() -> trader.get("/api/me/bot"));
                    if (read.status() != 200) {
                        return false;
                    }
                    JsonNode bot = read.json();
                    if ("RUNNING".equals(bot.path("status").asText()) && bot.hasNonNull("sessionId")) {
                        session[0] = bot.get("sessionId").asText();
                        return true;
                    }
                    return false;
                });
        return session[0];
    }

    /**
     * The answer of a set-up request, sent again while it is answered 503: by HAProxy, "No server is
     * available" (the request never reached a node: on this shared machine a node's health check can time
     * out under load and take it out for a moment), or by a node, "the service is busy" (a command that
     * still collided with another node's change after its retries, or the database busy; nothing was
     * changed). Counted and printed with the set-up figures.
     */
    private Api.Response throughBalancer(java.util.function.Supplier<Api.Response> request)
            throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Api.Response response = request.get();
            boolean balancerHasNoNode = response.body().contains("No server is available");
            boolean nodeBusy = response.body().contains("the service is busy");
            if (response.status() != 503 || !(balancerHasNoNode || nodeBusy) || attempt == 120) {
                return response;
            }
            balancerRefusals.incrementAndGet();
            Thread.sleep(1_000);
        }
    }

    /** Waits until every session has set its account up at the exchange (leverage, position mode). */
    private void awaitPrepared(DebianPostgres postgres, List<String> sessions) {
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> count(postgres, sessions, "ExchangeAccountPrepared") >= sessions.size());
    }

    // ---------------------------------------------------------------- the wave

    /**
     * Closes one candle at a time until at least {@code share} of the sessions have an order placed; after
     * each candle waits until nothing new is placed or requested for 3 s (and, before the first order, at
     * least 20 s). The number of candles closed.
     */
    private int stepUntilPlaced(
            LocalCluster cluster, DebianPostgres postgres, List<String> sessions, double share, int maxCandles)
            throws Exception {
        int candles = 0;
        while (candles < maxCandles && count(postgres, sessions, "OrderPlaced") < sessions.size() * share) {
            assertThat(simulatorPost(cluster, "/sim/clock/step", Map.of("candles", 1)))
                    .isEqualTo(200);
            candles++;
            long stepped = System.nanoTime();
            int[] before = {-1, -1};
            await().atMost(Duration.ofMinutes(5))
                    .pollDelay(Duration.ofSeconds(3))
                    .pollInterval(Duration.ofSeconds(3))
                    .until(() -> {
                        int placed = count(postgres, sessions, "OrderPlaced");
                        int requested = count(postgres, sessions, "OrderPlacementRequested");
                        boolean quiet = placed == before[0] && requested == before[1];
                        before[0] = placed;
                        before[1] = requested;
                        return quiet && (placed > 0 || System.nanoTime() - stepped > 20_000_000_000L);
                    });
        }
        return candles;
    }

    /** Sessions with at least one event of this type. */
    private static int count(DebianPostgres postgres, List<String> sessions, String type) throws SQLException {
        try (Connection db = postgres.superuser();
                PreparedStatement query = db.prepareStatement("select count(distinct aggregate_identifier)"
                        + " from domain_event_entry where payload_type like ? and aggregate_identifier = any (?)")) {
            query.setString(1, "%$" + type);
            Array ids = db.createArrayOf("varchar", sessions.toArray());
            query.setArray(2, ids);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /**
     * The entries decided on the candle most sessions entered on: candle close (its CandleClosed stored) →
     * OrderPlaced stored per session, the same split at OrderPlacementRequested, and the fan-out to the
     * last OrderPlaced. Stored times are when an event was created, before its transaction commits.
     */
    private record Wave(
            Instant candle, List<Duration> each, List<Duration> toRequest, List<Duration> toPlaced, Duration fanOut) {}

    private Wave wave(DebianPostgres postgres, List<String> sessions) throws SQLException, IOException {
        record Entry(Instant candle, Instant requested, Instant placed) {}
        Map<String, String> firstOrder = new HashMap<>();
        Map<String, Instant> candleOf = new HashMap<>();
        Map<String, Instant> requestedAt = new HashMap<>();
        Map<String, Instant> placedAt = new HashMap<>();
        try (Connection db = postgres.superuser();
                PreparedStatement query = db.prepareStatement("select aggregate_identifier, payload_type, time_stamp,"
                        + " convert_from(payload, 'UTF8') from domain_event_entry where aggregate_identifier = any (?)"
                        + " and (payload_type like '%$OrderPlacementRequested' or payload_type like '%$OrderPlaced')"
                        + " order by aggregate_identifier, sequence_number")) {
            query.setArray(1, db.createArrayOf("varchar", sessions.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String session = rows.getString(1);
                    String type = rows.getString(2);
                    Instant at = Instant.parse(rows.getString(3));
                    JsonNode payload = Api.JSON.readTree(rows.getString(4));
                    String coid = payload.path("clientOrderId").asText();
                    if (type.endsWith("$OrderPlacementRequested") && !firstOrder.containsKey(session)) {
                        firstOrder.put(session, coid);
                        candleOf.put(
                                session, Instant.parse(payload.get("candleTime").asText()));
                        requestedAt.put(session, at);
                    } else if (type.endsWith("$OrderPlaced")
                            && coid.equals(firstOrder.get(session))
                            && !placedAt.containsKey(session)) {
                        placedAt.put(session, at);
                    }
                }
            }
        }
        Map<Instant, List<Entry>> byCandle = new TreeMap<>();
        for (String session : placedAt.keySet()) {
            byCandle.computeIfAbsent(candleOf.get(session), c -> new ArrayList<>())
                    .add(new Entry(candleOf.get(session), requestedAt.get(session), placedAt.get(session)));
        }
        Instant candle = byCandle.entrySet().stream()
                .max(Map.Entry.comparingByValue((a, b) -> a.size() - b.size()))
                .orElseThrow(() -> new AssertionError("no session placed an order"))
                .getKey();
        Instant closed = candleClosedStoredAt(postgres, candle);
        List<Duration> each = new ArrayList<>();
        List<Duration> toRequest = new ArrayList<>();
        List<Duration> toPlaced = new ArrayList<>();
        Instant last = closed;
        for (Entry entry : byCandle.get(candle)) {
            each.add(Duration.between(closed, entry.placed()));
            toRequest.add(Duration.between(closed, entry.requested()));
            toPlaced.add(Duration.between(entry.requested(), entry.placed()));
            last = entry.placed().isAfter(last) ? entry.placed() : last;
        }
        return new Wave(candle, each, toRequest, toPlaced, Duration.between(closed, last));
    }

    private static Instant candleClosedStoredAt(DebianPostgres postgres, Instant openTime) throws SQLException {
        try (Connection db = postgres.superuser();
                PreparedStatement query = db.prepareStatement("select time_stamp from domain_event_entry"
                        + " where payload_type = 'dev.trenddesk.api.market.CandleClosed'"
                        + " and convert_from(payload, 'UTF8') like ?"
                        + " and convert_from(payload, 'UTF8') like '%\"live\":true%' order by global_index limit 1")) {
            query.setString(1, "%\"symbol\":\"ETH-USDT\"%\"openTime\":\"" + openTime + "\"%");
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new AssertionError("no live CandleClosed of ETH-USDT at " + openTime);
                }
                return Instant.parse(rows.getString(1));
            }
        }
    }

    private static Duration percentile(List<Duration> values, double p) {
        List<Duration> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    // ---------------------------------------------------------------- where the work went

    /** Segments of the trading processors claimed per owner (token_entry.owner, the node id). */
    private static Map<String, Map<String, Integer>> claims(DebianPostgres postgres) throws SQLException {
        Map<String, Map<String, Integer>> claims = new TreeMap<>();
        try (Connection db = postgres.superuser();
                PreparedStatement query = db.prepareStatement("select owner, processor_name, count(*) from token_entry"
                        + " where processor_name = any (?) group by owner, processor_name")) {
            query.setArray(1, db.createArrayOf("varchar", TRADING_PROCESSORS.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    claims.computeIfAbsent(String.valueOf(rows.getString(1)), o -> new TreeMap<>())
                            .put(rows.getString(2), rows.getInt(3));
                }
            }
        }
        return claims;
    }

    /** The shipped segment counts of the trading processors (config/trading.yml on the classpath). */
    @SuppressWarnings("unchecked")
    private static Map<String, Integer> tradingSegments() throws IOException {
        try (InputStream in = ClusterTradingBenchmarkIT.class.getResourceAsStream("/config/trading.yml")) {
            Map<String, Object> yaml = new Yaml().load(in);
            Map<String, Object> processors = (Map<String, Object>)
                    ((Map<String, Object>) ((Map<String, Object>) yaml.get("axon")).get("eventhandling"))
                            .get("processors");
            Map<String, Integer> segments = new LinkedHashMap<>();
            for (String processor : TRADING_PROCESSORS) {
                Map<String, Object> settings = (Map<String, Object>) processors.get(processor);
                segments.put(processor, (Integer) settings.get("initial-segment-count"));
            }
            return segments;
        }
    }

    /** PostgreSQL's top statements of the wave by total execution time (pg_stat_statements). */
    private static void printTopStatements(DebianPostgres postgres, String tag) throws SQLException {
        try (Connection db = postgres.superuser();
                Statement s = db.createStatement();
                ResultSet total = s.executeQuery("select coalesce(sum(total_exec_time), 0), coalesce(sum(calls), 0)"
                        + " from pg_stat_statements where dbid = (select oid from pg_database where datname = '"
                        + DebianPostgres.DATABASE + "')")) {
            total.next();
            double all = total.getDouble(1);
            System.out.printf(
                    "BENCH cluster %s postgres statements total=%.0f ms calls=%d%n", tag, all, total.getLong(2));
            try (ResultSet rows = s.executeQuery("select calls, total_exec_time, mean_exec_time, rows, query"
                    + " from pg_stat_statements where dbid = (select oid from pg_database where datname = '"
                    + DebianPostgres.DATABASE + "') order by total_exec_time desc limit 12")) {
                while (rows.next()) {
                    String query = rows.getString(5).replaceAll("\\s+", " ");
                    System.out.printf(
                            "BENCH cluster %s pg total=%.0f ms (%.0f%%) calls=%d mean=%.2f ms rows=%d: %s%n",
                            tag,
                            rows.getDouble(2),
                            all == 0 ? 0 : 100 * rows.getDouble(2) / all,
                            rows.getLong(1),
                            rows.getDouble(3),
                            rows.getLong(4),
                            query.length() > 200 ? query.substring(0, 200) + "…" : query);
                }
            }
        }
    }

    /**
     * CPU seconds (user + system, from /proc/PID/stat) of each node, of PostgreSQL, the simulator and
     * HAProxy, each with every process it started (PostgreSQL's backends) and the children it has reaped.
     */
    private static Map<String, Double> cpu(LocalCluster cluster) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (ClusterProcess node : cluster.nodes()) {
            seconds.put(node.name(), treeCpu(node));
        }
        seconds.put("postgres", treeCpu(cluster.postgres().process()));
        seconds.put("simulator", treeCpu(cluster.simulator()));
        seconds.put("haproxy", cluster.haproxy() == null ? 0.0 : treeCpu(cluster.haproxy()));
        return seconds;
    }

    private static double treeCpu(ClusterProcess process) {
        ProcessHandle root = process.handle().orElseThrow();
        double ticks = procTicks(root.pid());
        for (ProcessHandle child : root.descendants().toList()) {
            ticks += procTicks(child.pid());
        }
        return ticks / CLOCK_TICKS;
    }

    /** utime + stime + cutime + cstime of one process, 0 when it has gone. */
    private static long procTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            // the fields after "(comm)", which may itself hold spaces: state is field 3, utime 14 .. cstime 17
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long total = 0;
            for (int field = 14; field <= 17; field++) {
                total += Long.parseLong(fields[field - 3]);
            }
            return total;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static String load() {
        try {
            String[] loadavg = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return loadavg[0] + "/" + loadavg[1] + "/" + loadavg[2];
        } catch (IOException e) {
            return "?";
        }
    }

    // ---------------------------------------------------------------- HTTP

    /** The sum of every series of this metric in the node's Prometheus scrape (0 when absent). */
    private double metric(int port, String name) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + SCRAPE_TOKEN)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("scrape of port %d", port).isEqualTo(200);
        double sum = 0;
        for (String line : response.body().split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private int simulatorPost(LocalCluster cluster, String path, Object body) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.simulatorPort() + path))
                                .timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private String token(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
