package dev.trenddesk.strategy.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.StrategyId;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.trading.ExchangeBalance;
import dev.trenddesk.bingx.ApiCredentials;
import dev.trenddesk.bingx.BingxClient;
import dev.trenddesk.bingx.BingxClientConfig;
import dev.trenddesk.bingx.BingxClientFactory;
import dev.trenddesk.bingx.BingxEnvironment;
import dev.trenddesk.bingx.error.BingxException;
import dev.trenddesk.bingx.model.Order;
import dev.trenddesk.bingx.model.OrderRequest;
import dev.trenddesk.bingx.model.OrderSide;
import dev.trenddesk.bingx.model.PositionSide;
import dev.trenddesk.bingx.ratelimit.RateLimiterRegistry;
import dev.trenddesk.simulator.BingxSimulator;
import dev.trenddesk.simulator.ClockMode;
import dev.trenddesk.simulator.SimulatorConfig;
import dev.trenddesk.strategy.decision.AccountState;
import dev.trenddesk.strategy.decision.ContractRules;
import dev.trenddesk.strategy.decision.Decision;
import dev.trenddesk.strategy.decision.DecisionKind;
import dev.trenddesk.strategy.decision.PositionState;
import dev.trenddesk.strategy.decision.Strategies;
import dev.trenddesk.strategy.exchange.ExchangeKey;
import dev.trenddesk.strategy.exchange.bingx.BingxExchange;
import dev.trenddesk.strategy.indicator.Candle;
import dev.trenddesk.strategy.indicator.IndicatorSnapshot;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Size fits the margin, against the simulator over real HTTP (it refuses an opening order whose margin plus
 * taker fee exceed the available margin, as BingX does). An account holds exactly the margin of 2.50 ETH at
 * leverage 5: the size the strategy used to send (margin only: available × leverage / price = 2.50) is
 * refused for insufficient margin; the size it sends now, capped with the taker fee from BingX's contract
 * rules and 1 % of the balance left for the fill price, is accepted.
 */
class MarginCapSimulatorTest {

    private static final String ETH = "ETH-USDT";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int LEVERAGE = 5;

    private final HttpClient http = HttpClient.newHttpClient();
    private BingxSimulator sim;
    private BingxClientFactory factory;

    @BeforeEach
    void start() {
        sim = BingxSimulator.start(
                SimulatorConfig.builder().port(0).clockMode(ClockMode.STEPPED).build());
        factory = BingxClientFactory.create(
                BingxClientConfig.builder()
                        .environment(BingxEnvironment.SIM)
                        .baseUrl(sim.baseUrl())
                        .wsUrl(sim.wsUrl())
                        .responseTimeout(Duration.ofSeconds(2))
                        .build(),
                new RateLimiterRegistry(Schedulers.parallel()));
    }

    @AfterEach
    void stop() {
        factory.close();
        sim.close();
    }

