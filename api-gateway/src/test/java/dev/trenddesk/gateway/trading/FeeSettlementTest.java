package dev.trenddesk.gateway.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.api.fees.HighWaterMark;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.strategy.credentials.CredentialsProvider;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A bot trades against the stepped simulator in the last hours of a month (market time, ADR 0027), the market
 * crosses into the next month, and the trader's fee account settles that month once: its figures are the trades'
 * (count, net P&amp;L, the mark, the 20 % fee), {@code GET /api/me/fees} shows them with nothing accrued, the CSV
 * statement has them and the PDF statement parses with the fee in its text. Its own database, started afresh, with
 * a market that starts six hours before the end of a month two months ahead.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "trenddesk.simulator.clock-mode=STEPPED",
            "trenddesk.simulator.intervals=5m,15m,1h",
            "trenddesk.simulator.persist=false",
            "trenddesk.trading.poll-interval=1s",
            "trenddesk.trading.pending-grace=2s",
            "trenddesk.fees.settle-interval=1s"
        })
class FeeSettlementTest {

    private static final Duration CANDLE = Duration.ofMinutes(5);

    /** The month boundary the market crosses: the start of the month after next (UTC). */
    private static final Instant BOUNDARY = YearMonth.now(ZoneOffset.UTC)
            .plusMonths(2)
            .atDay(1)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();

