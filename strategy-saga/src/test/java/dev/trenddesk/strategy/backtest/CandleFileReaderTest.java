package dev.trenddesk.strategy.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.strategy.backtest.CandleFileReader.CandleFile;
import dev.trenddesk.strategy.backtest.CandleFileReader.Format;
import dev.trenddesk.strategy.indicator.Candle;
import dev.trenddesk.strategy.indicator.RealCandles;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CandleFileReaderTest {

    private static final Candle EXPECTED = new Candle(
            Instant.parse("2024-10-24T17:35:00Z"),
            new BigDecimal("67000.5"),
            new BigDecimal("67100"),
            new BigDecimal("66950.25"),
            new BigDecimal("67050"),
            new BigDecimal("12.345"));

    @Test
    void readsTheBingXKlinesEnvelopeWithStringNumbersInAnyOrder() {
        String json = """
                {"code":0,"msg":"","data":[
                  {"open":"67050","close":"67060","high":"67070","low":"67040","volume":"1","time":1729791600000},
                  {"open":"67000.5","close":"67050","high":"67100","low":"66950.25","volume":"12.345","time":1729791300000}
                ]}""";

        CandleFile file = CandleFileReader.parse(json, Timeframe.M5);

        assertThat(file.format()).isEqualTo(Format.BINGX_KLINES_JSON);
        assertThat(file.candles()).hasSize(2);
        assertThat(file.candles().get(0)).isEqualTo(EXPECTED);
    }

    @Test
    void readsABareArrayOfKlinesWithJsonNumbers() {
        String json = """
                [{"open":67000.50,"close":67050,"high":67100,"low":66950.25,"volume":12.345,"time":1729791300000}]""";

        assertThat(CandleFileReader.parse(json, Timeframe.M5).candles()).containsExactly(EXPECTED);
    }

    @Test
    void refusesAKlinesErrorEnvelope() {
        assertThatThrownBy(() -> CandleFileReader.parse(
                        "{\"code\":109400,\"msg\":\"symbol not exist\",\"data\":[]}", Timeframe.M5))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageContaining("109400")
                .hasMessageContaining("symbol not exist");
    }

    @Test
    void readsTheTa4jExamplesJsonWithOpenTimeFromTheEndTime() {
        CandleFile file = CandleFileReader.parse(RealCandles.text(RealCandles.ETH_5M), Timeframe.M1);

        assertThat(file.format()).isEqualTo(Format.TA4J_JSON);
        assertThat(file.candles()).hasSize(580);
        // endTime 1678730699999 → open 1678730700000 − 5 min, whatever the settings' timeframe
        assertThat(file.candles().get(0))
                .isEqualTo(new Candle(
                        Instant.ofEpochMilli(1678730400000L),
                        new BigDecimal("1673.58"),
                        new BigDecimal("1677.62"),
                        new BigDecimal("1672.44"),
                        new BigDecimal("1672.99"),
                        new BigDecimal("65.3033")));
        assertThat(file.candles().get(579).openTime()).isEqualTo(Instant.parse("2023-03-15T18:15:00Z"));
    }

    @Test
    void readsAnOhlcvCsvWithIsoOrEpochMillisecondTimes() {
        String csv = """
                time,open,high,low,close,volume
                2024-10-24T17:35:00Z,67000.50,67100,66950.25,67050,12.345
                1729791600000,67050,67070,67040,67060,1
                """;

        CandleFile file = CandleFileReader.parse(csv, Timeframe.M5);

        assertThat(file.format()).isEqualTo(Format.OHLCV_CSV);
        assertThat(file.candles()).hasSize(2);
        assertThat(file.candles().get(0)).isEqualTo(EXPECTED);
        assertThat(file.candles().get(1).openTime()).isEqualTo(Instant.parse("2024-10-24T17:40:00Z"));
    }

    @Test
    void readsOhlcvColumnsByHeaderName() {
        String csv = "volume,close,low,high,open,time\n12.345,67050,66950.25,67100,67000.5,1729791300000\n";

        assertThat(CandleFileReader.parse(csv, Timeframe.M5).candles()).containsExactly(EXPECTED);
    }

    @Test
    void aggregatesTheBitstampTradesIntoCandlesOfTheTimeframe() {
        CandleFile file = CandleFileReader.parse(RealCandles.text(RealCandles.BITSTAMP_TRADES), Timeframe.M5);

        assertThat(file.format()).isEqualTo(Format.BITSTAMP_TRADES_CSV);
        assertThat(file.candles()).hasSize(1917);
        // the 29 trades of 2013-11-25 00:00–00:05 UTC: first 800.01, highest 807.47, lowest 800.01, last 806.5
        assertThat(file.candles().get(0))
                .isEqualTo(new Candle(
                        Instant.parse("2013-11-25T00:00:00Z"),
                        new BigDecimal("800.01"),
                        new BigDecimal("807.47"),
                        new BigDecimal("800.01"),
                        new BigDecimal("806.5"),
                        new BigDecimal("5.75288384")));
        assertThat(CandleFileReader.parse(RealCandles.text(RealCandles.BITSTAMP_TRADES), Timeframe.H1)
                        .candles())
                .hasSizeLessThan(1917 / 10);
    }

    @Test
    void aggregatesTradesInFileOrder() {
        String csv = "timestamp,price,amount\n60,10,1\n30,12,2\n299,9,0.5\n300,11,1\n";

        CandleFile file = CandleFileReader.parse(csv, Timeframe.M5);

        assertThat(file.candles())
                .containsExactly(
                        new Candle(
                                Instant.EPOCH,
                                new BigDecimal("10"),
                                new BigDecimal("12"),
                                new BigDecimal("9"),
                                new BigDecimal("9"),
                                new BigDecimal("3.5")),
                        new Candle(
                                Instant.ofEpochSecond(300),
                                new BigDecimal("11"),
                                new BigDecimal("11"),
                                new BigDecimal("11"),
                                new BigDecimal("11"),
                                new BigDecimal("1")));
    }

    @Test
    void sortsByTimeAndKeepsTheFirstOfARepeatedTime() {
        String csv = """
                time,open,high,low,close,volume
                600000,3,3,3,3,1
                0,1,1,1,1,1
                0,2,2,2,2,1
                """;

        assertThat(CandleFileReader.parse(csv, Timeframe.M5).candles())
                .extracting(Candle::open)
                .containsExactly(BigDecimal.ONE, new BigDecimal("3"));
    }

    @Test
    void refusesUnknownFormatsEmptyFilesAndBadValuesWithAReason() {
        assertThatThrownBy(() -> CandleFileReader.parse("date;price\n1;2\n", Timeframe.M5))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageContaining("unknown candle file format");
        assertThatThrownBy(() -> CandleFileReader.parse("  \n", Timeframe.M5))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() ->
                        CandleFileReader.parse("time,open,high,low,close,volume\nyesterday,1,1,1,1,1\n", Timeframe.M5))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageContaining("yesterday");
        assertThatThrownBy(() -> CandleFileReader.parse(
                        "{\"data\":[{\"open\":\"x\",\"close\":1,\"high\":1,\"low\":1," + "\"volume\":1,\"time\":0}]}",
                        Timeframe.M5))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageContaining("open");
        assertThatThrownBy(() -> CandleFileReader.parse("{\"data\":[", Timeframe.M5))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> CandleFileReader.parse("time,open,high,low,close,volume\n", Timeframe.M5))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageContaining("no candles");
    }

    @Test
    void refusesCandlesNoMarketCouldPrintNamingLineOrRowAndColumn() {
        String header = "time,open,high,low,close,volume\n0,100,101,99,100,1\n";
        assertThatThrownBy(() -> CandleFileReader.parse(header + "300000,100,99,101,100,1\n", Timeframe.M5))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageStartingWith("line 3, column high:");
        assertThatThrownBy(() -> CandleFileReader.parse(header + "300000,100,99.5,98,99,1\n", Timeframe.M5))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageStartingWith("line 3, column high:");
        assertThatThrownBy(() -> CandleFileReader.parse(header + "300000,100,102,100.5,100,1\n", Timeframe.M5))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageStartingWith("line 3, column low:");
        assertThatThrownBy(() -> CandleFileReader.parse(header + "300000,0,0,0,0,1\n", Timeframe.M5))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageStartingWith("line 3, column open:");
        assertThatThrownBy(() -> CandleFileReader.parse(header + "300000,100,101,99,100,-1\n", Timeframe.M5))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageStartingWith("line 3, column volume:");
        assertThatThrownBy(() -> CandleFileReader.parse(header + "300000,1e-999999999,1,1,1,1\n", Timeframe.M5))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageStartingWith("line 3, column open:");
        assertThatThrownBy(() -> CandleFileReader.parse(header + "99999999999999999999999,1,1,1,1,1\n", Timeframe.M5))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageStartingWith("line 3, column time:");
        assertThatThrownBy(() -> CandleFileReader.parse(
                        "{\"data\":[{\"open\":1,\"close\":1,\"high\":0.5,\"low\":1," + "\"volume\":1,\"time\":0}]}",
                        Timeframe.M5))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageStartingWith("row 1, column high:");
        assertThatThrownBy(() -> CandleFileReader.parse(
                        "{\"ohlc\":[{\"endTime\":299999,\"openPrice\":1,\"closePrice\":1,"
                                + "\"highPrice\":1,\"lowPrice\":-1,\"volume\":1}]}",
                        Timeframe.M5))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageStartingWith("row 1, column lowPrice:");
        assertThatThrownBy(() -> CandleFileReader.parse("timestamp,price,amount\n0,0,1\n", Timeframe.M5))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageStartingWith("line 2, column price:");
        assertThatThrownBy(
                        () -> CandleFileReader.parse("timestamp,price,amount\n9223372036854775807,1,1\n", Timeframe.M5))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageStartingWith("line 2, column timestamp:");
    }
}
