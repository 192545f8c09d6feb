package dev.trenddesk.gateway.readside;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.api.alert.AlertRaised;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.gateway.config.DatabaseConfiguration.DatabaseEndpoint;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.CpuWindow;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import dev.trenddesk.query.readside.ProjectionWrites;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Hooks;

/**
 * Read-side figures (printed, never asserted on time): SSE latency from event commit to client
 * receipt with 1,000 concurrent streams on one node, projection rebuild throughput, and audit
 * query latency over a million audit rows. Runs on a database of its own, since it writes a
 * million synthetic audit rows. Run:
 * {@code mvn -B -pl api-gateway -am test -Dfrontend.skip=true -Dgroups=benchmark -Dtest.excludedGroups=none
 * -Dtest=ReadSideBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
@IntegrationTest
@TestPropertySource(
        properties = {
            "trenddesk.database.embedded.data-dir=${trenddesk.test.build-dir:target}/test-postgres/readside-benchmark",
            "trenddesk.database.jdbc-pool-size=30",
            // ten streams per trader, over the default cap of five open at once per user
            "trenddesk.limits.streams.per-user=" + ReadSideBenchmark.STREAMS_PER_TRADER
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadSideBenchmark {

    private static final int TRADERS = 100;
    static final int STREAMS_PER_TRADER = 10;
    private static final int EVENTS = 300;
    private static final int AUDIT_ROWS = 1_000_000;

    @LocalServerPort
    int port;

    @Autowired
    EventBus eventBus;

    @Autowired
    DataSource dataSource;

    @Autowired
    ProjectionWrites writes;

    @Autowired
    DatabaseEndpoint database;

    private People people;
    private JdbcTemplate jdbc;

    @BeforeAll
    void setUp() {
        people = new People(port);
        jdbc = new JdbcTemplate(dataSource);
    }

    @Test
    @Order(1)
    void sseLatencyWithAThousandStreams() {
        // spring-security-test's ReactorContextTestExecutionListener (on the test classpath only) lifts every
        // Reactor chain assembled during a test method; with automatic context propagation each lift also
        // restores thread-locals on every signal: extra hops per update and stream that the running product
        // does not have. The streams below are measured on the product's path.
        Hooks.resetOnLastOperator(SecurityContext.class.getName());
        List<Person> traders = new ArrayList<>();
        List<SseClient> streams = new ArrayList<>();
        for (int i = 0; i < TRADERS; i++) {
            traders.add(people.create("trader"));
        }
        try {
            // the streams are the load, not what is measured: by default one HTTP client carries all of them (one
            // selector thread in this JVM beside the server, 1,000 connections all the same); with
            // -Dreadside.sse.http-clients=100 one per trader, as each trader's browser would, whose selector and
            // worker threads then compete with the server for the two cores (docs/benchmarks/readside.md)
            int httpClients = Integer.getInteger("readside.sse.http-clients", 1);
            List<HttpClient> browsers = new ArrayList<>();
            for (int c = 0; c < httpClients; c++) {
                browsers.add(HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .build());
            }
            for (int t = 0; t < traders.size(); t++) {
                Api session = traders.get(t).login();
                HttpClient browser = browsers.get(t % httpClients);
                for (int s = 0; s < STREAMS_PER_TRADER; s++) {
                    streams.add(SseClient.open(browser, port, session, "/api/me/stream", null));
                }
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> streams.stream()
                    .allMatch(c -> !c.named("snapshot").isEmpty()));
            // the same load twice: first on a JVM that has not run this path yet (the JIT compiles it while it is
            // measured), then once it has, as on a node that has been serving streams for a while
            measure("cold", 1, traders, streams);
            measure("warm", 2, traders, streams);
        } finally {
            streams.forEach(SseClient::close);
        }
    }

    /**
     * Publishes {@link #EVENTS} alerts to random traders at about 50 a second, waits until every stream of each
     * trader has its alerts ({@code round} rounds so far), and prints the latencies, the hops and the CPU.
     */
    private void measure(String phase, int round, List<Person> traders, List<SseClient> streams) {
        Map<String, Sent> sent = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        long windowStart = System.nanoTime();
        CpuWindow cpu = CpuWindow.start(database.embedded().postmasterPid());
        for (int e = 0; e < EVENTS; e++) {
            Person to = traders.get(ThreadLocalRandom.current().nextInt(traders.size()));
            String marker = "bench-" + UUID.randomUUID();
            Instant wall = Instant.now();
            long nanos = System.nanoTime();
            eventBus.publish(GenericEventMessage.asEventMessage(new AlertRaised(
                    marker, UserId.of(to.id()), AlertRaised.Severity.INFO, "BENCH", marker, Instant.now())));
            sent.put(marker, new Sent(wall, nanos, System.nanoTime() - nanos));
            // about 50 events a second, so each one's latency is its own and not a queue's
            await().pollDelay(Duration.ofMillis(20))
                    .atMost(Duration.ofSeconds(1))
                    .until(() -> true);
        }
        int expected = round * EVENTS * STREAMS_PER_TRADER;
        await().atMost(Duration.ofMinutes(2)).until(() -> received(streams) >= expected);
        printCpu("SSE " + phase, cpu.end(), (System.nanoTime() - windowStart) / 1e9);
        Map<String, long[]> firstAndLast = new ConcurrentHashMap<>();
        for (SseClient stream : streams) {
            for (SseClient.Event event : stream.named("alert")) {
                String marker = JsonField.alertId(event.data());
                if (!sent.containsKey(marker)) {
                    continue; // an earlier round's
                }
                long latency = event.receivedNanos() - sent.get(marker).nanos();
                latencies.add(latency);
                firstAndLast.merge(marker, new long[] {latency, latency}, (a, b) ->
                        new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
        }
        // where the time goes: to the first of an event's ten receipts (store, processor, commit,
        // NOTIFY, the hub's read) and from the first to the last (fan-out to the ten streams, the client)
        long[] first =
                firstAndLast.values().stream().mapToLong(fl -> fl[0]).sorted().toArray();
        long[] spread = firstAndLast.values().stream()
                .mapToLong(fl -> fl[1] - fl[0])
                .sorted()
                .toArray();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                "BENCH SSE %s: %d streams (%d traders x %d), %d events, %d receipts: commit->receipt p50 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms (load average %s)%n",
                phase,
                streams.size(),
                TRADERS,
                STREAMS_PER_TRADER,
                EVENTS,
                sorted.length,
                ms(percentile(sorted, 50)),
                ms(percentile(sorted, 99)),
                ms(sorted[sorted.length - 1]),
                loadAverage());
        System.out.printf(
                "BENCH SSE %s per event: first receipt p50 %.1f ms, p99 %.1f ms; first to last of its %d receipts"
                        + " p50 %.1f ms, p99 %.1f ms%n",
                phase,
                ms(percentile(first, 50)),
                ms(percentile(first, 99)),
                STREAMS_PER_TRADER,
                ms(percentile(spread, 50)),
                ms(percentile(spread, 99)));
        printHops(phase, sent, firstAndLast);
    }

    /** When an event was published, on the wall clock and the monotonic one, and how long the publish call took. */
    private record Sent(Instant wall, long nanos, long publishNanos) {}

    /**
     * Where an event's way to its first receipt goes, from the clocks on each side: the publish call
     * (stored and committed), from its return to the start of the {@code alert-views} transaction that wrote
     * the update ({@code feed_updates.created_at}, the transaction's {@code now()}: the processor's wake-up),
     * and from there to the first receipt (the processor's work and commit, NOTIFY, the hub's read, the
     * stream). Percentiles of each hop on its own; the slowest events' hops printed side by side.
     */
    private void printHops(String phase, Map<String, Sent> sent, Map<String, long[]> firstAndLast) {
        Map<String, Instant> txStart = new HashMap<>();
        jdbc.query("select data::json->>'alertId', created_at from feed_updates where name = 'alert'", rs -> {
            txStart.put(rs.getString(1), rs.getTimestamp(2).toInstant());
        });
        List<long[]> hops = new ArrayList<>();
        for (Map.Entry<String, long[]> e : firstAndLast.entrySet()) {
            Instant start = txStart.get(e.getKey());
            if (start == null) {
                throw new AssertionError("no feed update for " + e.getKey());
            }
            long published = sent.get(e.getKey()).publishNanos();
            long wake = Duration.between(sent.get(e.getKey()).wall(), start).toNanos() - published;
            hops.add(new long[] {e.getValue()[0], published, wake, e.getValue()[0] - published - wake});
        }
        String[] names = {"publish call", "return->processor transaction start", "transaction start->first receipt"};
        for (int h = 1; h <= 3; h++) {
            int hop = h;
            long[] sorted = hops.stream().mapToLong(x -> x[hop]).sorted().toArray();
            System.out.printf(
                    "BENCH SSE %s hop %s: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    phase,
                    names[h - 1],
                    ms(percentile(sorted, 50)),
                    ms(percentile(sorted, 99)),
                    ms(sorted[sorted.length - 1]));
        }
        hops.stream()
                .sorted((a, b) -> Long.compare(b[0], a[0]))
                .limit(5)
                .forEach(x -> System.out.printf(
                        "BENCH SSE %s slowest: first receipt %.1f ms = publish %.1f + wake %.1f + rest %.1f%n",
                        phase, ms(x[0]), ms(x[1]), ms(x[2]), ms(x[3])));
    }

    @Test
    @Order(2)
    void projectionRebuildThroughput() {
        Person trader = people.create("trader");
        int extra = 20_000;
        for (int i = 0; i < extra; i++) {
            eventBus.publish(GenericEventMessage.asEventMessage(new AlertRaised(
                    "rebuild-" + UUID.randomUUID(),
                    UserId.of(trader.id()),
                    AlertRaised.Severity.INFO,
                    "BENCH",
                    "rebuild " + i,
                    Instant.now())));
        }
        long events = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        Api admin = people.admin();
        // each projection rebuilt three times over the same store, one right after the other: rows written as
        // each event is handled (as before ADR 0021), then one statement per processor batch, then batched
        // again once the JIT has compiled the rebuild's code (a running platform's second rebuild)
        List<String> runs = List.of("row by row", "batched writes", "batched writes, again");
        for (String processor : List.of("alert-views", "audit")) {
            double[] perSecond = new double[runs.size()];
            for (int run = 0; run < runs.size(); run++) {
                writes.batched(run > 0);
                try {
                    awaitCaughtUp(admin, processor);
                    long start = System.nanoTime();
                    CpuWindow cpu = CpuWindow.start(database.embedded().postmasterPid());
                    admin.post("/api/admin/projections/" + processor + "/rebuild", Map.of());
                    awaitCaughtUp(admin, processor);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    Map<String, Double> used = cpu.end();
                    perSecond[run] = events / seconds;
                    System.out.printf(
                            "BENCH Rebuild %s (%s): %d events in %.2f s = %.0f events/s (load average %s)%n",
                            processor, runs.get(run), events, seconds, events / seconds, loadAverage());
                    // where the rebuild's time went: this JVM (the processor's threads, the JIT) and PostgreSQL
                    printCpu("Rebuild " + processor, used, seconds);
                } finally {
                    writes.batched(true);
                }
            }
            System.out.printf(
                    "BENCH Rebuild %s: batched / row by row = %.2f, again / row by row = %.2f%n",
                    processor, perSecond[1] / perSecond[0], perSecond[2] / perSecond[0]);
        }
    }

    @Test
    @Order(3)
    void auditQueriesOverAMillionRows() {
        long existing = jdbc.queryForObject("select coalesce(max(seq), 0) from audit_log", Long.class);
        long start = System.nanoTime();
        jdbc.update("""
                insert into audit_log (seq, event_id, occurred_at, event_type, aggregate_type, aggregate_id,
                                       aggregate_sequence, user_id, actor_id, actor_role, client_ip, trace_id, payload,
                                       previous_hash, hash)
                select ? + g, 'bench-' || g, now() - make_interval(secs => (? - g) * 2.5),
                       (array['UserLoggedIn','SignalGenerated','SignalSkipped','OrderPlacementRequested','OrderPlaced',
                              'OrderFilled','PositionOpened','PositionClosed','EquityObserved','CandleClosed'])[1 + g %% 10],
                       'TradingSession', 'session-' || (g %% 20000), g / 20000,
                       'user-' || (g %% 1000), 'user-' || (g %% 1000), 'trader', '10.0.0.' || (g %% 250), md5(g::text),
                       '{"symbol":"ETH-USDT","userId":"user-' || (g %% 1000) || '","value":' || g || '}',
                       md5((g - 1)::text) || md5((g - 1)::text), md5(g::text) || md5(g::text)
                from generate_series(1, ?) g
                """.replace("%%", "%"), existing, AUDIT_ROWS, AUDIT_ROWS);
        jdbc.execute("analyze audit_log");
        System.out.printf(
                "BENCH Audit: inserted %d synthetic rows in %.1f s%n", AUDIT_ROWS, (System.nanoTime() - start) / 1e9);
        Api auditor = people.create("auditor").login();
        Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
        Map<String, String> queries = new java.util.LinkedHashMap<>();
        queries.put("first page, no filter", "/api/audit/events?limit=100");
        queries.put("user", "/api/audit/events?user=user-42&limit=100");
        queries.put("user + type", "/api/audit/events?user=user-42&type=PositionClosed&limit=100");
        queries.put("actor", "/api/audit/events?actor=user-7&limit=100");
        queries.put("aggregate", "/api/audit/events?aggregate=session-1234&limit=100");
        queries.put("type", "/api/audit/events?type=OrderFilled&limit=100");
        queries.put("last 24 h", "/api/audit/events?from=" + dayAgo + "&limit=100");
        queries.put("user + last 24 h", "/api/audit/events?user=user-42&from=" + dayAgo + "&limit=100");
        queries.put("text (payload substring)", "/api/audit/events?text=%22value%22:999999&limit=100");
        queries.put("deep cursor (seq 900000)", "/api/audit/events?cursor=" + (existing + 900_000) + "&limit=100");
        for (Map.Entry<String, String> query : queries.entrySet()) {
            long[] times = time(20, () -> auditor.get(query.getValue()));
            System.out.printf(
                    "BENCH Audit query %-28s p50 %.1f ms, p99 %.1f ms%n",
                    query.getKey(), ms(percentile(times, 50)), ms(percentile(times, 99)));
        }
        long verifyStart = System.nanoTime();
        JsonNode verify = auditor.get("/api/audit/verify").json();
        System.out.printf(
                "BENCH Audit verify: %s in %.1f s (the synthetic rows carry no valid hashes: it stops at the first)%n",
                verify, (System.nanoTime() - verifyStart) / 1e9);
    }

    private static long[] time(int runs, Supplier<Api.Response> call) {
        call.get();
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Api.Response response = call.get();
            times[i] = System.nanoTime() - start;
            if (response.status() != 200) {
                throw new AssertionError(response.toString());
            }
        }
        Arrays.sort(times);
        return times;
    }

    private void awaitCaughtUp(Api admin, String name) {
        await().pollInterval(Duration.ofMillis(50))
                .atMost(Duration.ofMinutes(5))
                .until(() -> {
                    for (JsonNode processor :
                            admin.get("/api/admin/projections").json()) {
                        if (processor.get("name").asText().equals(name)) {
                            return processor.get("lag").asLong() == 0;
                        }
                    }
                    return false;
                });
    }

    /** The machine's load average (1, 5, 15 min) while the figure was taken: the box is shared. */
    /** The CPU of a window: this JVM (its JIT and GC apart), PostgreSQL, then the eight largest groups. */
    private static void printCpu(String label, Map<String, Double> used, double seconds) {
        System.out.printf(
                "BENCH %s cpu: jvm %.2f s (JIT %.2f s, GC %.2f s), postgres %.2f s, in %.2f s on 2 cores%n",
                label,
                used.get("jvm"),
                used.getOrDefault("vm jit", 0.0),
                used.getOrDefault("vm gc", 0.0),
                used.get("postgres"),
                seconds);
        used.entrySet().stream()
                .filter(e -> e.getKey().startsWith("thread ")
                        || e.getKey().startsWith("vm ")
                        || e.getKey().startsWith("postgres "))
                .filter(e -> e.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(8)
                .forEach(e -> System.out.printf("BENCH %s cpu %s %.2f s%n", label, e.getKey(), e.getValue()));
    }

    private static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static long received(List<SseClient> streams) {
        return streams.stream().mapToLong(s -> s.named("alert").size()).sum();
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** The alert id inside an alert event's JSON. */
    private static final class JsonField {
        static String alertId(String json) {
            try {
                return Api.JSON.readTree(json).get("alertId").asText();
            } catch (java.io.IOException e) {
                throw new AssertionError(json, e);
            }
        }
    }
}
