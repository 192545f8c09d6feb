package dev.trenddesk.gateway.readside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.crypto.tink.subtle.Ed25519Verify;
import dev.trenddesk.api.audit.AuditCheckpoint;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.market.CandleClosed;
import dev.trenddesk.gateway.cli.VerifyAuditCli;
import dev.trenddesk.gateway.config.DatabaseConfiguration.DatabaseEndpoint;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import dev.trenddesk.query.audit.CheckpointSignatures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit log: every event with who caused it, searchable with filters and cursors, exported
 * as NDJSON and CSV, and a hash chain that verifies, then fails at exactly the edited or deleted
 * row (over HTTP and with the verify-audit command), and time travel on a UserAccount.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditLogTest {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    DatabaseEndpoint database;

    @Autowired
    EventBus eventBus;

    @Autowired
    CheckpointSignatures keys;

    private People people;
    private Person trader;
    private Api auditor;
    private String auditorName;
    private String adminId;
    private Instant beforePermission;
    private String adminUsername;
    private String candleSymbol;

    @BeforeAll
    void history() {
        people = new People(port);
        trader = people.create("trader");
        Person auditorPerson = people.create("auditor");
        auditorName = auditorPerson.username();
        auditor = auditorPerson.login();
        JsonNode me = people.admin().get("/api/me").json();
        adminId = me.get("id").asText();
        adminUsername = me.get("username").asText();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> auditor.get("/api/audit/events?user=" + trader.id() + "&type=UserRegistered")
                                .json()
                                .get("entries")
                                .size()
                        == 1);
        beforePermission = Instant.now();
        await().atMost(Duration.ofSeconds(2)).until(() -> Instant.now().isAfter(beforePermission.plusMillis(20)));
        assertThat(people.admin()
                        .patch("/api/admin/users/" + trader.id(), Map.of("tradingEnabled", true))
                        .status())
                .isEqualTo(200);
        trader.login();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> auditor.get("/api/audit/events?user=" + trader.id())
                                .json()
                                .get("entries")
                                .size()
                        >= 3);
        // a market event the log is to hide by default: a candle of a symbol no bot trades
        candleSymbol = "AUDIT" + (System.nanoTime() % 100_000) + "-USDT";
        eventBus.publish(GenericEventMessage.asEventMessage(new CandleClosed(
                candleSymbol,
                Timeframe.M5,
                Instant.parse("2020-01-01T00:00:00Z"),
                BigDecimal.ONE,
                BigDecimal.TWO,
                BigDecimal.ONE,
                BigDecimal.TWO,
                BigDecimal.TEN,
                Map.of(),
                false)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> auditor.get("/api/audit/events?category=market&text=" + candleSymbol)
                                .json()
                                .get("entries")
                                .size()
                        == 1);
    }

    @Test
    void newestFirstByDefaultOldestOnRequestAndCursorsPageBothWays() {
        String base = "/api/audit/events?user=" + trader.id();
        List<Long> newest = seqs(auditor.get(base).json().get("entries"));
        List<Long> oldest = seqs(auditor.get(base + "&order=oldest").json().get("entries"));
        assertThat(newest).hasSizeGreaterThanOrEqualTo(3).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(oldest).isSorted();
        assertThat(newest).isEqualTo(oldest.reversed());
        assertThat(seqs(auditor.get(base + "&order=newest").json().get("entries")))
                .isEqualTo(newest);
        for (String order : new String[] {"newest", "oldest"}) {
            List<Long> paged = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = auditor.get(
                                base + "&order=" + order + "&limit=1" + (cursor == null ? "" : "&cursor=" + cursor))
                        .json();
                paged.addAll(seqs(page.get("entries")));
                cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
            } while (cursor != null);
            assertThat(paged).as(order).isEqualTo(order.equals("newest") ? newest : oldest);
        }
        // the first page of the whole log is its newest rows
        long newestSeq = new JdbcTemplate(dataSource).queryForObject("select max(seq) from audit_log", Long.class);
        assertThat(auditor.get("/api/audit/events?category=all&limit=1")
                        .json()
                        .get("entries")
                        .get(0)
                        .get("seq")
                        .asLong())
                .isGreaterThanOrEqualTo(newestSeq);
    }

    @Test
    void marketDataIsHiddenUnlessItsCategoryIsAsked() {
        String candle = "&text=" + candleSymbol;
        assertThat(auditor.get("/api/audit/events?limit=500" + candle).json().get("entries"))
                .isEmpty();
        assertThat(auditor.get("/api/audit/events?limit=500").json().get("entries"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("category").asText()).isNotEqualTo("market"));
        JsonNode market =
                auditor.get("/api/audit/events?category=market" + candle).json().get("entries");
        assertThat(market).hasSize(1);
        assertThat(market.get(0).get("eventType").asText()).isEqualTo("CandleClosed");
        assertThat(market.get(0).get("category").asText()).isEqualTo("market");
        assertThat(auditor.get("/api/audit/events?category=all" + candle).json().get("entries"))
                .hasSize(1);
        assertThat(auditor.get("/api/audit/events?category=account,MARKET" + candle)
                        .json()
                        .get("entries"))
                .hasSize(1);

        String base = "/api/audit/events?user=" + trader.id();
        assertThat(types(auditor.get(base + "&category=account").json().get("entries")))
                .contains("UserRegistered", "TradingPermissionGranted")
                .doesNotContain("UserLoggedIn");
        assertThat(types(auditor.get(base + "&category=security").json().get("entries")))
                .contains("UserLoggedIn")
                .doesNotContain("UserRegistered", "TradingPermissionGranted");
        assertThat(types(auditor.get(base + "&category=security,account").json().get("entries")))
                .contains("UserRegistered", "UserLoggedIn");
        assertThat(auditor.get(base + "&category=trading,credentials,market")
                        .json()
                        .get("entries"))
                .isEmpty();
        // the export takes every category unless told otherwise (an auditor of its own: exports are rate-limited)
        Api exporter = people.create("auditor").login();
        assertThat(exporter.get("/api/audit/export?format=ndjson" + candle).body())
                .contains("CandleClosed");
        assertThat(exporter.get("/api/audit/export?format=ndjson&category=account" + candle)
                        .body())
                .isEmpty();
    }

    @Test
    void rowsNameTheirUsersAndTheUserFilterTakesAUsername() {
        JsonNode row = auditor.get("/api/audit/events?user=" + trader.id() + "&type=UserRegistered")
                .json()
                .get("entries")
                .get(0);
        assertThat(row.get("username").asText()).isEqualTo(trader.username());
        assertThat(row.get("actorUsername").asText()).isEqualTo(adminUsername);

        List<Long> byId =
                seqs(auditor.get("/api/audit/events?user=" + trader.id()).json().get("entries"));
        assertThat(seqs(auditor.get("/api/audit/events?user=" + trader.username())
                        .json()
                        .get("entries")))
                .isEqualTo(byId);
        assertThat(seqs(auditor.get(
                                "/api/audit/events?user=" + trader.username().toUpperCase(java.util.Locale.ROOT))
                        .json()
                        .get("entries")))
                .isEqualTo(byId);
        assertThat(auditor.get("/api/audit/events?user=" + trader.username() + "&actor=" + adminUsername
                                + "&type=TradingPermissionGranted")
                        .json()
                        .get("entries"))
                .hasSize(1);
        Api.Response unknown = auditor.get("/api/audit/events?user=nobody-called-this");
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().get("entries")).isEmpty();
        assertThat(people.create("auditor")
                        .login()
                        .get("/api/audit/export?format=ndjson&user=" + trader.username())
                        .body()
                        .split("\n"))
                .hasSize(byId.size());
    }

    @Test
    void everyEventIsStoredWithWhoCausedIt() {
        JsonNode row = auditor.get("/api/audit/events?user=" + trader.id() + "&type=UserRegistered")
                .json()
                .get("entries")
                .get(0);
        assertThat(row.get("aggregateType").asText()).isEqualTo("UserAccount");
        assertThat(row.get("aggregateId").asText()).isEqualTo(trader.id());
        assertThat(row.get("actorId").asText()).isEqualTo(adminId);
        assertThat(row.get("actorRole").asText()).isEqualTo("admin");
        assertThat(row.get("clientIp").asText()).isNotBlank();
        assertThat(row.get("traceId").asText()).isNotBlank();
        assertThat(row.get("payload").get("username").asText()).isEqualTo(trader.username());
        assertThat(row.get("hash").asText()).hasSize(64);
        assertThat(row.toString()).doesNotContain(trader.password());
    }

    @Test
    void filtersCombineAndCursorsPage() {
        String base = "/api/audit/events?user=" + trader.id();
        List<JsonNode> all = new ArrayList<>();
        auditor.get(base).json().get("entries").forEach(all::add);
        List<JsonNode> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = auditor.get(base + "&limit=1" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.get("entries").forEach(paged::add);
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        assertThat(paged.stream().map(r -> r.get("seq").asLong()).toList())
                .isEqualTo(all.stream().map(r -> r.get("seq").asLong()).toList());
        assertThat(auditor.get(base + "&text=" + trader.username()).json().get("entries"))
                .isNotEmpty();
        assertThat(auditor.get(base + "&actor=" + adminId + "&type=TradingPermissionGranted")
                        .json()
                        .get("entries"))
                .hasSize(1);
        assertThat(auditor.get(base + "&actor=" + trader.id() + "&type=TradingPermissionGranted")
                        .json()
                        .get("entries"))
                .isEmpty();
        assertThat(auditor.get(base + "&aggregate=" + trader.id() + "&from=" + beforePermission)
                        .json()
                        .get("entries"))
                .allSatisfy(r -> assertThat(Instant.parse(r.get("at").asText())).isAfterOrEqualTo(beforePermission));
        assertThat(auditor.get(base + "&to=" + beforePermission + "&type=TradingPermissionGranted")
                        .json()
                        .get("entries"))
                .isEmpty();
    }

    @Test
    void badFiltersAndCursorsAre400ProblemJson() {
        for (String query : new String[] {
            "cursor=-1",
            "cursor=abc",
            "from=monday",
            "to=2026-13-01T00:00:00Z",
            "limit=0",
            "limit=9999",
            "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z"
        }) {
            Api.Response response = auditor.get("/api/audit/events?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(query).contains("application/problem+json");
        }
        for (String[] query : new String[][] {
            {"user=not%20a%20user!", "user"},
            {"user=ab", "user"},
            {"user=", "user"},
            {"category=markets", "category"},
            {"category=account,,market", "category"},
            {"category=", "category"},
            {"order=sideways", "order"},
            {"order=", "order"}
        }) {
            Api.Response response = auditor.get("/api/audit/events?" + query[0]);
            assertThat(response.status()).as(query[0]).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(query[0]).contains("application/problem+json");
            assertThat(response.body()).as(query[0]).contains("\"" + query[1] + "\"");
        }
        assertThat(people.create("auditor")
                        .login()
                        .get("/api/audit/export?format=csv&category=nope")
                        .status())
                .isEqualTo(400);
        assertThat(auditor.get("/api/audit/export?format=xml").status()).isEqualTo(400);
    }

    @Test
    void exportsStreamNdjsonAndCsv() throws Exception {
        int rows = auditor.get("/api/audit/events?user=" + trader.id())
                .json()
                .get("entries")
                .size();
        Api.Response ndjson = auditor.get("/api/audit/export?format=ndjson&user=" + trader.id());
        assertThat(ndjson.status()).isEqualTo(200);
        assertThat(ndjson.header("Content-Type")).contains("application/x-ndjson");
        String[] lines = ndjson.body().split("\n");
        assertThat(lines).hasSize(rows);
        for (String line : lines) {
            assertThat(Api.JSON.readTree(line).get("userId").asText()).isEqualTo(trader.id());
        }
        Api.Response csv = auditor.get("/api/audit/export?format=csv&user=" + trader.id());
        assertThat(csv.header("Content-Type")).contains("text/csv");
        assertThat(csv.body()).startsWith("seq,eventId,at,eventType");
        assertThat(csv.body()).contains("UserRegistered");
    }

    /**
     * The case file holds the filtered rows as NDJSON and CSV and a manifest whose counts, chain ends and file
     * digests match what is in the zip.
     */
    @Test
    void aCaseFileHoldsTheRowsAndAManifestThatMatchesThem() throws Exception {
        JsonNode listed = auditor.get("/api/audit/events?order=oldest&limit=500&user=" + trader.id())
                .json()
                .get("entries");
        Api.Bytes zip = auditor.getBytes("/api/audit/case?user=" + trader.id());
        assertThat(zip.status()).isEqualTo(200);
        assertThat(zip.contentType()).startsWith("application/zip");
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipInputStream in =
                new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (java.util.zip.ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        assertThat(files).containsOnlyKeys("events.ndjson", "events.csv", "manifest.json");
        String[] lines = new String(files.get("events.ndjson"), StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(listed.size());
        for (String line : lines) {
            assertThat(Api.JSON.readTree(line).get("userId").asText()).isEqualTo(trader.id());
        }
        assertThat(new String(files.get("events.csv"), StandardCharsets.UTF_8).split("\n"))
                .hasSize(listed.size() + 1);

        JsonNode manifest = Api.JSON.readTree(files.get("manifest.json"));
        assertThat(manifest.get("generatedBy").asText()).isEqualTo(auditorName);
        assertThat(manifest.get("filter").get("user").asText()).isEqualTo(trader.id());
        assertThat(manifest.get("rows").asInt()).isEqualTo(listed.size());
        JsonNode first = listed.get(0);
        JsonNode last = listed.get(listed.size() - 1);
        assertThat(manifest.get("chain").get("firstSeq").asLong())
                .isEqualTo(first.get("seq").asLong());
        assertThat(manifest.get("chain").get("firstPreviousHash").asText())
                .isEqualTo(first.get("previousHash").asText());
        assertThat(manifest.get("chain").get("firstHash").asText())
                .isEqualTo(first.get("hash").asText());
        assertThat(manifest.get("chain").get("lastHash").asText())
                .isEqualTo(last.get("hash").asText());
        for (JsonNode file : manifest.get("files")) {
            byte[] content = files.get(file.get("name").asText());
            assertThat(file.get("bytes").asLong()).isEqualTo(content.length);
            assertThat(file.get("sha256").asText())
                    .isEqualTo(java.util.HexFormat.of()
                            .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                    .digest(content)));
        }
        assertThat(auditor.get("/api/audit/case?category=nope").status()).isEqualTo(400);
    }

    @Test
    void theChainVerifiesThenBreaksAtTheEditedRowAndTheDeletedRow() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        auditor.get("/api/audit/verify").json().get("intact").asBoolean());
        assertThat(cli()).startsWith("0:audit chain intact");

        long seq = auditor.get("/api/audit/events?user=" + trader.id() + "&type=UserRegistered")
                .json()
                .get("entries")
                .get(0)
                .get("seq")
                .asLong();
        String payload = jdbc.queryForObject("select payload from audit_log where seq = ?", String.class, seq);
        try {
            jdbc.update(
                    "update audit_log set payload = ? where seq = ?",
                    payload.replace(trader.username(), "someone-else"),
                    seq);
            JsonNode broken = auditor.get("/api/audit/verify").json();
            assertThat(broken.get("intact").asBoolean()).isFalse();
            assertThat(broken.get("firstBrokenSeq").asLong()).isEqualTo(seq);
            assertThat(broken.get("reason").asText()).contains("edited");
            assertThat(cli()).startsWith("1:audit chain BROKEN at seq " + seq + " ");
        } finally {
            jdbc.update("update audit_log set payload = ? where seq = ?", payload, seq);
        }
        assertThat(auditor.get("/api/audit/verify").json().get("intact").asBoolean())
                .isTrue();

        Map<String, Object> row = jdbc.queryForMap("select * from audit_log where seq = ?", seq);
        jdbc.update("delete from audit_log where seq = ?", seq);
        try {
            JsonNode broken = auditor.get("/api/audit/verify").json();
            assertThat(broken.get("intact").asBoolean()).isFalse();
            assertThat(broken.get("firstBrokenSeq").asLong()).isEqualTo(seq + 1);
            assertThat(broken.get("reason").asText()).contains("missing");
        } finally {
            List<String> columns = new ArrayList<>(row.keySet());
            jdbc.update(
                    "insert into audit_log (" + String.join(", ", columns) + ") values ("
                            + String.join(", ", columns.stream().map(c -> "?").toList()) + ")",
                    row.values().toArray());
        }
        assertThat(auditor.get("/api/audit/verify").json().get("intact").asBoolean())
                .isTrue();
    }

    @Test
    void signedCheckpointsNameRowsCutOffTheEndARewrittenRowAndTamperedCheckpoints() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // verify is limited to 10 a minute per user: two auditors of their own, so other tests keep theirs
        Api first = people.create("auditor").login();
        Api second = people.create("auditor").login();
        Api.Response signed = first.post("/api/audit/checkpoints", Map.of());
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        long seq = signed.json().get("seq").asLong();
        String hash = signed.json().get("headHash").asText();
        assertThat(jdbc.queryForObject("select hash from audit_log where seq = ?", String.class, seq))
                .as("the checkpoint states the row's hash")
                .isEqualTo(hash);

        // published with the key: anyone verifies it without TrendDesk
        JsonNode published = first.get("/api/audit/checkpoints").json();
        JsonNode newest = published.get("checkpoints").get(0);
        assertThat(newest.get("seq").asLong()).isEqualTo(seq);
        assertThat(newest.get("keyId").asText())
                .isEqualTo(published.get("keyId").asText());
        new Ed25519Verify(Base64.getDecoder().decode(published.get("publicKey").asText()))
                .verify(
                        Base64.getDecoder().decode(newest.get("signature").asText()),
                        AuditCheckpoint.signedText(
                                        seq,
                                        hash,
                                        Instant.parse(newest.get("signedAt").asText()))
                                .getBytes(StandardCharsets.UTF_8));

        JsonNode intact = first.get("/api/audit/verify").json();
        assertThat(intact.get("intact").asBoolean()).isTrue();
        assertThat(intact.get("checkpointsChecked").asInt()).isPositive();
        assertThat(intact.get("latestCheckpointSeq").asLong()).isGreaterThanOrEqualTo(seq);
        assertThat(first.get("/api/audit/verify?seq=" + seq + "&hash=" + hash)
                        .json()
                        .get("intact")
                        .asBoolean())
                .as("the checkpoint the auditor holds")
                .isTrue();
        JsonNode other = first.get("/api/audit/verify?seq=" + seq + "&hash=" + "0".repeat(64))
                .json();
        assertThat(other.get("intact").asBoolean()).isFalse();
        assertThat(other.get("firstBrokenSeq").asLong()).isEqualTo(seq);
        assertThat(other.get("reason").asText()).contains("the checkpoint you hold", "rewritten");
        assertThat(first.get("/api/audit/verify?seq=" + seq).status()).isEqualTo(400);
        assertThat(first.get("/api/audit/verify?seq=1&hash=xyz").status()).isEqualTo(400);

        // a validly signed checkpoint of a row beyond the end: what rows cut off the end leave behind
        long last = jdbc.queryForObject("select max(seq) from audit_log", Long.class);
        long beyond = last + 1_000;
        Instant at = Instant.parse("2026-12-07T00:00:00Z");
        String claimed = "c".repeat(64);
        jdbc.update(
                "insert into audit_checkpoints (seq, head_hash, signed_at, key_id, signature) values (?, ?, ?, ?, ?)",
                beyond,
                claimed,
                java.sql.Timestamp.from(at),
                keys.keyId(),
                keys.sign(AuditCheckpoint.signedText(beyond, claimed, at)));
        try {
            JsonNode cut = second.get("/api/audit/verify").json();
            assertThat(cut.get("intact").asBoolean()).isFalse();
            assertThat(cut.get("reason").asText()).contains("to " + beyond + " are missing", "cut off its end");
            assertThat(cli()).startsWith("1:audit chain BROKEN");

            jdbc.update("update audit_checkpoints set head_hash = ? where seq = ?", "d".repeat(64), beyond);
            JsonNode forged = second.get("/api/audit/verify").json();
            assertThat(forged.get("intact").asBoolean()).isFalse();
            assertThat(forged.get("reason").asText())
                    .as("a checkpoint edited after signing")
                    .contains("does not carry a valid signature");
        } finally {
            jdbc.update("delete from audit_checkpoints where seq = ?", beyond);
        }
        assertThat(second.get("/api/audit/verify").json().get("intact").asBoolean())
                .isTrue();
        assertThat(cli()).startsWith("0:audit chain intact").contains("signed checkpoints");
    }

    @Test
    void timeTravelRebuildsAUserAccountAsItWas() {
        JsonNode before = auditor.get("/api/audit/aggregates/" + trader.id() + "?at=" + beforePermission)
                .json();
        assertThat(before.get("aggregateType").asText()).isEqualTo("UserAccount");
        assertThat(before.get("state").get("tradingEnabled").asBoolean()).isFalse();
        assertThat(before.get("state").get("username").asText()).isEqualTo(trader.username());
        assertThat(before.get("events")).hasSize(1);
        assertThat(before.get("events").get(0).get("eventType").asText()).isEqualTo("UserRegistered");

        JsonNode now = auditor.get("/api/audit/aggregates/" + trader.id()).json();
        assertThat(now.get("state").get("tradingEnabled").asBoolean()).isTrue();
        assertThat(now.get("events").size()).isGreaterThan(1);
        assertThat(now.get("version").asLong()).isEqualTo(now.get("events").size() - 1);

        assertThat(auditor.get("/api/audit/aggregates/" + java.util.UUID.randomUUID())
                        .status())
                .isEqualTo(404);
        assertThat(auditor.get("/api/audit/aggregates/" + trader.id() + "?at=soon")
                        .status())
                .isEqualTo(400);
    }

    private static List<Long> seqs(JsonNode entries) {
        List<Long> seqs = new ArrayList<>();
        entries.forEach(r -> seqs.add(r.get("seq").asLong()));
        return seqs;
    }

    private static List<String> types(JsonNode entries) {
        List<String> types = new ArrayList<>();
        entries.forEach(r -> types.add(r.get("eventType").asText()));
        return types;
    }

    /** Runs the verify-audit command against the test database: "exit code:output". */
    private String cli() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VerifyAuditCli.run(
                new String[] {
                    "verify-audit",
                    "--spring.datasource.url=" + database.jdbcUrl(),
                    "--spring.datasource.username=" + database.username(),
                    "--spring.datasource.password=" + (database.password() == null ? "" : database.password()),
                    // the platform's own master key, which the checkpoints' keys derive from (beside the database)
                    "--trenddesk.security.master-key-file=" + System.getProperty("trenddesk.test.build-dir", "target")
                            + "/test-postgres/master.key"
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return code + ":" + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }
}
