package dev.trenddesk.gateway.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.gateway.support.Api;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Local mode survives kill -9: the real jar, started with the same command in the same folder, is
 * killed at random points while the demo bots trade, and started again each time. Every start must
 * be ready within 90 seconds with no manual step; the embedded PostgreSQL must not outlive the killed
 * JVM; afterwards the platform's positions are the built-in exchange's, every exchange order is one
 * the platform decided (once), the audit chain is intact, and a SIGTERM stop logs no ERROR.
 *
 * <p>{@code -Dtrenddesk.crash.kills=N} sets the number of kills (default 6); a longer soak is the same
 * test with more, see the README.
 */
class LocalModeCrashIT {

    private static final int KILLS = Integer.getInteger("trenddesk.crash.kills", 6);
    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    private static final String ADMIN_PASSWORD = "crash-test-admin-password-7Qx";
    private static final Map<String, String> DEMO_TRADERS =
            Map.of("alice", "alice-demo-password", "bob", "bob-demo-password");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private PlatformProcess platform;

    @AfterEach
    void leaveNothingRunning() throws InterruptedException {
        if (platform != null) {
            platform.forceStop();
        }
    }

    @Test
    void killedAtRandomPointsItRestartsWithTheSameCommandAndKeepsTheExchangeAndThePlatformInStep() throws Exception {
        long seed = Long.getLong("trenddesk.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.println("LocalModeCrashIT: " + KILLS + " kills, seed " + seed);
        Path dir = Path.of(System.getProperty("trenddesk.test.build-dir", "target"), "crash-it", "run-" + seed);
        platform = PlatformProcess.of(
                dir,
                Map.of("TRENDDESK_ADMIN_PASSWORD", ADMIN_PASSWORD),
                // a candle a second rather than every 2.5 s: more decisions, and so more orders in flight
                // when the kills come, in the same few minutes
                "trenddesk.simulator.speed=300",
                "trenddesk.trading.poll-interval=2s");
        List<String> startTimes = new ArrayList<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            Duration ready = startAndAwaitReady();
            startTimes.add(ready.toMillis() + " ms");
            if (kill == 1) {
                // the first start connects the demo keys and starts the bots: trading must be under way
                awaitDemoBotsRunning();
            }
            // a random point: mostly while the bots trade, sometimes right after readiness, when the
            // bots are still starting and the feed is catching up
            long tradeMillis = random.nextInt(4) == 0 ? random.nextInt(1_500) : 2_000 + random.nextInt(18_000);
            Thread.sleep(tradeMillis);
            long postgresPid = postmasterPid().orElse(-1L);
            platform.kill();
            awaitPostgresGone(postgresPid);
        }
        startTimes.add(startAndAwaitReady().toMillis() + " ms");
        System.out.println("LocalModeCrashIT: ready after " + startTimes);

        Map<String, Api> traders = new TreeMap<>();
        DEMO_TRADERS.forEach((name, password) -> traders.put(name, Api.loggedIn(platform.port(), name, password)));
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    for (Map.Entry<String, Api> trader : traders.entrySet()) {
                        assertPlatformMatchesExchange(trader.getKey(), trader.getValue());
                    }
                });
        assertThat(exchangeAccounts())
                .as("the demo traders kept their simulator accounts across every restart")
                .hasSize(DEMO_TRADERS.size());
        int orders = 0;
        for (Api trader : traders.values()) {
            orders += trader.get("/api/me/orders?limit=500").json().size();
        }
        System.out.println("LocalModeCrashIT: " + orders + " orders of the demo bots, platform and exchange in step");
        assertThat(orders)
                .as("the demo bots traded during the run, so the checks above were about real orders")
                .isPositive();

        Api admin = Api.loggedIn(platform.port(), "admin", ADMIN_PASSWORD);
        JsonNode audit = admin.get("/api/audit/verify").json();
        assertThat(audit.get("intact").asBoolean()).as("audit chain: %s", audit).isTrue();

        long logBeforeStop = Files.size(platform.log());
        Optional<Integer> exit = platform.terminate(Duration.ofSeconds(60));
        assertThat(exit).as("stopped within 60 s of SIGTERM").isPresent();
        String stopLog =
                new String(Files.readAllBytes(platform.log()), StandardCharsets.UTF_8).substring((int) logBeforeStop);
        assertThat(stopLog.lines().filter(line -> line.contains(" ERROR ")).toList())
                .as("ERROR lines logged while stopping on SIGTERM")
                .isEmpty();
        awaitPostgresGone(postmasterPid().orElse(-1L));
        String lastRun = Files.readString(platform.log());
        assertThat(lastRun).as("Axon's update checker stays off: no call home").doesNotContain("o.a.updates.");

        // the offline check of the same folder, as the README gives it
        Process verify = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        Path.of(System.getProperty("trenddesk.test.jar"))
                                .toAbsolutePath()
                                .toString(),
                        "verify-audit")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String verified = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor()).as(verified).isZero();
        assertThat(verified).contains("audit chain intact");
    }

    private Duration startAndAwaitReady() throws IOException {
        long started = System.nanoTime();
        platform.start();
        await().atMost(START_LIMIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!platform.isAlive()) {
                throw new AssertionError("the platform exited during start; see " + platform.log());
            }
            return platform.isReady();
        });
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void awaitDemoBotsRunning() {
        DEMO_TRADERS.forEach((name, password) -> {
            Api trader = Api.loggedIn(platform.port(), name, password);
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(trader.get("/api/me/bot")
                                    .json()
                                    .path("status")
                                    .asText())
                            .as(name)
                            .isEqualTo("RUNNING"));
        });
    }

    private Optional<Long> postmasterPid() throws IOException {
        Path pidFile = platform.workDir().resolve("data/postgres/postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        String first =
                Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        return first.matches("\\d+") ? Optional.of(Long.parseLong(first)) : Optional.empty();
    }

    /** The embedded PostgreSQL must not outlive the JVM that started it. */
    private static void awaitPostgresGone(long pid) {
        if (pid < 0) {
            return;
        }
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .alias("postgres " + pid + " gone")
                .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    /**
     * The trader's open positions on the platform are the ones the exchange holds, and every order on
     * the exchange is one the platform requested, exactly once.
     */
    private void assertPlatformMatchesExchange(String name, Api trader) throws IOException, InterruptedException {
        String masked = trader.get("/api/me/bingx").json().path("maskedApiKey").asText();
        JsonNode account = exchangeAccount(masked);

        Map<String, BigDecimal> exchangePositions = new HashMap<>();
        for (JsonNode position : account.get("positions")) {
            exchangePositions.merge(
                    position.get("symbol").asText() + " "
                            + position.get("positionSide").asText(),
                    new BigDecimal(position.get("positionAmt").asText()).abs(),
                    BigDecimal::add);
        }
        Map<String, BigDecimal> platformPositions = new HashMap<>();
        for (JsonNode position : trader.get("/api/me/positions").json()) {
            platformPositions.merge(
                    position.get("symbol").asText() + " " + position.get("side").asText(),
                    new BigDecimal(position.get("quantity").asText()),
                    BigDecimal::add);
        }
        assertThat(normalised(platformPositions))
                .as("%s: platform positions vs. the exchange's", name)
                .isEqualTo(normalised(exchangePositions));

        List<String> platformOrderIds = new ArrayList<>();
        for (JsonNode order : trader.get("/api/me/orders?limit=500").json()) {
            platformOrderIds.add(order.get("clientOrderId").asText().toLowerCase());
        }
        assertThat(platformOrderIds)
                .as("%s: one platform order per decision", name)
                .doesNotHaveDuplicates();
        Set<String> seen = new HashSet<>();
        for (JsonNode order : account.get("orders")) {
            String clientOrderId = order.path("clientOrderId").asText("");
            String type = order.path("type").asText();
            if (clientOrderId.isEmpty()) {
                assertThat(type)
                        .as("%s: an exchange order without a client id is an attached stop or target", name)
                        .isIn("STOP_MARKET", "TAKE_PROFIT_MARKET");
                continue;
            }
            assertThat(seen.add(clientOrderId))
                    .as("%s: exchange order %s placed once", name, clientOrderId)
                    .isTrue();
            assertThat(platformOrderIds)
                    .as("%s: exchange order %s is known to the platform", name, clientOrderId)
                    .contains(clientOrderId);
        }
    }

    private static Map<String, BigDecimal> normalised(Map<String, BigDecimal> positions) {
        Map<String, BigDecimal> result = new TreeMap<>();
        positions.forEach((key, quantity) -> {
            if (quantity.signum() != 0) {
                result.put(key, quantity.stripTrailingZeros());
            }
        });
        return result;
    }

    /** The exchange's own view of the account whose key the platform shows as {@code masked}. */
    private JsonNode exchangeAccount(String masked) throws IOException, InterruptedException {
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode account : exchangeAccounts()) {
            String apiKey = account.get("apiKey").asText();
            if (masked.equals("****" + apiKey.substring(apiKey.length() - 4))) {
                matching.add(account);
            }
        }
        assertThat(matching).as("exchange accounts for the key %s", masked).hasSize(1);
        return matching.getFirst();
    }

    private JsonNode exchangeAccounts() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(platform.simulatorUrl() + "/sim/accounts"))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Api.JSON.readTree(response.body()).get("accounts");
    }
}
