package dev.trenddesk.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.gateway.support.Api;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster mode, for real: Debian's PostgreSQL, the standalone BingX simulator, three nodes of the
 * packaged jar (every role each, one database) and HAProxy on loopback with deploy/haproxy/haproxy.cfg as
 * it is. Traders are created and their bots started through the balancer; then one node at a time is
 * killed -9 at a random moment and started again. After each kill every running bot must decide on a
 * new candle within 30 s. At the end: every order at the exchange is known to the platform exactly once,
 * the candle streams have no gap and no double, every bot that never holds a position decided on every
 * candle exactly once, and the audit chain is intact. Last, a rolling restart (SIGTERM, start) of every
 * node while clients keep calling through the balancer: not one request may fail. Throughout, a few
 * dashboards follow their live stream through the balancer and resume it with Last-Event-ID wherever
 * they land: no update may be missed or come twice.
 *
 * <p>{@code -Dtrenddesk.cluster.kills=N} (default 3), {@code -Dtrenddesk.cluster.bots=N} (default 20,
 * even) and {@code -Dtrenddesk.cluster.seed=N} (printed) make a longer soak or repeat a run; see
 * docs/cluster.md. Logs of every process: {@code target/cluster-it/run-<seed>/}.
 */
class ClusterFailoverIT {

    private static final int NODES = 3;
    private static final int KILLS = Integer.getInteger("trenddesk.cluster.kills", 3);
    private static final int BOTS = Integer.getInteger("trenddesk.cluster.bots", 20);
    private static final Duration DECIDE_WITHIN = Duration.ofSeconds(30);
    private static final Duration START_LIMIT = Duration.ofSeconds(240);
    private static final String ADMIN_PASSWORD = "cluster-test-admin-password-4Vd";
    private static final Duration CANDLE = Duration.ofMinutes(5);
    private static final int SSE_CLIENTS = 4;
    private static final String SESSION_COOKIE = "td_session";
    private static final List<String> SYMBOLS = List.of("ETH-USDT", "BTC-USDT");
    /** Events by which a bot shows it decided on a candle (EquityObserved also when it keeps a position). */
    private static final Set<String> DECISIONS =
            Set.of("EquityObserved", "SignalGenerated", "SignalSkipped", "OrderPlacementRequested");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom secureRandom = new SecureRandom();
    private LocalCluster cluster;
    private List<ClusterProcess> nodes;
    private DebianPostgres postgres;
    private int simulatorPort;
    private int balancerPort;

    /** A trader and their bot: {@code watcher}s hold too little to ever open a position, so they decide visibly on every candle. */
    private record Bot(
            String userId, String username, String password, String symbol, String apiKey, boolean watcher) {}

    @AfterEach
    void leaveNothingRunning() {
        ClusterProcess.stopAll();
    }