    @DynamicPropertySource
    static void freshDatabaseAndMarket(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Path.of(System.getProperty("trenddesk.test.build-dir", "target"), "test-postgres", "fees");
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        registry.add("trenddesk.database.embedded.data-dir", dir::toString);
        registry.add("trenddesk.simulator.market-start", () -> BOUNDARY.minus(Duration.ofHours(6))
                .toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    BingxSimulator simulator;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CredentialsProvider credentials;

    @Test
    void aMonthOfTradesIsSettledOnceWithItsFiguresAndStatements() throws IOException {
        People people = new People(port);
        TradingWorld world = new TradingWorld(people, simulator.baseUrl(), jdbc, credentials);
        assertThat(Instant.ofEpochMilli(simulator.marketTime())).isBefore(BOUNDARY);
        TradingWorld.Trader trader = world.trader(TradingWorld.eagerSettings("HEDGE"));
        Api admin = people.admin();
        Api.Response terms = admin.put(
                "/api/admin/fees/" + trader.id(),
                Map.of("rate", new BigDecimal("0.20"), "reason", "agreed in the contract"));
        assertThat(terms.status()).as(terms.toString()).isEqualTo(200);
        assertThat(new BigDecimal(terms.json().get("rate").asText())).isEqualByComparingTo("0.2");

        String sessionId = world.startBot(trader);
        world.stepUntil("PositionClosed", 48, sessionId);
        Api api = trader.api();
        assertThat(api.post("/api/me/bot/stop", Map.of("flatten", true)).status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/me/positions").json().isEmpty());
        // the month's trades, as the trader sees them
        List<JsonNode> trades = await().atMost(Duration.ofSeconds(20)).until(() -> trades(api), t -> !t.isEmpty());
        assertThat(trades)
                .allSatisfy(t ->
                        assertThat(Instant.parse(t.get("closedAt").asText())).isBefore(BOUNDARY));
        BigDecimal net = trades.stream()
                .map(t -> new BigDecimal(t.get("netPnl").asText()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal fee = new BigDecimal("0.20")
                .multiply(net.max(BigDecimal.ZERO))
                .setScale(HighWaterMark.FEE_SCALE, HighWaterMark.ROUNDING);
        JsonNode before = api.get("/api/me/fees").json();
        assertThat(before.get("settlements")).isEmpty();
        assertThat(new BigDecimal(before.get("accruedFee").asText())).isEqualByComparingTo(fee);

        // into the next month
        long candles = (BOUNDARY.toEpochMilli() - simulator.marketTime()) / CANDLE.toMillis() + 2;
        world.step((int) candles);
        JsonNode fees = await().atMost(Duration.ofSeconds(90))
                .until(() -> api.get("/api/me/fees").json(), f -> !f.get("settlements")
                        .isEmpty());

        String month =
                YearMonth.from(BOUNDARY.minus(CANDLE).atZone(ZoneOffset.UTC)).toString();
        JsonNode settlement = fees.get("settlements").get(0);
        assertThat(settlement.get("period").asText()).isEqualTo(month);
        assertThat(Instant.parse(settlement.get("periodEnd").asText())).isEqualTo(BOUNDARY);
        assertThat(settlement.get("trades").asInt()).isEqualTo(trades.size());
        assertThat(new BigDecimal(settlement.get("periodNetProfit").asText())).isEqualByComparingTo(net);
        assertThat(new BigDecimal(settlement.get("cumulativeProfit").asText())).isEqualByComparingTo(net);
        assertThat(new BigDecimal(settlement.get("highWaterMarkBefore").asText()))
                .isEqualByComparingTo("0");
        assertThat(new BigDecimal(settlement.get("highWaterMarkAfter").asText()))
                .isEqualByComparingTo(net.max(BigDecimal.ZERO));
        assertThat(new BigDecimal(settlement.get("rate").asText())).isEqualByComparingTo("0.2");
        assertThat(new BigDecimal(settlement.get("fee").asText())).isEqualByComparingTo(fee);
        assertThat(settlement.get("endEquity").isNull())
                .as("the bot read the equity")
                .isFalse();

        assertThat(new BigDecimal(fees.get("rate").asText())).isEqualByComparingTo("0.2");
        assertThat(new BigDecimal(fees.get("highWaterMark").asText())).isEqualByComparingTo(net.max(BigDecimal.ZERO));
        assertThat(Instant.parse(fees.get("periodStart").asText())).isEqualTo(BOUNDARY);
        assertThat(new BigDecimal(fees.get("accruedFee").asText())).isEqualByComparingTo("0");

        // once: more rounds of the settler record nothing more
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        Integer settled = jdbc.queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier = ? and payload_type like ?",
                Integer.class,
                "fees-" + trader.id(),
                "%FeePeriodSettled");
        assertThat(settled).isEqualTo(1);

        Api.Bytes csv = api.getBytes("/api/me/fees/statement?from=" + month + "&format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines =
                new String(csv.body(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("period,periodStart,periodEnd");
        String[] cells = lines.get(1).split(",");
        assertThat(cells[0]).isEqualTo(month);
        assertThat(new BigDecimal(cells[7])).isEqualByComparingTo(net);
        assertThat(new BigDecimal(cells[10])).isEqualTo(fee);
        assertThat(cells[11]).isEqualTo(Integer.toString(trades.size()));

        Api.Bytes pdf = api.getBytes("/api/me/fees/statement?from=" + month + "&format=pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).startsWith("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text)
                    .contains("performance fee statement")
                    .contains(trader.person().username())
                    .contains("Fee: " + fee.toPlainString() + " USDT")
                    .contains("Trades: " + trades.size());
        }

        JsonNode overview = admin.get("/api/admin/fees").json();
        JsonNode line = null;
        for (JsonNode t : overview.get("traders")) {
            if (t.get("userId").asText().equals(trader.id())) {
                line = t;
            }
        }
        assertThat(line).as(overview.toString()).isNotNull();
        assertThat(new BigDecimal(line.get("totalFees").asText())).isEqualByComparingTo(fee);
        assertThat(line.get("lastSettled").asText()).isEqualTo(month);
        assertThat(new BigDecimal(overview.get("totalRevenue").asText())).isGreaterThanOrEqualTo(fee);

        Api.Response bad = api.get("/api/me/fees/statement?from=" + month + "&format=xls");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("format");
    }

    private static List<JsonNode> trades(Api api) {
        JsonNode page = api.get("/api/me/trades?limit=100").json().get("trades");
        return java.util.stream.StreamSupport.stream(page.spliterator(), false).toList();
    }
}
