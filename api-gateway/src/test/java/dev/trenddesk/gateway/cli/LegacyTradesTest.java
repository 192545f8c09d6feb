package dev.trenddesk.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trenddesk.api.trading.Direction;
import dev.trenddesk.gateway.cli.LegacyTrades.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parts of import-legacy: symbols, sides, times, the column mapping, --map, the env file. */
class LegacyTradesTest {

    @Test
    void symbolsInThePlatformsForm() {
        assertThat(LegacyTrades.symbol("BTCUSDT")).isEqualTo("BTC-USDT");
        assertThat(LegacyTrades.symbol("btc/usdt")).isEqualTo("BTC-USDT");
        assertThat(LegacyTrades.symbol("ETH-USDT")).isEqualTo("ETH-USDT");
        assertThat(LegacyTrades.symbol("ETH/USDT:USDT")).isEqualTo("ETH-USDT");
        assertThat(LegacyTrades.symbol("ETH_USDC")).isEqualTo("ETH-USDC");
        assertThat(LegacyTrades.symbol("bitcoin")).isNull();
        assertThat(LegacyTrades.symbol("USDT")).isNull();
    }

    @Test
    void sides() {
        assertThat(LegacyTrades.side("BUY")).isEqualTo(Direction.LONG);
        assertThat(LegacyTrades.side("long")).isEqualTo(Direction.LONG);
        assertThat(LegacyTrades.side(" Sell ")).isEqualTo(Direction.SHORT);
        assertThat(LegacyTrades.side("flat")).isNull();
    }

    @Test
    void timesIsoSqliteEpochSecondsAndMillis() {
        Instant at = Instant.parse("2023-03-13T18:05:00Z");
        assertThat(LegacyTrades.parseTime("2023-03-13T18:05:00Z")).isEqualTo(at);
        assertThat(LegacyTrades.parseTime("2023-03-13T19:05:00+01:00")).isEqualTo(at);
        assertThat(LegacyTrades.parseTime("2023-03-13 18:05:00")).isEqualTo(at);
        assertThat(LegacyTrades.parseTime("2023-03-13T18:05:00.000")).isEqualTo(at);
        assertThat(LegacyTrades.parseTime("1678730700")).isEqualTo(at);
        assertThat(LegacyTrades.parseTime("1678730700.5")).isEqualTo(at.plusMillis(500));
        assertThat(LegacyTrades.parseTime("1678730700000")).isEqualTo(at);
        assertThat(LegacyTrades.parseTime("2023-03-13")).isEqualTo(Instant.parse("2023-03-13T00:00:00Z"));
        assertThat(LegacyTrades.parseTime("yesterday")).isNull();
    }

    @Test
    void aTimeNoTradeCanHaveIsABadValue() {
        List<String> why = new ArrayList<>();
        // epoch microseconds and nanoseconds would read as milliseconds of the year 55,000 and later
        assertThat(LegacyTrades.time(Map.of(Field.EXIT_TIME, "1678730700000000"), Field.EXIT_TIME, why))
                .isNull();
        assertThat(LegacyTrades.time(Map.of(Field.EXIT_TIME, "1678730700000000000"), Field.EXIT_TIME, why))
                .isNull();
        assertThat(LegacyTrades.time(Map.of(Field.ENTRY_TIME, "1999-12-31"), Field.ENTRY_TIME, why))
                .isNull();
        assertThat(why).hasSize(3).allSatisfy(w -> assertThat(w).contains("not a time a trade can have"));
        why.clear();
        assertThat(LegacyTrades.time(Map.of(Field.EXIT_TIME, "1678730700000"), Field.EXIT_TIME, why))
                .isEqualTo(Instant.parse("2023-03-13T18:05:00Z"));
        assertThat(why).isEmpty();
    }

    @Test
    void columnsByNameOrSynonymCaseInsensitiveAndMapFirst() {
        List<String> problems = new ArrayList<>();
        Map<Field, String> mapping = LegacyTrades.map(
                List.of("ID", "Pair", "TYPE", "Size", "price_in", "price_out", "Commission", "open_time", "exit_time"),
                Map.of(),
                problems);
        assertThat(problems).isEmpty();
        assertThat(mapping)
                .containsEntry(Field.SYMBOL, "Pair")
                .containsEntry(Field.SIDE, "TYPE")
                .containsEntry(Field.QUANTITY, "Size")
                .containsEntry(Field.ENTRY_PRICE, "price_in")
                .containsEntry(Field.EXIT_PRICE, "price_out")
                .containsEntry(Field.FEES, "Commission")
                .containsEntry(Field.ENTRY_TIME, "open_time")
                .containsEntry(Field.EXIT_TIME, "exit_time")
                .doesNotContainKey(Field.PNL);

        problems.clear();
        Map<Field, String> overridden = LegacyTrades.map(
                List.of("coin", "side", "qty", "entry", "exit", "closed"),
                LegacyTrades.parseOverrides("coin=symbol, closed=close_time"),
                problems);
        assertThat(problems).isEmpty();
        assertThat(overridden).containsEntry(Field.SYMBOL, "coin").containsEntry(Field.EXIT_TIME, "closed");

        problems.clear();
        LegacyTrades.map(List.of("side", "qty", "entry", "exit", "closed_at"), Map.of(), problems);
        assertThat(problems).singleElement().asString().contains("no column for symbol");
    }

    @Test
    void aMapItCannotReadIsRefused() {
        assertThatThrownBy(() -> LegacyTrades.parseOverrides("coin"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'coin' is not column=field");
        assertThatThrownBy(() -> LegacyTrades.parseOverrides("coin=colour"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown field 'colour'");
    }

    @Test
    void envFilesAsDotenvWritesThem() {
        Map<String, String> env = DotEnv.parse(List.of(
                "\uFEFF# comment",
                "",
                "export BINGX_API_KEY = \"abc\\\"def\"  ",
                "BINGX_SECRET_KEY='s3cr#t x' # trailing",
                "PLAIN=value # comment",
                "HASH=a#b",
                "not a line"));
        assertThat(env)
                .containsEntry("BINGX_API_KEY", "abc\"def")
                .containsEntry("BINGX_SECRET_KEY", "s3cr#t x")
                .containsEntry("PLAIN", "value")
                .containsEntry("HASH", "a#b")
                .hasSize(4);
    }
}