    @Test
    void threeNodesBehindHaproxySurviveKillsAndARollingRestart() throws Exception {
        long seed = Long.getLong("trenddesk.cluster.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.println(
                "ClusterFailoverIT: " + NODES + " nodes, " + BOTS + " bots, " + KILLS + " kills, seed " + seed);
        Path dir = Path.of(System.getProperty("trenddesk.test.build-dir", "target"), "cluster-it", "run-" + seed)
                .toAbsolutePath();
        Files.createDirectories(dir);

        cluster = new LocalCluster(dir, ADMIN_PASSWORD, Map.of());
        postgres = cluster.startPostgres(Map.of());
        // a 5-minute candle every 5 s
        cluster.startSimulator(
                List.of("-Xmx256m"),
                List.of(
                        "--speed",
                        "60",
                        "--data",
                        dir.resolve("simulator").resolve("data").toString()));
        simulatorPort = cluster.simulatorPort();
        for (int i = 1; i <= NODES; i++) {
            cluster.addNode(
                    // three JVMs and more on a small shared machine: C1 only and the serial collector keep
                    // starts short (a restart is waited for between kills); the load they carry is light
                    List.of("-Xmx768m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                    // the bots trade two symbols at 5x, beyond the Free plan a new platform starts on (docs/plans.md)
                    List.of("--trenddesk.trading.poll-interval=5s", "--trenddesk.plans.initial-default=pro"));
        }
        nodes = cluster.nodes();
        // the first node creates the schema and the bootstrap admin; the others join an existing store
        cluster.startNodes(START_LIMIT);
        cluster.startBalancer();
        balancerPort = cluster.balancerPort();

        Api admin = Api.loggedIn(balancerPort, "admin", ADMIN_PASSWORD);
        List<Bot> bots = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
            List<Future<Bot>> started = new ArrayList<>();
            for (int i = 0; i < BOTS; i++) {
                int index = i;
                started.add(pool.submit(() -> startBot(admin, index)));
            }
            for (Future<Bot> bot : started) {
                bots.add(bot.get());
            }
        }
        Instant botsStarted = Instant.now();
        awaitEveryBotDecidesAfter(admin, bots, botsStarted, Duration.ofSeconds(90));
        System.out.println("ClusterFailoverIT: " + bots.size() + " bots deciding");

        // dashboards following their trader's live stream through the balancer, for the whole run
        Map<SseFollower, Bot> followers = new LinkedHashMap<>();
        for (Bot bot :
                bots.stream().filter(b -> !b.watcher()).limit(SSE_CLIENTS).toList()) {
            Api trader = Api.loggedIn(balancerPort, bot.username(), bot.password());
            String cookie = SESSION_COOKIE + "=" + trader.cookie(SESSION_COOKIE);
            SseFollower follower = new SseFollower(bot.username(), balancerPort, cookie);
            follower.start();
            followers.put(follower, bot);
        }

        List<String> kills = new ArrayList<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            Thread.sleep(2_000 + random.nextInt(10_000));
            ClusterProcess victim = nodes.get(random.nextInt(NODES));
            victim.kill();
            Instant killedAt = Instant.now();
            kills.add(victim.name() + " at " + killedAt);
            victim.start();
            List<Bot> running = runningBots(admin, bots);
            assertThat(running).as("bots still running before kill %d", kill).isNotEmpty();
            Map<String, Duration> decidedAfter = awaitEveryBotDecidesAfter(admin, running, killedAt, DECIDE_WITHIN);
            System.out.println("ClusterFailoverIT: kill " + kill + " of " + victim.name()
                    + ": slowest bot decided after "
                    + decidedAfter.values().stream().max(Duration::compareTo).orElseThrow());
            awaitReady(victim);
        }
        System.out.println("ClusterFailoverIT: kills " + kills);

        rollingRestartWithoutAFailedRequest(bots.getFirst());

        // the streams catch up with what was published meanwhile, then end
        Thread.sleep(5_000);
        for (SseFollower follower : followers.keySet()) {
            follower.stop();
        }
        assertStreamsResumedWithoutGapOrDuplicate(followers);