    @Test
    void theFeeBufferedSizeIsAcceptedWhereTheMarginOnlySizeWasRefused() throws Exception {
        // the simulator's clock stands still: the price decided on is the price filled at
        BigDecimal price = factory.publicClient()
                .klines(ETH, "5m", null, null, 1)
                .block(WAIT)
                .getLast()
                .close();
        BigDecimal balance = new BigDecimal("2.50").multiply(price).divide(BigDecimal.valueOf(LEVERAGE));

        Account uncapped = account(balance);
        Account capped = account(balance);
        ExchangeBalance funds = capped.access().readBalance(capped.user());
        ContractRules rules = capped.access().rules(ETH);
        assertThat(funds.availableMargin()).isEqualByComparingTo(balance);
        assertThat(rules.takerFeeRate()).isPositive();

        // the size before the fee buffer: available × leverage / price, down to the quantity step
        BigDecimal marginOnly = funds.availableMargin()
                .multiply(BigDecimal.valueOf(LEVERAGE))
                .divide(price.multiply(rules.quantityStep()), 0, RoundingMode.FLOOR)
                .multiply(rules.quantityStep());
        assertThat(marginOnly).isEqualByComparingTo("2.50");
        assertThatThrownBy(() -> open(uncapped.client(), marginOnly))
                .isInstanceOfSatisfying(
                        BingxException.class, e -> assertThat(e.code()).isEqualTo(101204));

        Decision decision = Strategies.of(StrategyId.ADX_TREND)
                .decide(
                        strongLong(price),
                        settings(),
                        PositionState.none(),
                        new AccountState(funds.equity(), funds.availableMargin(), funds.equity(), funds.equity()),
                        rules);
        assertThat(decision.kind()).isEqualTo(DecisionKind.ENTER_LONG);
        // 99 % of 2.50 / (1 + 5 × fee), down to the step: 2.46 at BingX's 0.05 % and a 0.01 step
        BigDecimal feeBuffered = new BigDecimal("2.475")
                .divide(
                        BigDecimal.ONE
                                .add(BigDecimal.valueOf(LEVERAGE).multiply(rules.takerFeeRate()))
                                .multiply(rules.quantityStep()),
                        0,
                        RoundingMode.FLOOR)
                .multiply(rules.quantityStep());
        assertThat(decision.quantity()).isEqualByComparingTo(feeBuffered).isLessThan(marginOnly);
        Order placed = open(capped.client(), decision.quantity());
        assertThat(placed.orderId()).isPositive();
        // the answer is an acknowledgement, as on BingX: the position shows once the order has filled
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(
                        capped.client().positions(ETH).block(WAIT))
                .anySatisfy(p -> assertThat(p.positionAmt()).isEqualByComparingTo(feeBuffered)));
    }

    /** A strong long signal at the price with a tight stop: risk per trade alone would buy far more than 2.5 ETH. */
    private static IndicatorSnapshot strongLong(BigDecimal price) {
        return new IndicatorSnapshot(
                ETH,
                Timeframe.M5,
                new Candle(Instant.parse("2026-11-28T10:00:00Z"), price, price, price, price, BigDecimal.ONE),
                new BigDecimal("50"),
                new BigDecimal("30"),
                new BigDecimal("10"),
                new BigDecimal("0.5"),
                new BigDecimal("49"));
    }

    private static TradingSettings settings() {
        TradingSettings d = TradingSettings.defaults();
        return new TradingSettings(
                d.maxPositions(),
                new BigDecimal("10"),
                d.dailyLossLimitPct(),
                d.maxDrawdownPct(),
                LEVERAGE,
                PositionMode.HEDGE,
                d.adxThreshold(),
                Timeframe.M5,
                d.signalConfidence(),
                d.stopAtr(),
                d.takeProfitR(),
                List.of(ETH),
                dev.trenddesk.api.common.StrategyId.ADX_TREND,
                9,
                21);
    }

    private static Order open(BingxClient client, BigDecimal quantity) {
        return client.placeOrder(OrderRequest.market(ETH, OrderSide.BUY, PositionSide.LONG, quantity))
                .block(WAIT);
    }

    private record Account(UserId user, DefaultExchangeAccess access, BingxClient client) {}

    /** A simulator account holding {@code balance} USDT, in hedge mode at leverage 5 on ETH-USDT. */
    private Account account(BigDecimal balance) throws IOException, InterruptedException {
        String key = "key-" + UUID.randomUUID();
        String secret = "secret-" + UUID.randomUUID();
        admin("{\"apiKey\":\"" + key + "\",\"secretKey\":\"" + secret + "\",\"balance\":\"" + balance.toPlainString()
                + "\",\"permissions\":[\"READ\",\"TRADE\"]}");
        ApiCredentials credentials = new ApiCredentials(key, secret);
        DefaultExchangeAccess access = new DefaultExchangeAccess(
                new BingxExchange(factory),
                id -> Mono.just(new dev.trenddesk.strategy.credentials.VerifiedKey(
                        dev.trenddesk.api.common.ExchangeName.BINGX,
                        new ExchangeKey(credentials.apiKey(), credentials.secretKey()))),
                WAIT);
        UserId user = new UserId(UUID.randomUUID());
        access.prepare(user, PositionMode.HEDGE, LEVERAGE, List.of(ETH));
        return new Account(user, access, factory.client(credentials));
    }

    private void admin(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/sim/accounts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }
}
