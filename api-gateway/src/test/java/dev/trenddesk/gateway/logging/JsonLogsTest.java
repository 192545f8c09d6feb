package dev.trenddesk.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trenddesk.gateway.TrendDeskApplication;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * TrendDesk in a JVM of its own with {@code trenddesk.logging.format=json}, as the cluster runs it, and our own
 * packages at DEBUG, their most talkative: real flows that log (a wrong password, a BingX key connected with a wrong
 * secret against the simulator, a bot that places an order, the database cutting every connection), then its
 * standard output as an operator's log shipper reads it. Every line is one JSON object with the fields of
 * docs/logging.md; the lines of a request's work carry its trace id and user id, also where Axon handles the
 * request's command and events on other threads; and no secret the test used appears anywhere in the output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonLogsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NODE = "json-logs-node";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Path workDir;
    private Path stdout;
    private Path stderr;
    private Process process;
    private int port;
    private String simUrl;
    private final String masterKey = base64(32);
    private final List<String> secrets = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        workDir = Path.of(System.getProperty("trenddesk.test.build-dir", "target"), "json-logs")
                .toAbsolutePath();
        deleteRecursively(workDir);
        Files.createDirectories(workDir);
        stdout = workDir.resolve("stdout.log");
        stderr = workDir.resolve("stderr.log");
        port = freePort();
        int simPort = freePort();
        simUrl = "http://127.0.0.1:" + simPort;
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx640m",
                "-cp",
                System.getProperty("java.class.path"),
                TrendDeskApplication.class.getName(),
                "--server.port=" + port,
                "--trenddesk.simulator.port=" + simPort,
                "--trenddesk.simulator.clock-mode=STEPPED",
                "--trenddesk.simulator.persist=false",
                "--trenddesk.logging.format=json",
                "--trenddesk.node.id=" + NODE,
                "--trenddesk.admin.username=" + IntegrationTest.ADMIN,
                "--trenddesk.admin.password=" + IntegrationTest.ADMIN_PASSWORD,
                "--trenddesk.demo.enabled=false",
                "--trenddesk.trading.poll-interval=1s",
                "--logging.level.dev.trenddesk=DEBUG");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().put("TRENDDESK_MASTER_KEY", masterKey);
        process = builder.start();
        secrets.add(masterKey);
        secrets.add(IntegrationTest.ADMIN_PASSWORD);
        await().atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("TrendDesk exited while starting:\n" + Files.readString(stdout));
                    }
                    return status("/actuator/health/readiness") == 200;
                });
    }

    @AfterAll
    void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void jsonLinesWithTraceAndUserAndNoSecret() throws Exception {
        People people = new People(port);
        secrets.add(people.admin().cookie("td_session"));
        secrets.add(people.admin().cookie("XSRF-TOKEN"));

        // a wrong password
        String wrongPassword = "Wrong-" + random(20);
        secrets.add(wrongPassword);
        Api stranger = Api.at(port);
        Api.Response refused = stranger.exchange(
                "POST",
                "/api/auth/login",
                JSON.writeValueAsBytes(Map.of("username", IntegrationTest.ADMIN, "password", wrongPassword)),
                "application/json",
                Map.of("X-Trace-Id", "trace-wrong-password"),
                Duration.ofSeconds(30));
        assertThat(refused.status()).isEqualTo(401);

        // a trader connects a key with a wrong secret, then the right one
        People.Person person = people.create("trader");
        secrets.add(person.password());
        Api.Response granted = people.admin().patch("/api/admin/users/" + person.id(), Map.of("tradingEnabled", true));
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        Api trader = person.login();
        secrets.add(trader.cookie("td_session"));
        secrets.add(trader.cookie("XSRF-TOKEN"));
        assertThat(trader.put("/api/me/settings", eagerSettings()).status()).isEqualTo(200);
        String apiKey = random(64);
        String secretKey = random(64);
        String wrongSecret = random(64);
        secrets.addAll(List.of(apiKey, secretKey, wrongSecret));
        assertThat(sim("/sim/accounts", Map.of("apiKey", apiKey, "secretKey", secretKey, "balance", "10000")))
                .isEqualTo(201);
        Api.Response wrong = trader.exchange(
                "POST",
                "/api/me/bingx",
                JSON.writeValueAsBytes(Map.of("apiKey", apiKey, "secretKey", wrongSecret)),
                "application/json",
                Map.of("X-Trace-Id", "trace-wrong-secret"),
                Duration.ofSeconds(60));
        assertThat(wrong.body()).contains("FAILED");
        Api.Response connected = trader.post("/api/me/bingx", Map.of("apiKey", apiKey, "secretKey", secretKey));
        assertThat(connected.json().get("status").asText())
                .as(connected.toString())
                .isEqualTo("VERIFIED");

        // its bot places an order
        await().atMost(Duration.ofSeconds(30))
                .until(() -> trader.exchange(
                                        "POST",
                                        "/api/me/bot/start",
                                        "{}".getBytes(StandardCharsets.UTF_8),
                                        "application/json",
                                        Map.of("X-Trace-Id", "trace-bot-start"),
                                        Duration.ofSeconds(30))
                                .status()
                        == 200);
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    sim("/sim/clock/step", Map.of("candles", 1));
                    return trader.get("/api/me/orders?limit=10").json().size() > 0;
                });

        // the database cuts every connection of the application: stack traces
        Properties passwords = new Properties();
        try (InputStream in = Files.newInputStream(workDir.resolve("data/postgres-passwords.properties"))) {
            passwords.load(in);
        }
        secrets.add(passwords.getProperty("superuser.password"));
        secrets.add(passwords.getProperty("app.password"));
        terminateApplicationConnections(passwords);
        await().atMost(Duration.ofSeconds(60)).until(() -> lines().stream().anyMatch(line -> line.has("stack_trace")));
        await().atMost(Duration.ofSeconds(60)).until(() -> status("/actuator/health/readiness") == 200);
        assertThat(trader.get("/api/me/orders?limit=10").status()).isEqualTo(200);

        // a graceful stop writes its last lines
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        List<JsonNode> lines = lines();
        assertThat(lines).hasSizeGreaterThan(100);
        for (JsonNode line : lines) {
            for (String field : List.of("timestamp", "level", "logger", "thread", "message", "node")) {
                assertThat(line.hasNonNull(field)).as("%s in %s", field, line).isTrue();
            }
            assertThat(line.get("node").asText()).isEqualTo(NODE);
        }
        assertThat(lines)
                .as("the verification of the key with the wrong secret, logged by the saga side")
                .anySatisfy(line -> {
                    assertThat(line.get("message").asText()).contains("exchange key failed");
                    assertThat(line.path("traceId").asText()).isEqualTo("trace-wrong-secret");
                    assertThat(line.path("userId").asText()).isEqualTo(person.id());
                });

        assertThat(lines)
                .as("the bot's account prepared at BingX by the saga, for the request that started the bot")
                .anySatisfy(line -> {
                    assertThat(line.get("logger").asText()).isEqualTo("dev.trenddesk.bingx.RestTransport");
                    assertThat(line.path("traceId").asText()).isEqualTo("trace-bot-start");
                    assertThat(line.path("userId").asText()).isEqualTo(person.id());
                });
        assertThat(lines)
                .as("the readiness checks' requests while the database was away")
                .anySatisfy(line -> {
                    assertThat(line.get("level").asText()).isEqualTo("WARN");
                    assertThat(line.hasNonNull("traceId")).isTrue();
                    assertThat(line.hasNonNull("stack_trace")).isTrue();
                });

        assertThat(lines)
                .as("Spring Boot's unused default user's generated password is not announced")
                .noneSatisfy(line -> assertThat(line.get("message").asText()).contains("generated security password"));

        String everything = Files.readString(stdout) + Files.readString(stderr);
        for (String secret : secrets) {
            assertThat(secret).isNotBlank();
            assertThat(everything).as("the output shows a secret the test used").doesNotContain(secret);
        }
    }

    private void terminateApplicationConnections(Properties passwords) throws Exception {
        String url = null;
        for (JsonNode line : lines()) {
            String message = line.get("message").asText();
            if (message.startsWith("Embedded PostgreSQL (pid")) {
                String port = message.replaceAll(".* listening on port (\\d+) .*", "$1");
                url = "jdbc:postgresql://localhost:" + port + "/postgres";
            }
        }
        assertThat(url).as("the embedded PostgreSQL's port in the log").isNotNull();
        try (Connection connection = DriverManager.getConnection(
                        url, passwords.getProperty("superuser.username"), passwords.getProperty("superuser.password"));
                Statement statement = connection.createStatement();
                ResultSet killed = statement.executeQuery(
                        "select pg_terminate_backend(pid) from pg_stat_activity where usename = 'trenddesk'")) {
            int count = 0;
            while (killed.next()) {
                count++;
            }
            assertThat(count).as("application connections cut").isPositive();
        }
    }

    /**
     * The complete lines the process wrote so far. A line still being written (no newline yet) is left for the next
     * read: reading it half-written once failed a clean-clone run ("not a JSON line", cut at column 80).
     */
    private List<JsonNode> lines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        String written = Files.readString(stdout, StandardCharsets.UTF_8);
        String complete = written.substring(0, written.lastIndexOf('\n') + 1);
        for (String text : complete.lines().toList()) {
            JsonNode line;
            try {
                line = JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + text, e);
            }
            assertThat(line.isObject()).as(text).isTrue();
            lines.add(line);
        }
        return lines;
    }

    private static Map<String, Object> eagerSettings() {
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
        settings.put("symbols", List.of("ETH-USDT"));
        return settings;
    }

    private int status(String path) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private int sim(String path, Object body) throws IOException, InterruptedException {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(simUrl + path))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String random(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String base64(int bytes) {
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path each : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
