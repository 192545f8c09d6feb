package dev.trenddesk.gateway.web.backtest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.strategy.decision.ContractRules;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The two real data sets shipped with TrendDesk (in the ta4j-examples jar, the same recordings the
 * built-in simulator replays), with the contract rules of their BingX perpetual.
 */
enum Dataset {

    /** 580 ETH/USD 5-minute candles, 2023-03-13 to 2023-03-15. */
    ETH_USDT(
            "ETH-USDT",
            "ETH-USD-PT5M-2023-3-13_2023-3-15.json",
            Timeframe.M5,
            new ContractRules(2, new BigDecimal("0.01"), new BigDecimal("0.01"), new BigDecimal("2"))),
    /** Bitstamp BTC/USD trades from 2013-11-25, folded into candles of the settings' timeframe. */
    BTC_USDT(
            "BTC-USDT",
            "bitstamp_trades_from_20131125_usd.csv",
            null,
            new ContractRules(1, new BigDecimal("0.0001"), new BigDecimal("0.0001"), new BigDecimal("2")));

    private final String symbol;
    private final String resource;
    private final Timeframe fixedTimeframe;
    private final ContractRules rules;

    Dataset(String symbol, String resource, Timeframe fixedTimeframe, ContractRules rules) {
        this.symbol = symbol;
        this.resource = resource;
        this.fixedTimeframe = fixedTimeframe;
        this.rules = rules;
    }

    /** The symbol, which is also the data set's name in the API. */
    @JsonValue
    public String symbol() {
        return symbol;
    }

    /** Classpath resource holding the recording. */
    public String resource() {
        return resource;
    }

    /** The candles' timeframe when the recording has one; null when candles are built from trades. */
    public Timeframe fixedTimeframe() {
        return fixedTimeframe;
    }

    /** Contract rules used for sizing and rounding. */
    public ContractRules rules() {
        return rules;
    }

    @JsonCreator
    public static Dataset fromSymbol(String symbol) {
        return Arrays.stream(values())
                .filter(d -> d.symbol.equals(symbol))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown data set '" + symbol + "', expected one of "
                        + Arrays.stream(values()).map(Dataset::symbol).collect(Collectors.joining(", "))));
    }
}
