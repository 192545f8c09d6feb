package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Conformance with a client nobody here wrote: the npm {@code ccxt} package's {@code bingx} exchange
 * (version pinned in {@code conformance/package-lock.json}) drives the standalone simulator through
 * {@code conformance/ccxt-bingx.mjs}. Every call it makes passes, or is listed in
 * {@code conformance/known-differences.txt} with its reason; a listed call that passes fails this test
 * too, so the list stays true. The README's table of known differences is the same list.
 *
 * <p>Maven installs the package ({@code npm ci}, skipped when node_modules already matches the lock
 * file) before the tests; {@code -Dfrontend.skip=true} skips every npm step and this test with them.
 */
class CcxtConformanceTest {

    private static final Path CONFORMANCE = Path.of("conformance").toAbsolutePath();
    private static final Path KNOWN_DIFFERENCES = CONFORMANCE.resolve("known-differences.txt");
    private static final Path README =
            Path.of("..", "README.md").toAbsolutePath().normalize();
    private static final Pattern README_TABLE = Pattern.compile(
            "<!-- ccxt-known-differences:start -->(.*?)<!-- ccxt-known-differences:end -->", Pattern.DOTALL);
    private static final long RUN_TIMEOUT_SECONDS = 300;

    @Test
    void everyCcxtCallPassesOrIsAKnownDifference() throws Exception {
        assertThat(CONFORMANCE.resolve("node_modules/ccxt/package.json"))
                .as("ccxt is installed in %s (Maven runs npm ci there unless -Dfrontend.skip=true)", CONFORMANCE)
                .exists();
        Map<String, String> known = knownDifferences();

        JsonNode report;
        try (BingxSimulator sim = BingxSimulator.start(SimulatorConfig.builder()
                .port(0)
                .clockMode(ClockMode.ACCELERATED)
                .speed(60)
                .build())) {
            String apiKey = "ccxt" + UUID.randomUUID().toString().replace("-", "");
            String secret = UUID.randomUUID().toString().replace("-", "")
                    + UUID.randomUUID().toString().replace("-", "");
            SimHttp.Answer created =
                    new SimHttp(sim.baseUrl()).admin("POST", "/sim/accounts", """
                    {"apiKey":"%s","secretKey":"%s","balance":"10000","positionMode":"HEDGE","leverage":5}""".formatted(apiKey, secret));
            assertThat(created.status()).isEqualTo(201);
            report = runCcxt(sim.baseUrl(), sim.wsUrl(), apiKey, secret);
        }

        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        int passed = 0;
        for (JsonNode call : report.path("calls")) {
            String name = call.path("name").asText();
            byName.put(name, call);
            boolean ok = call.path("ok").asBoolean();
            if (ok && known.containsKey(name)) {
                problems.add("passes now, remove it from known-differences.txt and the README: " + name
                        + " (listed as: " + known.get(name) + ")");
            } else if (!ok && !known.containsKey(name)) {
                problems.add("fails and is not a known difference: " + name + ": "
                        + call.path("error").asText());
            }
            if (ok) {
                passed++;
            }
        }
        for (String name : known.keySet()) {
            if (!byName.containsKey(name)) {
                problems.add("listed in known-differences.txt but the suite makes no such call: " + name);
            }
        }
        assertThat(byName)
                .as(
                        "the suite ran its calls (ccxt %s)",
                        report.path("ccxtVersion").asText())
                .containsKeys(
                        "loadMarkets",
                        "createOrder market clientOrderId",
                        "watchOrders",
                        "no request outside the simulator");
        System.out.println("ccxt " + report.path("ccxtVersion").asText() + " against the simulator: " + passed
                + " calls passed, " + (byName.size() - passed) + " not passing, " + known.size() + " listed");
        if (!problems.isEmpty()) {
            fail("ccxt " + report.path("ccxtVersion").asText() + " against the simulator: " + passed + " passed, "
                    + (byName.size() - passed) + " not passing (" + known.size() + " listed)\n  "
                    + String.join("\n  ", problems));
        }
    }

    @Test
    void readmeTableIsTheKnownDifferencesFile() throws IOException {
        Matcher table = README_TABLE.matcher(Files.readString(README));
        assertThat(table.find())
                .as("README has the ccxt known-differences table between its markers")
                .isTrue();
        Map<String, String> inReadme = new LinkedHashMap<>();
        for (String line : table.group(1).lines().toList()) {
            String row = line.strip();
            if (!row.startsWith("|") || row.startsWith("| call ") || row.startsWith("|---")) {
                continue;
            }
            String[] cells = row.substring(1, row.length() - 1).split("\\|", 2);
            inReadme.put(cells[0].strip().replace("`", ""), cells[1].strip());
        }
        assertThat(inReadme)
                .as("README table (call → reason) = conformance/known-differences.txt")
                .containsExactlyEntriesOf(knownDifferences());
    }

    /** {@code call name | reason} lines; blank lines and {@code #} comments are ignored. */
    private static Map<String, String> knownDifferences() throws IOException {
        Map<String, String> known = new LinkedHashMap<>();
        for (String line : Files.readAllLines(KNOWN_DIFFERENCES, StandardCharsets.UTF_8)) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            int bar = entry.indexOf('|');
            assertThat(bar)
                    .as("'call | reason' in %s: %s", KNOWN_DIFFERENCES, entry)
                    .isPositive();
            String name = entry.substring(0, bar).strip();
            String reason = entry.substring(bar + 1).strip();
            assertThat(reason).as("the reason of %s", name).isNotBlank();
            assertThat(known.put(name, reason)).as("%s listed once", name).isNull();
        }
        return known;
    }

    private static JsonNode runCcxt(String baseUrl, String wsUrl, String apiKey, String secret) throws Exception {
        Path out = Files.createTempFile("ccxt-report", ".json");
        Path err = Files.createTempFile("ccxt-log", ".txt");
        try {
            Process node = new ProcessBuilder("node", "ccxt-bingx.mjs", baseUrl, wsUrl, apiKey, secret)
                    .directory(CONFORMANCE.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!node.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("ccxt-bingx.mjs did not end within " + RUN_TIMEOUT_SECONDS + " s; its log:\n"
                        + Files.readString(err));
            }
            String log = Files.readString(err);
            System.out.println(log); // the per-call log, in the test's output file
            assertThat(node.exitValue())
                    .as("ccxt-bingx.mjs exit code; its log:\n%s", log)
                    .isZero();
            return SimHttp.JSON.readTree(out.toFile());
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
