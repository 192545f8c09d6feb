package dev.trenddesk.strategy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.StrategyId;
import dev.trenddesk.api.common.TradingSettings;
import org.junit.jupiter.api.Test;

class StrategiesTest {

    @Test
    void theRegistryHoldsTheAdxTrendStrategyUnderItsId() {
        assertThat(Strategies.of(StrategyId.ADX_TREND)).isInstanceOf(AdxTrendStrategy.class);
        assertThat(Strategies.of(StrategyId.ADX_TREND).id()).isEqualTo(StrategyId.ADX_TREND);
    }

    @Test
    void theDefaultSettingsTradeWithTheAdxTrendStrategy() {
        assertThat(Strategies.forSettings(TradingSettings.defaults()).id()).isEqualTo(StrategyId.ADX_TREND);
    }

    @Test
    void theAdxStrategysOwnSettingsComeFromTheTradersSettings() {
        AdxTrendSettings own = new AdxTrendStrategy().settings(TradingSettings.defaults());
        assertThat(own.adxThreshold()).isEqualByComparingTo("25");
        assertThat(own.signalConfidence()).isEqualByComparingTo("60");
        assertThat(new AdxTrendStrategy().indicators(own)).contains("adx", "plusDi", "minusDi", "atr", "adxPrev");
    }
}
