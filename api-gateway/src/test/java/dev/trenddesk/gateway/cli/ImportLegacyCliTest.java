package dev.trenddesk.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trenddesk.gateway.config.DatabaseConfiguration.DatabaseEndpoint;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * import-legacy, run in-process against the shared test database as an operator would (its URL), with legacy
 * SQLite files written here from the ETH 5-minute candles the simulator replays: dry run changes nothing; the
 * import shows the trades to their owner through /api/me/trades marked imported with the P&amp;L of the file, and
 * the key masked through /api/me/bingx; a second run and a longer file with other column names and epoch times
 * import only what is new; a bad row imports nothing and is named; only a trader account is an owner.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportLegacyCliTest {

    private static final String API_KEY = "LeGaCyApIkEy0123456789abcdWxYz";
    private static final String SECRET = "legacy-secret-never-printed-4f7a9c";
    private static final int TRADES = 30;

    @LocalServerPort
    int port;

    @Autowired
    DatabaseEndpoint database;

    @Autowired
    DataSource dataSource;

    @Value("${trenddesk.database.embedded.data-dir}")
    String dataDir;

    @TempDir
    Path dir;

    private JdbcTemplate jdbc;
    private People people;
    private List<Row> rows;

    /** One legacy trade as the test writes it. */
    record Row(
            String pair,
            String side,
            BigDecimal qty,
            BigDecimal entry,
            BigDecimal exit,
            BigDecimal fee,
            long openMillis,
            long closeMillis) {

        BigDecimal pnl() {
            return exit.subtract(entry).multiply(qty).multiply(BigDecimal.valueOf(side.equals("buy") ? 1 : -1));
        }
    }

    @BeforeAll
    void setUp() throws IOException {
        jdbc = new JdbcTemplate(dataSource);
        people = new People(port);
        rows = realisticRows(TRADES + 2);
    }

    @Test
    void dryRunImportAgainALongerFileAndTheKey() throws Exception {
        Person trader = people.create("trader");
        Path bot = dir.resolve("bot.db");
        writeIsoFile(bot, rows.subList(0, TRADES));
        Path env = dir.resolve(".env");
        Files.writeString(env, """
                # the single-user bot's settings
                export BINGX_API_KEY="%s"
                BINGX_SECRET_KEY='%s' # never share
                SYMBOL=BTC-USDT
                """.formatted(API_KEY, SECRET));

        Result dry =
                cli("--sqlite", bot.toString(), "--env", env.toString(), "--owner", trader.username(), "--dry-run");
        assertThat(dry.code()).as(dry.toString()).isZero();
        assertThat(dry.out())
                .contains("symbol <- pair", "side <- direction", "quantity <- amount", "exit_time <- close_time")
                .contains(TRADES + " good row(s), 0 bad")
                .contains("row 1: ")
                .contains(TRADES + " trade(s) to import, 0 imported before")
                .contains("dry run: nothing changed; would connect the key ****WxYz");
        assertThat(dry.toString()).doesNotContain(SECRET).doesNotContain(API_KEY);
        assertThat(tradesOf(trader)).isZero();
        assertThat(eventsOf("ImportedHistory", trader)).isZero();
        assertThat(trader.login().get("/api/me/bingx").json().get("status").asText())
                .isNotEqualTo("PENDING")
                .isNotEqualTo("VERIFIED");

        Result first = cli("--sqlite", bot.toString(), "--env", env.toString(), "--owner", trader.username());
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out())
                .contains("imported " + TRADES + " trade(s), 0 imported before")
                .contains("connected the BingX key ****WxYz");
        assertThat(first.toString()).doesNotContain(SECRET).doesNotContain(API_KEY);

        Api api = trader.login();
        BigDecimal expected = net(rows.subList(0, TRADES));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                        api.get("/api/me/trades?limit=100").json().get("trades").size())
                .isEqualTo(TRADES));
        JsonNode trades = api.get("/api/me/trades?limit=100").json().get("trades");
        BigDecimal shown = BigDecimal.ZERO;
        for (JsonNode trade : trades) {
            assertThat(trade.get("imported").asBoolean()).as(trade.toString()).isTrue();
            assertThat(trade.get("reason").asText()).isEqualTo("IMPORTED");
            assertThat(trade.get("symbol").asText()).isIn("BTC-USDT", "ETH-USDT");
            shown = shown.add(trade.get("netPnl").decimalValue());
        }
        assertThat(shown).isEqualByComparingTo(expected);
        JsonNode first1 = find(trades, "2023-03-13T18:35:00Z");
        assertThat(first1).as("the first row, its times as the file has them").isNotNull();
        assertThat(first1.get("openedAt").asText()).isEqualTo("2023-03-13T18:05:00Z");
        assertThat(first1.get("symbol").asText()).isEqualTo("ETH-USDT");
        assertThat(first1.get("side").asText()).isEqualTo("LONG");
        assertThat(first1.path("sessionId").isNull() || first1.path("sessionId").isMissingNode())
                .as("no bot session")
                .isTrue();

        JsonNode connection = api.get("/api/me/bingx").json();
        assertThat(connection.get("maskedApiKey").asText()).isEqualTo("****WxYz");
        assertThat(connection.toString()).doesNotContain(SECRET).doesNotContain(API_KEY);
        assertThat(jdbc.queryForObject(
                        "select count(*) from domain_event_entry where aggregate_identifier = ? "
                                + "and (convert_from(payload, 'UTF8') like ? or convert_from(payload, 'UTF8') like ?)",
                        Integer.class,
                        "credentials-" + trader.id(),
                        "%" + SECRET + "%",
                        "%" + API_KEY + "%"))
                .as("key and secret are in the event store only encrypted")
                .isZero();

        String audit = "/api/audit/events?user=" + trader.id() + "&actor=" + ImportLegacyCli.ACTOR;
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(people.admin().get(audit).json().toString())
                        .contains("LegacyImportCompleted", "CredentialsConnected")
                        .doesNotContain(SECRET));

        Result again = cli("--sqlite", bot.toString(), "--owner", trader.username());
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).contains("imported 0 trade(s), " + TRADES + " imported before");

        Result keyAgain = cli("--sqlite", bot.toString(), "--env", env.toString(), "--owner", trader.username());
        assertThat(keyAgain.code()).isEqualTo(2);
        assertThat(keyAgain.err())
                .contains("already has a BingX key (****WxYz)")
                .contains("--replace-key");

        // the file grew by two trades and was written again with other column names and epoch times
        Path longer = dir.resolve("bot-v2.db");
        writeEpochFile(longer, rows);
        Result grown = cli("--sqlite=" + longer, "--owner=" + trader.username());
        assertThat(grown.code()).as(grown.toString()).isZero();
        assertThat(grown.out())
                .contains("symbol <- Market", "entry_time <- Opened_At", "pnl <- Realized_PnL", "fees <- Fee")
                .contains("imported 2 trade(s), " + TRADES + " imported before");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(tradesOf(trader)).isEqualTo(TRADES + 2));
        assertThat(jdbc.queryForObject(
                        "select sum(net_pnl) from trades_view where user_id = ?",
                        BigDecimal.class,
                        UUID.fromString(trader.id())))
                .isEqualByComparingTo(net(rows));
    }

    @Test
    void aBadRowImportsNothingAndIsNamedAMapNamesAnUnknownColumn() throws Exception {
        Person trader = people.create("trader");
        Path bad = dir.resolve("bad.db");
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + bad);
                Statement statement = sqlite.createStatement()) {
            statement.execute("create table Trades (coin text, side text, qty text, entry real, exit real, "
                    + "entry_time text, exit_time text)");
            statement.execute("insert into Trades values "
                    + "('ETHUSDT', 'long', '0.5', 1672.99, 1690.10, '2023-03-13T18:00:00Z', '2023-03-13T19:00:00Z'), "
                    + "('ETHUSDT', 'short', 'half', 1690.10, 1680.00, '2023-03-13T20:00:00Z', '2023-03-13T21:00:00Z'), "
                    + "('ETH/USDT', 'long', '1', 1680.00, 1700.00, '2023-03-14T10:00:00Z', '2023-03-14T09:00:00Z')");
        }
        Result unmapped = cli("--sqlite", bad.toString(), "--owner", trader.username());
        assertThat(unmapped.code()).isEqualTo(2);
        assertThat(unmapped.err()).contains("no column for symbol").contains("--map COLUMN=symbol");

        Result mapped = cli("--sqlite", bad.toString(), "--owner", trader.username(), "--map", "coin=symbol");
        assertThat(mapped.code()).isEqualTo(2);
        assertThat(mapped.out()).contains("symbol <- coin");
        assertThat(mapped.err())
                .contains("bad row 2: quantity 'half' is not a number")
                .contains("bad row 3: exit time 2023-03-14T09:00:00Z is before entry time")
                .contains("nothing imported")
                .doesNotContain("row 1:");
        assertThat(eventsOf("ImportedHistory", trader)).isZero();
        assertThat(tradesOf(trader)).isZero();
    }

    @Test
    void onlyATraderAccountIsAnOwnerAndARunningPlatformsDatabaseIsRefused() throws Exception {
        Path bot = dir.resolve("admin.db");
        writeIsoFile(bot, rows.subList(0, 3));
        Result admin = cli("--sqlite", bot.toString(), "--owner", IntegrationTest.ADMIN);
        assertThat(admin.code()).isEqualTo(2);
        assertThat(admin.err()).contains(IntegrationTest.ADMIN + " is not a trader account (role ADMIN)");

        Result nobody = cli("--sqlite", bot.toString(), "--owner", "nobody-of-that-name");
        assertThat(nobody.code()).isEqualTo(2);
        assertThat(nobody.err()).contains("no user named 'nobody-of-that-name'");

        Person trader = people.create("trader");
        Result running = cliRaw(
                "--sqlite",
                bot.toString(),
                "--owner",
                trader.username(),
                "--trenddesk.database.embedded.data-dir=" + dataDir);
        assertThat(running.code()).isEqualTo(2);
        assertThat(running.err()).contains("cannot open the database").contains("in use by");
        assertThat(tradesOf(trader)).isZero();

        Result missing = cli("--sqlite", bot.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--owner is required").contains("usage: import-legacy");
    }

    // --- the legacy files ---

    /**
     * Trades on the recorded ETH candles (Binance US, 13–15 March 2023): each held 30 minutes, alternately long and
     * short; every third one on BTC at a price of that week's order, the quantity of a small account.
     */
    private static List<Row> realisticRows(int count) throws IOException {
        JsonNode ohlc;
        try (InputStream in = ImportLegacyCliTest.class
                .getClassLoader()
                .getResourceAsStream("ETH-USD-PT5M-2023-3-13_2023-3-15.json")) {
            assertThat(in).as("the ETH candles of ta4j-examples").isNotNull();
            ohlc = new ObjectMapper().readTree(in).get("ohlc");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode open = ohlc.get(i * 12);
            JsonNode close = ohlc.get(i * 12 + 6);
            BigDecimal entry = open.get("closePrice").decimalValue();
            BigDecimal exit = close.get("closePrice").decimalValue();
            boolean btc = i % 3 == 2;
            BigDecimal qty = new BigDecimal(btc ? "0.012" : "0.35");
            if (btc) { // BTC traded near 14.5 times ETH that week
                entry = entry.multiply(new BigDecimal("14.5")).setScale(1, RoundingMode.HALF_UP);
                exit = exit.multiply(new BigDecimal("14.5")).setScale(1, RoundingMode.HALF_UP);
            }
            BigDecimal fee = entry.add(exit)
                    .multiply(qty)
                    .multiply(new BigDecimal("0.0005"))
                    .setScale(6, RoundingMode.HALF_UP);
            rows.add(new Row(
                    btc ? "BTCUSDT" : "ETH/USDT",
                    i % 2 == 0 ? "buy" : "sell",
                    qty,
                    entry,
                    exit,
                    fee,
                    open.get("endTime").asLong() + 1,
                    close.get("endTime").asLong() + 1));
        }
        return rows;
    }

    private static BigDecimal net(List<Row> rows) {
        return rows.stream().map(r -> r.pnl().subtract(r.fee())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** As the bot wrote it: pair, direction, amount, ISO times, profit gross of the commission. */
    private static void writeIsoFile(Path file, List<Row> rows) throws SQLException {
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            sqlite.createStatement()
                    .execute("create table trades (id integer primary key, pair text, direction text, amount real, "
                            + "open_price real, close_price real, profit real, commission real, open_time text, "
                            + "close_time text)");
            try (PreparedStatement insert = sqlite.prepareStatement(
                    "insert into trades (pair, direction, amount, "
                            + "open_price, close_price, profit, commission, open_time, close_time) values (?,?,?,?,?,?,?,?,?)")) {
                for (Row r : rows) {
                    insert.setString(1, r.pair());
                    insert.setString(2, r.side());
                    insert.setString(3, r.qty().toPlainString());
                    insert.setString(4, r.entry().toPlainString());
                    insert.setString(5, r.exit().toPlainString());
                    insert.setString(6, r.pnl().toPlainString());
                    insert.setString(7, r.fee().toPlainString());
                    insert.setString(8, Instant.ofEpochMilli(r.openMillis()).toString());
                    insert.setString(
                            9,
                            Instant.ofEpochMilli(r.closeMillis())
                                    .toString()
                                    .replace('T', ' ')
                                    .replace("Z", ""));
                    insert.executeUpdate();
                }
            }
        }
    }

    /** A later version: other column names, opened_at in epoch milliseconds, closed_at in epoch seconds. */
    private static void writeEpochFile(Path file, List<Row> rows) throws SQLException {
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            sqlite.createStatement()
                    .execute("create table TRADES (Market text, Side text, Qty text, Entry text, Exit text, "
                            + "Realized_PnL text, Fee text, Opened_At integer, Closed_At integer)");
            try (PreparedStatement insert = sqlite.prepareStatement("insert into TRADES values (?,?,?,?,?,?,?,?,?)")) {
                for (Row r : rows) {
                    insert.setString(1, r.pair().replace("/", "-"));
                    insert.setString(2, r.side().equals("buy") ? "LONG" : "SHORT");
                    insert.setString(3, r.qty().toPlainString());
                    insert.setString(4, r.entry().toPlainString());
                    insert.setString(5, r.exit().toPlainString());
                    insert.setString(6, r.pnl().toPlainString());
                    insert.setString(7, r.fee().negate().toPlainString());
                    insert.setLong(8, r.openMillis());
                    insert.setLong(9, r.closeMillis() / 1000);
                    insert.executeUpdate();
                }
            }
        }
    }

    // --- what the platform holds ---

    private int tradesOf(Person person) {
        return jdbc.queryForObject(
                "select count(*) from trades_view where user_id = ?", Integer.class, UUID.fromString(person.id()));
    }

    private int eventsOf(String type, Person person) {
        return jdbc.queryForObject(
                "select count(*) from domain_event_entry where type = ? and aggregate_identifier like ?",
                Integer.class,
                type,
                "%" + person.id() + "%");
    }

    private static JsonNode find(JsonNode trades, String closedAt) {
        for (JsonNode trade : trades) {
            if (trade.get("closedAt").asText().equals(closedAt)) {
                return trade;
            }
        }
        return null;
    }

    record Result(int code, String out, String err) {}

    /** Runs import-legacy against this test's database, as an operator would give its URL. */
    private Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--spring.datasource.url=" + database.jdbcUrl());
        all.add("--spring.datasource.username=" + database.username());
        all.add("--spring.datasource.password=" + (database.password() == null ? "" : database.password()));
        return cliRaw(all.toArray(String[]::new));
    }

    private static Result cliRaw(String... args) {
        List<String> all = new ArrayList<>(List.of("import-legacy"));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ImportLegacyCli.run(
                all.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