        // every bot is still deciding after the restarts, and the read side has caught up with it
        Instant afterRestart = Instant.now();
        awaitEveryBotDecidesAfter(admin, runningBots(admin, bots), afterRestart, Duration.ofSeconds(60));

        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> {
                    for (Bot bot : bots) {
                        assertOrdersExactlyOnce(bot);
                    }
                });
        assertCandlesNeitherMissedNorDoubled(admin, bots);

        JsonNode audit = admin.get("/api/audit/verify").json();
        assertThat(audit.get("intact").asBoolean()).as("audit chain: %s", audit).isTrue();
    }

    // ---------------------------------------------------------------- processes

    private void awaitReady(ClusterProcess node) {
        cluster.awaitReady(node, START_LIMIT);
    }

    // ---------------------------------------------------------------- traders and bots

    private Bot startBot(Api admin, int index) throws IOException, InterruptedException {
        boolean watcher = index % 2 == 1;
        String symbol = SYMBOLS.get((index / 2) % SYMBOLS.size());
        String username = "cluster-" + (watcher ? "watcher" : "trader") + "-" + index + "-" + token(6);
        String password = "pw-" + token(20);
        Api.Response created = admin.post(
                "/api/admin/users",
                Map.of(
                        "username",
                        username,
                        "email",
                        username + "@example.com",
                        "password",
                        password,
                        "role",
                        "trader"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String userId = created.json().get("id").asText();
        Api.Response granted = admin.patch("/api/admin/users/" + userId, Map.of("tradingEnabled", true));
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);

        Api trader = Api.loggedIn(balancerPort, username, password);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("maxPositions", 1);
        settings.put("riskPerTradePct", new BigDecimal("1.0"));
        settings.put("dailyLossLimitPct", new BigDecimal("50"));
        settings.put("maxDrawdownPct", new BigDecimal("90"));
        settings.put("leverage", 5);
        settings.put("positionMode", "HEDGE");
        settings.put("adxThreshold", new BigDecimal("10"));
        settings.put("timeframe", "5m");
        settings.put("signalConfidence", new BigDecimal("0"));
        settings.put("stopAtr", new BigDecimal("0.5"));
        settings.put("takeProfitR", new BigDecimal("0.5"));
        settings.put("symbols", List.of(symbol));
        Api.Response saved = trader.put("/api/me/settings", settings);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);

        String apiKey = token(64);
        String secretKey = token(64);
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("apiKey", apiKey);
        account.put("secretKey", secretKey);
        // a watcher's balance cannot pay the margin of the smallest order: it never holds a position, so every
        // candle ends in a recorded SignalSkipped rather than an unrecorded hold
        account.put("balance", watcher ? "0.01" : "10000");
        account.put("permissions", List.of("READ", "TRADE"));
        account.put("positionMode", "HEDGE");
        account.put("leverage", 5);
        assertThat(simulatorPost("/sim/accounts", account)).isEqualTo(201);
        Api.Response connected = trader.post("/api/me/bingx", Map.of("apiKey", apiKey, "secretKey", secretKey));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);

        // the bot starts once the verified key has reached the trading side (any node)
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Api.Response started = trader.post("/api/me/bot/start", Map.of());
                    assertThat(started.status()).as(started.toString()).isIn(200, 201, 202, 409);
                    assertThat(trader.get("/api/me/bot").json().path("status").asText())
                            .as(username)
                            .isEqualTo("RUNNING");
                });
        return new Bot(userId, username, password, symbol, apiKey, watcher);
    }

    private List<Bot> runningBots(Api admin, List<Bot> bots) {
        List<Bot> running = new ArrayList<>();
        for (Bot bot : bots) {
            Api.Response status = admin.get("/api/admin/users/" + bot.userId() + "/bot");
            assertThat(status.status()).as(status.toString()).isEqualTo(200);
            if ("RUNNING".equals(status.json().path("status").asText())) {
                running.add(bot);
            }
        }
        return running;
    }

    /**
     * Waits until each bot has recorded a decision stamped after {@code since}, and asserts the first one
     * came within {@code within}. The audit log shows when each event happened, whichever node handled
     * it; it may itself lag behind (its segments may have been on the killed node), so it is read until
     * every bot appears or the deadline plus a margin for the audit to catch up has passed.
     */
    private Map<String, Duration> awaitEveryBotDecidesAfter(Api admin, List<Bot> bots, Instant since, Duration within) {
        Map<String, Duration> first = new ConcurrentHashMap<>();
        Map<String, String> names = new HashMap<>();
        bots.forEach(b -> names.put(b.userId(), b.username()));
        Instant until = since.plus(within);
        await().atMost(within.plus(Duration.ofSeconds(90)))
                .pollInterval(Duration.ofSeconds(2))
                .alias("every bot decides within " + within + " of " + since)
                .until(() -> {
                    for (JsonNode row : auditRows(admin, null, null, since, until)) {
                        String user = row.path("userId").asText("");
                        if (names.containsKey(user)
                                && DECISIONS.contains(row.path("eventType").asText())) {
                            Duration after = Duration.between(
                                    since, Instant.parse(row.get("at").asText()));
                            first.merge(user, after, (a, b) -> a.compareTo(b) <= 0 ? a : b);
                        }
                    }
                    return first.keySet().containsAll(names.keySet());
                });
        return first;
    }

    // ---------------------------------------------------------------- rolling restart

    /**
     * SIGTERM one node after the other and start it again, while two clients keep calling through the
     * balancer (a logged-in trader's reads and the public health endpoint): readiness turns DOWN first, the
     * node keeps serving for the drain pause while HAProxy takes it out, then finishes what it has in flight.
     */
    private void rollingRestartWithoutAFailedRequest(Bot bot) throws Exception {
        Api trader = Api.loggedIn(balancerPort, bot.username(), bot.password());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger requests = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        List<String> paths = List.of("/api/me", "/api/me/bot", "/api/me/orders?limit=20", "/api/me/positions");
        Thread[] clients = new Thread[2];
        for (int c = 0; c < clients.length; c++) {
            int client = c;
            clients[c] = Thread.ofPlatform().name("cluster-client-" + c).start(() -> {
                int i = 0;
                while (!stop.get()) {
                    String path = paths.get((i++ + client) % paths.size());
                    try {
                        Api.Response response = trader.get(path);
                        requests.incrementAndGet();
                        if (response.status() != 200) {
                            failures.add(Instant.now() + " GET " + path + " -> " + response);
                        }
                    } catch (RuntimeException e) {
                        requests.incrementAndGet();
                        failures.add(Instant.now() + " GET " + path + " -> " + e);
                    }
                }
            });
        }
        List<String> stops = new ArrayList<>();
        try {
            for (ClusterProcess node : nodes) {
                long started = System.nanoTime();
                Optional<Integer> exit = node.terminate(Duration.ofSeconds(60));
                assertThat(exit)
                        .as("%s stopped within 60 s of SIGTERM", node.name())
                        .isPresent();
                stops.add(node.name() + " stopped in "
                        + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms (exit " + exit.get() + ")");
                node.start();
                awaitReady(node);
                // HAProxy takes it back after two good checks a second apart
                Thread.sleep(4_000);
            }
        } finally {
            stop.set(true);
            for (Thread client : clients) {
                client.join(60_000);
            }
        }
        System.out.println(
                "ClusterFailoverIT: rolling restart " + stops + ", " + requests.get() + " requests through HAProxy");
        assertThat(requests.get())
                .as("requests sent during the rolling restart")
                .isGreaterThan(50);
        assertThat(failures).as("failed requests during the rolling restart").isEmpty();
    }

    // ---------------------------------------------------------------- final checks

    /** Every order the exchange holds for this bot's key is one the platform requested, exactly once. */
    private void assertOrdersExactlyOnce(Bot bot) throws IOException, InterruptedException {
        Api trader = Api.loggedIn(balancerPort, bot.username(), bot.password());
        List<String> platformOrderIds = new ArrayList<>();
        for (JsonNode order : trader.get("/api/me/orders?limit=500").json()) {
            platformOrderIds.add(order.get("clientOrderId").asText().toLowerCase());
        }
        assertThat(platformOrderIds)
                .as("%s: one platform order per decision", bot.username())
                .doesNotHaveDuplicates();
        JsonNode account = simulatorGet("/sim/accounts/" + bot.apiKey());
        Set<String> seen = new HashSet<>();
        for (JsonNode order : account.get("orders")) {
            String clientOrderId = order.path("clientOrderId").asText("");
            if (clientOrderId.isEmpty()) {
                assertThat(order.path("type").asText())
                        .as("%s: an exchange order without a client id is an attached stop or target", bot.username())
                        .isIn("STOP_MARKET", "TAKE_PROFIT_MARKET");
                continue;
            }
            assertThat(seen.add(clientOrderId.toLowerCase()))
                    .as("%s: exchange order %s placed once", bot.username(), clientOrderId)
                    .isTrue();
            assertThat(platformOrderIds)
                    .as("%s: exchange order %s is known to the platform", bot.username(), clientOrderId)
                    .contains(clientOrderId.toLowerCase());
        }
        if (bot.watcher()) {
            assertThat(seen).as("%s never affords an order", bot.username()).isEmpty();
        }
    }

    /**
     * Each stream's candles (CandleClosed, the event store's record of the market) follow each other one
     * period apart, none twice, all live; no bot decided twice on one candle; and each watcher decided on
     * every candle of its stream from its first decision to the newest candle every watcher has reached.
     */
    private void assertCandlesNeitherMissedNorDoubled(Api admin, List<Bot> bots) {
        Map<String, List<Instant>> live = new TreeMap<>();
        Map<String, List<Instant>> history = new TreeMap<>();
        for (JsonNode row : auditRows(admin, null, "CandleClosed", null, null)) {
            JsonNode candle = row.get("payload");
            if (!"5m".equals(timeframe(candle))) {
                continue;
            }
            String symbol = candle.get("symbol").asText();
            (candle.path("live").asBoolean() ? live : history)
                    .computeIfAbsent(symbol, s -> new ArrayList<>())
                    .add(Instant.parse(candle.get("openTime").asText()));
        }
        for (String symbol : SYMBOLS) {
            List<Instant> times = live.getOrDefault(symbol, List.of());
            assertThat(times).as("live candles of %s", symbol).isNotEmpty().doesNotHaveDuplicates();
            Instant firstLive = times.stream().min(Instant::compareTo).orElseThrow();
            List<Instant> lateHistory = history.getOrDefault(symbol, List.of()).stream()
                    .filter(t -> t.isAfter(firstLive))
                    .sorted()
                    .toList();
            assertThat(lateHistory)
                    .as(
                            "%s: candles published as history (live=false) after the stream went live: no bot decides on them",
                            symbol)
                    .isEmpty();
            List<Instant> sorted = new ArrayList<>(new TreeSet<>(times));
            for (int i = 1; i < sorted.size(); i++) {
                assertThat(Duration.between(sorted.get(i - 1), sorted.get(i)))
                        .as("%s: the candle after %s", symbol, sorted.get(i - 1))
                        .isEqualTo(CANDLE);
            }
        }

        Map<String, Map<String, List<Instant>>> skipped = new HashMap<>();
        Map<String, Map<String, List<Instant>>> generated = new HashMap<>();
        for (String type : List.of("SignalSkipped", "SignalGenerated")) {
            for (JsonNode row : auditRows(admin, null, type, null, null)) {
                JsonNode payload = row.get("payload");
                (type.equals("SignalSkipped") ? skipped : generated)
                        .computeIfAbsent(row.path("userId").asText(), u -> new HashMap<>())
                        .computeIfAbsent(payload.get("symbol").asText(), s -> new ArrayList<>())
                        .add(Instant.parse(payload.get("candleTime").asText()));
            }
        }
        Instant reachedByAll = null;
        for (Bot bot : bots) {
            List<Instant> skips = skipped.getOrDefault(bot.userId(), Map.of()).getOrDefault(bot.symbol(), List.of());
            List<Instant> signals =
                    generated.getOrDefault(bot.userId(), Map.of()).getOrDefault(bot.symbol(), List.of());
            assertThat(skips).as("%s: skipped candles", bot.username()).doesNotHaveDuplicates();
            assertThat(signals).as("%s: signals", bot.username()).doesNotHaveDuplicates();
            if (bot.watcher()) {
                Instant newest = skips.stream().max(Instant::compareTo).orElseThrow();
                reachedByAll = reachedByAll == null || newest.isBefore(reachedByAll) ? newest : reachedByAll;
            }
        }
        int checked = 0;
        for (Bot bot : bots) {
            if (!bot.watcher()) {
                continue;
            }
            Set<Instant> decided = new TreeSet<>(skipped.get(bot.userId()).get(bot.symbol()));
            Instant from = ((TreeSet<Instant>) decided).first();
            Instant to = reachedByAll;
            List<Instant> missed = live.get(bot.symbol()).stream()
                    .filter(t -> !t.isBefore(from) && !t.isAfter(to))
                    .filter(t -> !decided.contains(t))
                    .sorted()
                    .toList();
            assertThat(missed)
                    .as(
                            "%s: live %s candles between %s and %s it did not decide on",
                            bot.username(), bot.symbol(), from, to)
                    .isEmpty();
            checked += (int) decided.stream().filter(t -> !t.isAfter(to)).count();
        }
        System.out.println("ClusterFailoverIT: " + checked + " watcher decisions checked against the candle streams "
                + live.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue().size())
                        .toList());
    }

    /**
     * Every stream got one snapshot (its first connection's) and after it each update once, in order; it
     * resumed at least once (the rolling restart ends every stream); and every update the database holds
     * for it (its user's and the market's, ADR 0017) between its first and last id reached it.
     */
    private void assertStreamsResumedWithoutGapOrDuplicate(Map<SseFollower, Bot> followers) throws SQLException {
        for (Map.Entry<SseFollower, Bot> entry : followers.entrySet()) {
            SseFollower follower = entry.getKey();
            List<Long> ids = follower.ids();
            System.out.println("ClusterFailoverIT: stream of " + follower.name() + ": " + ids.size() + " updates over "
                    + follower.connections() + " connections");
            assertThat(follower.problems())
                    .as("%s: stream problems", follower.name())
                    .isEmpty();
            assertThat(follower.snapshots())
                    .as("%s: snapshots (a resume that could not continue gets one)", follower.name())
                    .hasSize(1);
            assertThat(follower.connections())
                    .as("%s: connections (the rolling restart ended each stream at least once)", follower.name())
                    .isGreaterThan(1);
            assertThat(ids).as("%s: updates received", follower.name()).isNotEmpty();
            for (int i = 1; i < ids.size(); i++) {
                assertThat(ids.get(i))
                        .as("%s: update after id %d (no duplicate, in order)", follower.name(), ids.get(i - 1))
                        .isGreaterThan(ids.get(i - 1));
            }
            List<Long> stored = new ArrayList<>();
            try (Connection db = postgres.superuser();
                    PreparedStatement query =
                            db.prepareStatement("select seq from feed_updates where seq between ? and ?"
                                    + " and (user_id = ?::uuid or user_id is null) order by seq")) {
                query.setLong(1, ids.getFirst());
                query.setLong(2, ids.getLast());
                query.setString(3, entry.getValue().userId());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        stored.add(rows.getLong(1));
                    }
                }
            }
            Set<Long> received = new HashSet<>(ids);
            assertThat(stored.stream().filter(seq -> !received.contains(seq)).toList())
                    .as("%s: updates stored for this stream but never received", follower.name())
                    .isEmpty();
        }
    }

    private static String timeframe(JsonNode candle) {
        String tf = candle.path("timeframe").asText();
        return "M5".equals(tf) ? "5m" : tf;
    }

    // ---------------------------------------------------------------- HTTP helpers

    /** Every audit row matching the filters, all pages, oldest first. */
    private List<JsonNode> auditRows(Api admin, String user, String type, Instant from, Instant to) {
        List<JsonNode> rows = new ArrayList<>();
        String cursor = null;
        do {
            // every category (market data included) in chain order
            StringBuilder query = new StringBuilder("/api/audit/events?limit=500&category=all&order=oldest");
            param(query, "user", user);
            param(query, "type", type);
            param(query, "from", from == null ? null : from.toString());
            param(query, "to", to == null ? null : to.toString());
            param(query, "cursor", cursor);
            Api.Response page = admin.get(query.toString());
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            JsonNode json = page.json();
            json.get("entries").forEach(rows::add);
            cursor =
                    json.path("nextCursor").isTextual() ? json.get("nextCursor").asText() : null;
        } while (cursor != null);
        return rows;
    }

    private static void param(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private int simulatorPost(String path, Object body) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulatorPort + path))
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private JsonNode simulatorGet(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulatorPort + path))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return Api.JSON.readTree(response.body());
    }

    private String token(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(secureRandom.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
