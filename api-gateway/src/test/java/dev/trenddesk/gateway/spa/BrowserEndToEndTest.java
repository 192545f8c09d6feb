package dev.trenddesk.gateway.spa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.system.NodeIdentity;
import dev.trenddesk.simulator.BingxSimulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The dashboard in a real browser: Debian's Chromium ({@code /usr/bin/chromium}, or {@code CHROMIUM}),
 * driven by playwright-core from {@code frontend/e2e/run.mjs}, against this whole application in
 * local mode with the built-in simulator. The script walks: admin creates a trader; the trader logs
 * in, connects simulator keys, starts the bot and sees a trade appear live without reload; the admin
 * sees it on the overview, and this node up with its event processors on the System page; a second
 * trader cannot reach the first one's pages or data by changing URLs; a viewer sees the granted dashboard read-only; an auditor reads the log newest first (market data hidden), filters it by username in a URL that reloads to the same list, opens and closes the details panel (beside the list, and over it on a phone), exports it and steps through the trader's replay. Then each role
 * visits every page of its menu (and its profile, the drill-down, the granted dashboard, the trader's replay, "Page not found", the login
 * page): each is scanned by axe-core (WCAG 2 A and AA rules) at desktop and phone width, and seen at 390×844, where
 * the page must not scroll sideways. No serious or critical axe violation may be found on any page or on the
 * dialogs the walk opens. Screenshots of each page land in {@code <build dir>/e2e-screenshots/}, with the axe
 * results per page ({@code axe-<role>-<page>-<width>.json}) and a phone picture per page ({@code phone-*.png}).
 *
 * <p>A step whose endpoint the server does not offer is reported as skipped by the script; every
 * step in {@link #REQUIRED} must have passed. The script's output is kept beside the screenshots
 * ({@code e2e-output.log}).
 */
@IntegrationTest
@TestPropertySource(
        properties =
                "trenddesk.database.embedded.data-dir=${trenddesk.test.build-dir:target}/test-postgres/e2e-${random.uuid}")
class BrowserEndToEndTest {

    /** Steps that must pass (every step of the walk: each endpoint it needs exists). */
    static final List<String> REQUIRED = List.of(
            "login page and admin login",
            "admin creates a trader (and the other people of this walk)",
            "trader logs in and sees the dashboard",
            "trader connects simulator keys",
            "trader saves trading settings (the form refuses a value out of range)",
            "trader backtests the saved settings on real ETH-USDT candles",
            "trader starts the bot",
            "trader sees a trade appear live without reload",
            "admin sees the trader on the overview and drills down",
            "admin opens System and sees this node up and the processors listed",
            "a second trader cannot reach the first trader's pages or data by changing URLs",
            "a viewer sees the granted dashboard read-only",
            "an auditor reads the log newest first by username, opens details and exports it",
            "each role visits every page of its menu, at desktop and at phone width",
            "logout ends the session",
            "every page fits a phone screen: the page never scrolls sideways",
            "every page passes an axe-core scan with no serious or critical violation");

    @LocalServerPort
    int port;

    @Autowired
    BingxSimulator simulator;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    @Test
    void walksThroughTheDashboardInChromium() throws Exception {
        assertThat(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")))
                .as("Chromium (Debian package chromium) is installed")
                .exists();
        Path frontend = Path.of("..", "frontend").toAbsolutePath().normalize();
        Path screenshots = Path.of(System.getProperty("trenddesk.test.build-dir", "target"), "e2e-screenshots")
                .toAbsolutePath();
        Files.createDirectories(screenshots);
        try (var old = Files.list(screenshots)) {
            for (Path file : old.filter(p -> p.toString().endsWith(".png")
                            || p.getFileName().toString().startsWith("axe-"))
                    .toList()) {
                Files.delete(file); // this run's pictures only
            }
        }
        assertThat(frontend.resolve("node_modules/playwright-core"))
                .as("npm ci has run in frontend/")
                .exists();
        assertThat(Api.at(port).get("/login").body())
                .as("the dashboard is on the classpath")
                .contains("<div id=\"root\">");
        // the walk starts with the admin's login: wait until the users read model holds the admin (on a busy
        // machine its projection may still be catching up after start), without spending login attempts
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from users_view where lower(username) = lower(?)",
                                Integer.class,
                                IntegrationTest.ADMIN)
                        == 1);

        ProcessBuilder builder = new ProcessBuilder("node", "e2e/run.mjs")
                .directory(frontend.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("BASE_URL", "http://localhost:" + port);
        env.put("SIM_URL", simulator.baseUrl().replaceAll("/$", ""));
        env.put("ADMIN_USER", IntegrationTest.ADMIN);
        env.put("ADMIN_PASSWORD", IntegrationTest.ADMIN_PASSWORD);
        env.put("SCREENSHOT_DIR", screenshots.toString());
        env.put("NODE_ID", NodeIdentity.of(environment));
        env.putIfAbsent("CHROMIUM", "/usr/bin/chromium");

        Process process = builder.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println("[e2e] " + line);
                output.add(line);
            }
        }
        assertThat(process.waitFor(12, TimeUnit.MINUTES))
                .as("the browser walk ends")
                .isTrue();
        for (String step : REQUIRED) {
            assertThat(output).as("the walk reports step '" + step + "'").anyMatch(line -> line.contains(step));
        }
        Files.write(screenshots.resolve("e2e-output.log"), output, StandardCharsets.UTF_8);

        String result = output.stream()
                .filter(l -> l.startsWith("E2E-RESULT "))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no E2E-RESULT line; output:\n" + String.join("\n", output)));
        Map<String, String> statuses = new LinkedHashMap<>();
        Map<String, String> details = new LinkedHashMap<>();
        for (JsonNode step :
                Api.JSON.readTree(result.substring("E2E-RESULT ".length())).get("steps")) {
            statuses.put(step.get("name").asText(), step.get("status").asText());
            details.put(step.get("name").asText(), step.get("detail").asText());
        }
        List<String> failed = statuses.entrySet().stream()
                .filter(e -> e.getValue().equals("failed"))
                .map(e -> e.getKey() + ": " + details.get(e.getKey()))
                .toList();
        if (!failed.isEmpty()) {
            // what every thread of the platform is doing right now, for the one who looks into it
            Files.writeString(screenshots.resolve("e2e-threads.txt"), threadDump(), StandardCharsets.UTF_8);
        }
        assertThat(failed)
                .as("failed browser steps (thread dump in e2e-threads.txt)")
                .isEmpty();
        for (String step : REQUIRED) {
            assertThat(statuses.get(step)).as("step '" + step + "'").isEqualTo("passed");
        }
        assertThat(process.exitValue()).as("node exit code").isZero();
        try (var shots = Files.list(screenshots)) {
            assertThat(shots.filter(p -> p.toString().endsWith(".png")).count())
                    .as("screenshots")
                    .isGreaterThanOrEqualTo(6);
        }
    }

    private static String threadDump() {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            dump.append('"')
                    .append(thread.getName())
                    .append("\" ")
                    .append(thread.getState())
                    .append('\n');
            for (StackTraceElement frame : stack) {
                dump.append("    at ").append(frame).append('\n');
            }
            dump.append('\n');
        });
        return dump.toString();
    }
}
