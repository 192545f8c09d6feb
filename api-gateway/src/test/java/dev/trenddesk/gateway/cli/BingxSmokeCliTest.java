package dev.trenddesk.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.trenddesk.bingx.ApiCredentials;
import dev.trenddesk.bingx.BingxClient;
import dev.trenddesk.bingx.BingxClientConfig;
import dev.trenddesk.bingx.BingxClientFactory;
import dev.trenddesk.bingx.BingxEnvironment;
import dev.trenddesk.bingx.model.OrderRequest;
import dev.trenddesk.bingx.model.OrderSide;
import dev.trenddesk.bingx.model.PositionSide;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.simulator.ClockMode;
import dev.trenddesk.simulator.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code bingx-smoke} command run against the built-in simulator (an embedded {@link BingxSimulator}
 * with an account made through its admin API), as an operator runs it against BingX VST.
 */
class BingxSmokeCliTest {

    private static final Pattern STEP_LINE = Pattern.compile("^(\\S+(?: \\S+)?)\\s+(OK|FAIL)\\s+\\d+ ms  .*$");

    private static BingxSimulator sim;

    @BeforeAll
    static void startSimulator() {
        // 300x: a 1-minute candle closes every 0.2 s, so the market stream's first closed candle comes quickly
        sim = BingxSimulator.start(SimulatorConfig.builder()
                .port(0)
                .clockMode(ClockMode.ACCELERATED)
                .speed(300)
                .build());
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    record Run(int exit, String out, String err) {

        /** step name → OK/FAIL, in printed order. */
        List<String> steps() {
            List<String> steps = new ArrayList<>();
            for (String line : out.split("\n")) {
                var m = STEP_LINE.matcher(line);
                if (m.matches()) {
                    steps.add(m.group(1) + " " + m.group(2));
                }
            }
            return steps;
        }

        String line(String step) {
            return Arrays.stream(out.split("\n"))
                    .filter(l -> l.startsWith(step + " "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no line for step " + step + " in:\n" + out));
        }
    }

    private static Run smoke(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] full = new String[args.length + 1];
        full[0] = "bingx-smoke";
        System.arraycopy(args, 0, full, 1, args.length);
        int exit = BingxSmokeCli.run(
                full,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Run run = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        System.out.print(run.out() + run.err()); // what an operator would see, kept in the surefire output
        return run;
    }

    private static String[] againstSimulator(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--environment",
                "sim",
                "--base-url",
                sim.baseUrl(),
                "--ws-url",
                sim.wsUrl(),
                "--wait",
                "20s")); // the defaults otherwise: BTC-USDT, klines 5m and 1h, stream 1m
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static Map<String, String> account(String positionMode, String... permissions) {
        String key = "smoke" + UUID.randomUUID().toString().replace("-", "");
        String secret = "secret" + UUID.randomUUID().toString().replace("-", "")
                + UUID.randomUUID().toString().replace("-", "");
        String body = "{\"apiKey\":\"" + key + "\",\"secretKey\":\"" + secret + "\",\"balance\":\"10000\","
                + "\"positionMode\":\"" + positionMode + "\",\"leverage\":5,\"permissions\":["
                + String.join(
                        ",",
                        Arrays.stream(permissions).map(p -> "\"" + p + "\"").toList()) + "]}";
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/sim/accounts"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
        return Map.of(BingxSmokeCli.KEY_VARIABLE, key, BingxSmokeCli.SECRET_VARIABLE, secret);
    }

    private static void assertNoSecretPrinted(Run run, Map<String, String> env) {
        String key = env.get(BingxSmokeCli.KEY_VARIABLE);
        String secret = env.get(BingxSmokeCli.SECRET_VARIABLE);
        assertThat(run.out() + run.err())
                .doesNotContain(secret)
                .doesNotContain(key)
                .contains("****" + key.substring(key.length() - 4));
    }

    @Test
    void readOnlyStepsAllPassAgainstTheSimulator() {
        Map<String, String> env = account("HEDGE", "READ", "TRADE");

        Run run = smoke(env, againstSimulator());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.steps())
                .containsExactly(
                        "server-time OK",
                        "contract OK",
                        "klines 5m OK",
                        "klines 1h OK",
                        "balance OK",
                        "permissions OK",
                        "positions OK",
                        "position-mode OK",
                        "leverage OK",
                        "open-orders OK",
                        "listen-key OK",
                        "user-data-ws OK",
                        "market-ws OK",
                        "listen-key-delete OK");
        assertThat(run.line("contract")).contains("BTC-USDT online", "min quantity", "taker fee");
        assertThat(run.line("balance")).contains("USDT balance 10000");
        assertThat(run.line("permissions")).contains("perpetual_futures_trading", "platform verdict: accepted");
        assertThat(run.line("position-mode")).contains("HEDGE");
        assertThat(run.line("market-ws")).contains("BTC-USDT@kline_1m pushed; first closed candle");
        assertThat(run.line("klines 1h")).contains("10 candles 1h apart");
        assertThat(run.out()).contains("bingx-smoke: all 14 steps OK").doesNotContain("market-open");
        assertNoSecretPrinted(run, env);
    }

    @Test
    void tradeRoundTripOpensWaitsForTheFillClosesAndCancelsInHedgeMode() {
        Map<String, String> env = account("HEDGE", "READ", "TRADE");

        Run run = smoke(env, againstSimulator("--trade"));

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.steps())
                .containsSubsequence(
                        "market-ws OK",
                        "trade-precheck OK",
                        "market-open OK",
                        "open-fill OK",
                        "open-query OK",
                        "open-stream OK",
                        "position-open OK",
                        "market-close OK",
                        "close-fill OK",
                        "position-flat OK",
                        "income OK",
                        "limit-place OK",
                        "limit-open OK",
                        "limit-cancel OK",
                        "listen-key-delete OK");
        assertThat(run.steps()).allMatch(s -> s.endsWith(" OK"));
        assertThat(run.line("open-fill")).containsPattern("FILLED by (the user-data stream|query) after \\d+ ms");
        assertThat(run.line("open-query")).contains("FILLED");
        assertThat(run.line("open-stream")).contains("ORDER_TRADE_UPDATE", "on the user-data stream");
        assertThat(run.line("position-open")).contains("BTC-USDT LONG");
        assertThat(run.line("position-flat")).contains("no LONG position on BTC-USDT");
        assertThat(run.line("income")).contains("REALIZED_PNL", "TRADING_FEE");
        assertThat(run.line("limit-cancel")).contains("the order is CANCELED");
        assertNoSecretPrinted(run, env);
    }

