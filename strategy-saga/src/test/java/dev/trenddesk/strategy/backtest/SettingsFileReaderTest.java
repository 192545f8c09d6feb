package dev.trenddesk.strategy.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trenddesk.api.common.PositionMode;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsFileReaderTest {

    @Test
    void takesTheDefaultsForFieldsLeftOut() {
        TradingSettings settings = SettingsFileReader.parse("""
                {"adxThreshold": 30, "timeframe": "15m", "positionMode": "ONE_WAY", "symbols": ["SOL-USDT"]}""");

        TradingSettings defaults = TradingSettings.defaults();
        assertThat(settings.adxThreshold()).isEqualByComparingTo("30");
        assertThat(settings.timeframe()).isEqualTo(Timeframe.M15);
        assertThat(settings.positionMode()).isEqualTo(PositionMode.ONE_WAY);
        assertThat(settings.symbols()).isEqualTo(List.of("SOL-USDT"));
        assertThat(settings.riskPerTradePct()).isEqualByComparingTo(defaults.riskPerTradePct());
        assertThat(settings.maxPositions()).isEqualTo(defaults.maxPositions());
        assertThat(settings.stopAtr()).isEqualByComparingTo(defaults.stopAtr());
    }

    @Test
    void readsAnEmptyObjectAsTheDefaults() {
        assertThat(SettingsFileReader.parse("{}")).isEqualTo(TradingSettings.defaults());
    }

    @Test
    void keepsDecimalValuesExact() {
        assertThat(SettingsFileReader.parse("{\"riskPerTradePct\": 0.35}").riskPerTradePct())
                .isEqualTo(new BigDecimal("0.35"));
    }

    @Test
    void refusesValuesOutsideTheirRangeNamingEachField() {
        assertThatThrownBy(() -> SettingsFileReader.parse("{\"adxThreshold\": 5, \"leverage\": 200}"))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageContaining("adxThreshold must be between 10 and 50")
                .hasMessageContaining("leverage must be between 1 and 125");
    }

    @Test
    void refusesUnknownFieldsTimeframesAndNonObjects() {
        assertThatThrownBy(() -> SettingsFileReader.parse("{\"adxTreshold\": 30}"))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageContaining("adxTreshold");
        assertThatThrownBy(() -> SettingsFileReader.parse("{\"timeframe\": \"7m\"}"))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageContaining("7m");
        assertThatThrownBy(() -> SettingsFileReader.parse("[1]"))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageContaining("JSON object");
    }
}
