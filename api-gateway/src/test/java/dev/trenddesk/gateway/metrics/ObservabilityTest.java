package dev.trenddesk.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trenddesk.gateway.TrendDeskApplication;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import dev.trenddesk.gateway.support.TradingSettings;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import dev.trenddesk.strategy.credentials.VerifiedKey;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application (embedded PostgreSQL, built-in simulator at 120x) scraped as Prometheus would:
 * who may read /actuator/prometheus; a failed login, a bot placing orders and an SSE client show in
 * our series, Axon's and the JVM's are there; every series the Grafana dashboard queries exists; the
 * readiness group turns DOWN while an event processor is far behind and when the exchange stops
 * answering, and liveness stays UP. The last step stops the simulator, so the context is not shared.
 */
@SpringBootTest(
        classes = TrendDeskApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "trenddesk.admin.username=" + IntegrationTest.ADMIN,
            "trenddesk.admin.password=" + IntegrationTest.ADMIN_PASSWORD,
            "trenddesk.demo.enabled=false",
            "trenddesk.simulator.port=0",
            "trenddesk.simulator.persist=false",
            "trenddesk.metrics.scrape-token=" + ObservabilityTest.TOKEN,
            "trenddesk.health.processors.max-lag=" + ObservabilityTest.MAX_LAG,
            "trenddesk.health.exchange.down-after=1s",
            "trenddesk.health.exchange.probe-interval=500ms",
            "trenddesk.limits.login.per-ip[0].capacity=100000",
            "trenddesk.limits.login.per-ip[0].period=1m",
            "trenddesk.trading.idle-balance-interval=1h"
        })
