package dev.trenddesk.gateway.web.backtest;

import dev.trenddesk.api.common.FieldViolation;
import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.gateway.security.SessionUser;
import dev.trenddesk.gateway.web.Dtos.SettingsBody;
import dev.trenddesk.gateway.web.UserReader;
import dev.trenddesk.gateway.web.backtest.BacktestDtos.BacktestRequest;
import dev.trenddesk.gateway.web.backtest.BacktestDtos.BacktestResponse;
import dev.trenddesk.gateway.web.backtest.BacktestDtos.ContractBody;
import dev.trenddesk.gateway.web.backtest.BacktestDtos.SummaryBody;
import dev.trenddesk.gateway.web.backtest.BacktestDtos.TradeBody;
import dev.trenddesk.strategy.backtest.BacktestInputException;
import dev.trenddesk.strategy.backtest.BacktestResult;
import dev.trenddesk.strategy.backtest.Backtester;
import dev.trenddesk.strategy.backtest.CandleFileReader;
import dev.trenddesk.strategy.backtest.CandleFileReader.CandleFile;
import dev.trenddesk.strategy.decision.ContractRules;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Backtests for traders: the same indicator engine, strategy function and fill rules as the
 * {@code backtest} command (docs/backtester.md), over a shipped real data set or posted candles, with
 * the trader's saved settings or settings sent along. Nothing is stored.
 */
@RestController
@RequestMapping("/api/me/backtest")
@Tag(name = "backtest", description = "Run the ADX strategy over historical candles (traders only)")
class BacktestController {

    /** Starting equity when none is given, USDT. */
    static final BigDecimal DEFAULT_EQUITY = new BigDecimal("10000");
    /** Contract rules of posted candles when none are given (those of the backtest command). */
    static final ContractRules DEFAULT_RULES =
            new ContractRules(2, new BigDecimal("0.01"), new BigDecimal("0.01"), BigDecimal.ZERO);

    private final UserReader users;
    private final ShippedCandles shipped;
    private final dev.trenddesk.gateway.web.CommandSender commands;
    private final dev.trenddesk.api.market.MarketClock clock;

    public BacktestController(
            UserReader users,
            ShippedCandles shipped,
            dev.trenddesk.gateway.web.CommandSender commands,
            dev.trenddesk.api.market.MarketClock clock) {
        this.users = users;
        this.shipped = shipped;
        this.commands = commands;
        this.clock = clock;
    }

    @Operation(
            summary = "Backtest the ADX strategy (traders only)",
            description = "Runs your saved trading settings (or the settings sent) over one shipped data set "
                    + "(ETH-USDT: 580 real 5m candles; BTC-USDT: Bitstamp trades folded into candles of the settings' "
                    + "timeframe) or over posted candles (an OHLCV CSV with header time,open,high,low,close,volume, "
                    + "within the 64 KiB body limit). Fills on the next candle's open, taker fee 0.05 %, a candle "
                    + "touching both stop and take-profit counts as stopped. Answers the summary and every trade. "
                    + "Each run counts against your plan's backtests per day (UTC): beyond it 422 naming the limit "
                    + "plan.backtestsPerDay")
    @PostMapping
    public Mono<BacktestResponse> backtest(
            @AuthenticationPrincipal SessionUser me,
            @Valid @RequestBody BacktestRequest body,
            org.springframework.web.server.ServerWebExchange exchange) {
        boolean hasDataset = body.dataset() != null;
        boolean hasCandles = body.candles() != null && !body.candles().isBlank();
        if (hasDataset == hasCandles) {
            throw new InvalidInputException(List.of(
                    new FieldViolation("dataset", "give exactly one of dataset and candles"),
                    new FieldViolation("candles", "give exactly one of dataset and candles")));
        }
        Mono<TradingSettings> settings = body.settings() != null
                ? Mono.fromCallable(() -> settings(body.settings()))
                : users.require(me.id()).map(view -> view.settings());
        // counted once the request is valid, before the run (docs/plans.md)
        Mono<Object> claim = commands.send(
                new dev.trenddesk.api.plan.SubscriptionCommands.ClaimBacktest(
                        dev.trenddesk.api.plan.SubscriptionCommands.idOf(me.id()), me.id(), clock.instant()),
                me,
                exchange);
        return settings.flatMap(chosen -> claim.then(Mono.just(chosen)))
                .publishOn(Schedulers.boundedElastic())
                .map(chosen -> run(body, chosen));
    }

    private BacktestResponse run(BacktestRequest body, TradingSettings settings) {
        BigDecimal equity = body.equity() != null ? body.equity() : DEFAULT_EQUITY;
        String symbol;
        String source;
        ContractRules rules;
        CandleFile candles;
        if (body.dataset() != null) {
            Dataset dataset = body.dataset();
            if (dataset.fixedTimeframe() != null && dataset.fixedTimeframe() != settings.timeframe()) {
                throw new InvalidInputException(
                        "settings.timeframe",
                        "the " + dataset.symbol() + " data set has " + dataset.fixedTimeframe()
                                + " candles; use timeframe " + dataset.fixedTimeframe());
            }
            symbol = dataset.symbol();
            source = "data set " + dataset.symbol();
            rules = dataset.rules();
            candles = shipped.candles(dataset, settings.timeframe());
        } else {
            symbol = body.symbol() != null ? body.symbol() : settings.symbols().get(0);
            source = "posted candles";
            rules = rules(body.contract());
            try {
                candles = CandleFileReader.parse(body.candles(), settings.timeframe());
            } catch (BacktestInputException e) {
                throw new InvalidInputException("candles", e.getMessage());
            }
        }
        BacktestResult result = new Backtester(settings, rules).run(symbol, candles.candles(), equity);
        return new BacktestResponse(
                symbol,
                settings.timeframe(),
                source,
                candles.format().name(),
                candles.candles().getFirst().openTime(),
                candles.candles().getLast().openTime(),
                SummaryBody.of(result.summary()),
                result.trades().stream().map(TradeBody::of).toList());
    }

    /** The posted settings, validated; violations are named {@code settings.<field>}. */
    private static TradingSettings settings(SettingsBody b) {
        TradingSettings settings = new TradingSettings(
                b.maxPositions(),
                b.riskPerTradePct(),
                b.dailyLossLimitPct(),
                b.maxDrawdownPct(),
                b.leverage(),
                b.positionMode(),
                b.adxThreshold(),
                b.timeframe(),
                b.signalConfidence(),
                b.stopAtr(),
                b.takeProfitR(),
                b.symbols(),
                b.strategy(),
                b.emaFast(),
                b.emaSlow());
        List<FieldViolation> violations = new ArrayList<>();
        settings.violations().forEach(v -> violations.add(new FieldViolation("settings." + v.field(), v.message())));
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return settings;
    }

    private static ContractRules rules(ContractBody contract) {
        if (contract == null) {
            return DEFAULT_RULES;
        }
        return new ContractRules(
                contract.pricePrecision() != null ? contract.pricePrecision() : DEFAULT_RULES.pricePrecision(),
                contract.quantityStep() != null ? contract.quantityStep() : DEFAULT_RULES.quantityStep(),
                contract.minQuantity() != null ? contract.minQuantity() : DEFAULT_RULES.minQuantity(),
                contract.minNotional() != null ? contract.minNotional() : DEFAULT_RULES.minNotional());
    }
}
