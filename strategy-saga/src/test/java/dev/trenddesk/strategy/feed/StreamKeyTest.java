package dev.trenddesk.strategy.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trenddesk.api.common.Timeframe;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamKeyTest {

    @Test
    void parsesSymbolAtTimeframe() {
        assertThat(StreamKey.parse(" ETH-USDT@5m ")).isEqualTo(new StreamKey("ETH-USDT", Timeframe.M5));
        assertThat(StreamKey.parse("BTC-USDT@1d").toString()).isEqualTo("BTC-USDT@1d");
    }

    @Test
    void refusesWhatIsNotSymbolAtTimeframe() {
        assertThatThrownBy(() -> StreamKey.parse("ETH-USDT")).hasMessageContaining("SYMBOL@timeframe");
        assertThatThrownBy(() -> StreamKey.parse("ETH-USDT@7m")).hasMessageContaining("unknown timeframe");
        assertThatThrownBy(() -> StreamKey.parse("eth@5m")).hasMessageContaining("USDT perpetual");
    }

    @Test
    void theLockKeyIsTheSameOnEveryNodeAndDiffersPerStream() {
        StreamKey eth5 = new StreamKey("ETH-USDT", Timeframe.M5);
        assertThat(eth5.lockKey()).isEqualTo(StreamKey.parse("ETH-USDT@5m").lockKey());
        assertThat(eth5.lockKey())
                .isNotEqualTo(new StreamKey("ETH-USDT", Timeframe.M1).lockKey())
                .isNotEqualTo(new StreamKey("BTC-USDT", Timeframe.M5).lockKey());
    }

    @Test
    void aWarmUpReadsAtLeastThreeHundredCandles() {
        assertThatThrownBy(() -> new FeedSettings(List.of(), 299, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("between 300 and 1439");
        assertThat(new FeedSettings(List.of(), 300, Duration.ofSeconds(2), Duration.ofSeconds(1)).warmupCandles())
                .isEqualTo(300);
    }
}