@Import(ObservabilityTest.SlowProjection.class)
@AutoConfigureObservability(tracing = false)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityTest {

    static final String TOKEN = "scrape-token-for-tests-0123456789abcdef";
    static final int MAX_LAG = 100;

    /** The Grafana dashboard, from the module's folder (where Maven runs the tests). */
    static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "dashboards", "trenddesk.json");

    /** A projection the test can hold still, so that it falls behind the event store's head for real. */
    @ProcessingGroup("observability-probe")
    static class SlowProjection {
        final AtomicBoolean hold = new AtomicBoolean();

        @EventHandler
        void on(Object event) throws InterruptedException {
            while (hold.get()) {
                Thread.sleep(20);
            }
        }
    }

    private static final String DATA_DIR = System.getProperty("trenddesk.test.build-dir", "target")
            + "/test-postgres/observability-" + System.nanoTime();

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("trenddesk.database.embedded.data-dir", () -> DATA_DIR);
    }

    @LocalServerPort
    int port;

    @Autowired
    BingxSimulator simulator;

    @Autowired
    CredentialsProvider credentials;

    @Autowired
    SlowProjection slow;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private People people;
    private Api anonymous;

    @BeforeAll
    void setUp() {
        // a fresh database: the projections catch up with the market history first, which on a busy machine
        // can hold the pool for a while
        people = await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> new People(port), p -> true);
        anonymous = Api.at(port);
    }

    @Test
    @Order(1)
    void onlyAdminsAndTheScrapeTokenReadMetricsWhileHealthIsOpen() {
        assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(scrapeWith("Bearer wrong-token-of-the-same-length-0123456789")
                        .statusCode())
                .isEqualTo(401);
        assertThat(scrapeWith(TOKEN).statusCode())
                .as("a token without the Bearer scheme")
                .isEqualTo(401);
        Api trader = people.create("trader").login();
        assertThat(trader.get("/actuator/prometheus").status()).isEqualTo(403);
        Api.Response asAdmin = people.admin().get("/actuator/prometheus");
        assertThat(asAdmin.status()).isEqualTo(200);
        assertThat(asAdmin.body()).contains("jvm_memory_used_bytes");
        HttpResponse<String> scraped = scrapeWith("Bearer " + TOKEN);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("jvm_memory_used_bytes");
        // other actuator endpoints stay admin-only whatever the token
        assertThat(anonymous.get("/actuator/info").status()).isEqualTo(401);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
                        anonymous.get("/actuator/health/readiness").status())
                .isEqualTo(200));
        Api.Response liveness = anonymous.get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    @Order(2)
    void activityShowsInTheSeries() throws Exception {
        // a failed login
        double failuresBefore =
                Scrape.of(scrape()).sum("trenddesk_login_failures_total", Map.of("reason", "bad_credentials"));
        Person victim = people.create("viewer");
        assertThat(anonymous.login(victim.username(), "not the password").status())
                .isEqualTo(401);

        // a running bot that places orders
        Api trader = tradingTrader();
        // the exchange refuses the first order for margin, and the next one once for a rate limit (order
        // execution waits and sends it again): the bot backs off after the first, and the second is placed
        simFault("{\"type\":\"REJECT\",\"code\":101204,\"msg\":\"Insufficient margin\","
                + "\"path\":\"/openApi/swap/v2/trade/order\"}");
        simFault("{\"type\":\"HTTP_429\",\"path\":\"/openApi/swap/v2/trade/order\"}");
        Api.Response started = trader.post("/api/me/bot/start", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(200);

        // an SSE client
        CompletableFuture<HttpResponse<Stream<String>>> stream = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/me/stream"))
                        .header("Accept", "text/event-stream")
                        .header("Cookie", "td_session=" + trader.cookie("td_session"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> open = stream.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(open.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(Scrape.of(scrape()).sum("trenddesk_sse_clients", Map.of()))
                        .isEqualTo(1));

        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Scrape now = Scrape.of(scrape());
                    assertThat(now.sum("trenddesk_orders_placed_total", Map.of()))
                            .isGreaterThanOrEqualTo(1);
                    assertThat(now.sum("trenddesk_candle_order_latency_seconds_count", Map.of()))
                            .isGreaterThanOrEqualTo(1);
                });
        Scrape after = Scrape.of(scrape());
        Files.writeString(
                Path.of(System.getProperty("trenddesk.test.build-dir", "target"), "observability-scrape.txt"),
                after.text());

        assertThat(after.sum("trenddesk_login_failures_total", Map.of("reason", "bad_credentials")))
                .isGreaterThanOrEqualTo(failuresBefore + 1);
        // read at most every few seconds by design
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(Scrape.of(scrape()).sum("trenddesk_bots_running", Map.of()))
                        .isEqualTo(1));
        assertThat(after.sum("trenddesk_orders_rejected_total", Map.of("code", "101204")))
                .as("the one order the exchange refused for margin")
                .isEqualTo(1);
        // the latency is a real duration: more than nothing, less than the wait above
        double latencySum = after.sum("trenddesk_candle_order_latency_seconds_sum", Map.of());
        double latencyCount = after.sum("trenddesk_candle_order_latency_seconds_count", Map.of());
        assertThat(latencySum / latencyCount).isGreaterThan(0).isLessThan(120);
        assertThat(after.sum("trenddesk_candle_order_latency_seconds_bucket", Map.of("le", "+Inf")))
                .isEqualTo(latencyCount);
        assertThat(after.sum(
                        "trenddesk_exchange_request_seconds_count",
                        Map.of("endpoint", "/openApi/swap/v2/trade/order", "outcome", "ok")))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.sum(
                        "trenddesk_exchange_rate_limited_total", Map.of("endpoint", "/openApi/swap/v2/trade/order")))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.sum(
                        "trenddesk_exchange_request_seconds_count",
                        Map.of("endpoint", "/openApi/swap/v2/trade/order", "outcome", "rejected")))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.sum("trenddesk_exchange_ratelimit_headroom", Map.of("bucket", "key:ORDER")))
                .isBetween(0.0, 1.0);
        assertThat(after.sum("trenddesk_exchange_ratelimit_available", Map.of("bucket", "ip:market")))
                .isGreaterThan(0);
        assertThat(after.names())
                .contains("trenddesk_login_throttled_total", "trenddesk_exchange_request_seconds_bucket");
        // no user id, username or key as a label anywhere
        assertThat(after.text()).doesNotContain(victim.username()).doesNotContain(victim.id());
        // Axon's own meters (axon-micrometer)
        assertThat(after.sum("eventProcessor_latency", Map.of("processorName", "TradingSagaProcessor")))
                .isGreaterThanOrEqualTo(0);
        assertThat(after.sum("commandBus_successTimer_seconds_count", Map.of("payloadType", "AttemptLogin")))
                .as("one timer per component, not per payload type")
                .isNaN();
        assertThat(after.sum("commandBus_successTimer_seconds_count", Map.of())).isGreaterThanOrEqualTo(1);
        assertThat(after.sum("eventProcessor_successTimer_seconds_count", Map.of("processorName", "trading-execution")))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.names())
                .as("Axon's meters without client-side quantiles or capacity gauges")
                .doesNotContain("eventProcessor_successTimer_seconds", "eventProcessor_capacity");
        // the whole scrape stays small enough to be read every 15 s from every node
        assertThat(after.series()).hasSizeLessThan(3000);
        assertThat(after.names()).contains("jvm_memory_used_bytes", "http_server_requests_seconds_count");

        open.body().close();
        await().atMost(Duration.ofSeconds(40))
                .untilAsserted(() -> assertThat(Scrape.of(scrape()).sum("trenddesk_sse_clients", Map.of()))
                        .isZero());
    }

    @Test
    @Order(3)
    void everySeriesTheDashboardQueriesIsExported() throws IOException {
        assertThat(DASHBOARD).exists();
        List<String> queried = DashboardQueries.metricNames(Files.readString(DASHBOARD));
        assertThat(queried).contains("trenddesk_bots_running", "trenddesk_candle_order_latency_seconds_bucket");
        // the processor-lag gauges are read from the database every trenddesk.cluster.metrics-interval (15 s)
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            Scrape now = Scrape.of(scrape());
            assertThat(queried)
                    .filteredOn(name -> !DashboardQueries.PROMETHEUS_OWN.contains(name))
                    .allSatisfy(name -> assertThat(now.names())
                            .as("series %s of the dashboard", name)
                            .contains(name));
        });
    }

    @Test
    @Order(4)
    void readinessIsDownWhileAProcessorIsFarBehind() {
        Api trader = people.create("trader").login();
        assertThat(trader.put("/api/me/settings", settings("1.0")).status()).isEqualTo(200);
        slow.hold.set(true);
        try {
            int[] change = {0};
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                // every settings change is an event the held projection does not get past
                for (int i = 0; i < 10; i++) {
                    change[0]++;
                    trader.put("/api/me/settings", settings(change[0] % 2 == 0 ? "1.0" : "1.5"));
                }
                return anonymous.get("/actuator/health/readiness").status() == 503;
            });
            Api.Response readiness = anonymous.get("/actuator/health/readiness");
            assertThat(readiness.json().get("status").asText()).isEqualTo("DOWN");
            assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
            Api.Response health = people.admin().get("/actuator/health");
            assertThat(health.body()).contains("observability-probe");
        } finally {
            slow.hold.set(false);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                        anonymous.get("/actuator/health/readiness").status())
                .isEqualTo(200));
    }

    @Test
    @Order(5)
    void readinessIsDownWhenTheExchangeStopsAnswering() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                        anonymous.get("/actuator/health/readiness").status())
                .isEqualTo(200));
        simulator.close();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Api.Response readiness = anonymous.get("/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.json().get("status").asText()).isEqualTo("DOWN");
        });
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(people.admin().get("/actuator/health").body()).contains("unreachableSince");
    }

    // ------------------------------------------------------------------------------------------ helpers

    private String scrape() {
        HttpResponse<String> response = scrapeWith("Bearer " + TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> scrapeWith(String authorization) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                            .header("Authorization", authorization)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void simFault(String json) throws Exception {
        HttpResponse<String> added = http.send(
                HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/sim/faults"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    }

    /** {@link TradingSettings#eager} with this risk per trade. */
    private static Map<String, Object> settings(String riskPerTradePct) {
        Map<String, Object> settings = TradingSettings.eager("HEDGE");
        settings.put("riskPerTradePct", new BigDecimal(riskPerTradePct));
        return settings;
    }

    /** A trader with trading permission, eager settings and a verified simulator key, logged in. */
    private Api tradingTrader() throws Exception {
        Person person = people.create("trader");
        assertThat(people.admin()
                        .patch("/api/admin/users/" + person.id(), Map.of("tradingEnabled", true))
                        .status())
                .isEqualTo(200);
        Api api = person.login();
        Api.Response saved = api.put("/api/me/settings", settings("1.0"));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        String apiKey = UUID.randomUUID().toString().replace("-", "")
                + UUID.randomUUID().toString().replace("-", "");
        String secretKey = UUID.randomUUID().toString().replace("-", "")
                + UUID.randomUUID().toString().replace("-", "");
        String account = Api.JSON.writeValueAsString(Map.of(
                "apiKey",
                apiKey,
                "secretKey",
                secretKey,
                "balance",
                "10000",
                "permissions",
                List.of("READ", "TRADE"),
                "positionMode",
                "HEDGE",
                "leverage",
                5));
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/sim/accounts"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(account))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Api.Response connected = api.post("/api/me/bingx", Map.of("apiKey", apiKey, "secretKey", secretKey));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> credentials
                .verifiedKey(dev.trenddesk.api.common.UserId.of(person.id()))
                .map(VerifiedKey::key)
                .blockOptional()
                .isPresent());
        return api;
    }
}