    @Test
    void tradeRoundTripUsesReduceOnlyInOneWayMode() {
        Map<String, String> env = account("ONE_WAY", "READ", "TRADE");

        Run run = smoke(env, againstSimulator("--trade"));

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.line("market-close")).contains("SELL BOTH, reduceOnly");
        assertThat(run.line("position-flat")).contains("no BOTH position on BTC-USDT");
        assertThat(run.steps()).allMatch(s -> s.endsWith(" OK"));
    }

    @Test
    void theRoundTripRefusesToStartOnAHeldPosition() {
        Map<String, String> env = account("HEDGE", "READ", "TRADE");
        try (BingxClientFactory factory = BingxClientFactory.create(BingxClientConfig.builder()
                .environment(BingxEnvironment.SIM)
                .baseUrl(sim.baseUrl())
                .wsUrl(sim.wsUrl())
                .build())) {
            BingxClient client = factory.client(
                    new ApiCredentials(env.get(BingxSmokeCli.KEY_VARIABLE), env.get(BingxSmokeCli.SECRET_VARIABLE)));
            client.placeOrder(OrderRequest.market("BTC-USDT", OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.01")))
                    .block(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> !client.positions("BTC-USDT")
                    .block(Duration.ofSeconds(10))
                    .isEmpty());
        }

        Run run = smoke(env, againstSimulator("--trade"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.line("trade-precheck"))
                .contains("FAIL", "the account holds BTC-USDT LONG 0.01", "the round trip must start flat");
        assertThat(run.out()).doesNotContain("market-open").doesNotContain("cleanup");
    }

    @Test
    void aWrongSecretFailsClearlyOnTheFirstSignedStepAndStops() {
        Map<String, String> env = account("HEDGE", "READ", "TRADE");
        Map<String, String> wrong = Map.of(
                BingxSmokeCli.KEY_VARIABLE,
                env.get(BingxSmokeCli.KEY_VARIABLE),
                BingxSmokeCli.SECRET_VARIABLE,
                "not-the-secret-" + UUID.randomUUID());

        Run run = smoke(wrong, againstSimulator("--trade"));

        assertThat(run.exit()).isNotZero();
        assertThat(run.steps())
                .containsExactly("server-time OK", "contract OK", "klines 5m OK", "klines 1h OK", "balance FAIL");
        assertThat(run.line("balance"))
                .contains("BAD_SIGNATURE", "BingX code 100001", "the secret does not match the key");
        assertThat(run.out()).contains("no further signed request was sent", "1 of 5 steps FAILED: balance");
        assertThat(run.out() + run.err()).doesNotContain(wrong.get(BingxSmokeCli.SECRET_VARIABLE));
    }

    @Test
    void aKeyThatMayWithdrawGetsThePlatformsRefusal() {
        Map<String, String> env = account("HEDGE", "READ", "TRADE", "WITHDRAW");

        Run run = smoke(env, againstSimulator("--trade"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.line("permissions")).contains("FAIL", "platform verdict: refused", "withdraw (5)");
        assertThat(run.out()).contains("trade steps skipped").doesNotContain("market-open");
    }

    @Test
    void aReadOnlyKeyFailsThePermissionStep() {
        Map<String, String> env = account("HEDGE", "READ");

        Run run = smoke(env, againstSimulator());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.line("permissions")).contains("FAIL", "platform verdict: read-only");
    }

    @Test
    void tradeAgainstLiveWithoutTheConfirmationIsRefusedBeforeAnyRequest() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            Map<String, String> env =
                    Map.of(BingxSmokeCli.KEY_VARIABLE, "live-key-1234", BingxSmokeCli.SECRET_VARIABLE, "live-secret");

            Run run = smoke(
                    env,
                    "--environment",
                    "live",
                    "--base-url",
                    url,
                    "--ws-url",
                    "ws://127.0.0.1:" + server.getAddress().getPort() + "/swap-market",
                    "--trade");

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("refused without --i-know-this-is-live", "nothing was sent");
            assertThat(run.out()).isEmpty();
            assertThat(requests).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theKeyIsNeverTakenFromTheCommandLine() {
        Run run = smoke(Map.of(), "--api-key", "abc", "--secret", "def");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("never given on the command line", "BINGX_API_KEY", "BINGX_SECRET_KEY");

        Run missing = smoke(Map.of(), "--environment", "vst");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("set BINGX_API_KEY and BINGX_SECRET_KEY");
        assertThat(missing.out()).isEmpty();
    }
}
