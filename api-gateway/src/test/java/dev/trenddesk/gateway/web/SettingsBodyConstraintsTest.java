package dev.trenddesk.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.FieldViolation;
import dev.trenddesk.api.common.StrategyId;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.gateway.web.Dtos.SettingsBody;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API's bean-validation constraints on the settings body (what the OpenAPI document and so the
 * dashboard's form rules show) refuse exactly what TradingSettings.violations() refuses, with the same
 * words: at each bound, just inside it and just outside it.
 */
class SettingsBodyConstraintsTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.byDefaultProvider()
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    /** The field set to a value: every other field keeps its default. */
    private static final Map<String, BiFunction<SettingsBody, BigDecimal, SettingsBody>> FIELDS = Map.of(
            "maxPositions",
                    (b, v) -> new SettingsBody(
                            v.intValueExact(),
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
                            b.emaSlow()),
            "riskPerTradePct",
                    (b, v) -> new SettingsBody(
                            b.maxPositions(),
                            v,
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
                            b.emaSlow()),
            "dailyLossLimitPct",
                    (b, v) -> new SettingsBody(
                            b.maxPositions(),
                            b.riskPerTradePct(),
                            v,
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
                            b.emaSlow()),
            "maxDrawdownPct",
                    (b, v) -> new SettingsBody(
                            b.maxPositions(),
                            b.riskPerTradePct(),
                            b.dailyLossLimitPct(),
                            v,
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
                            b.emaSlow()),
            "leverage",
                    (b, v) -> new SettingsBody(
                            b.maxPositions(),
                            b.riskPerTradePct(),
                            b.dailyLossLimitPct(),
                            b.maxDrawdownPct(),
                            v.intValueExact(),
                            b.positionMode(),
                            b.adxThreshold(),
                            b.timeframe(),
                            b.signalConfidence(),
                            b.stopAtr(),
                            b.takeProfitR(),
                            b.symbols(),
                            b.strategy(),
                            b.emaFast(),
                            b.emaSlow()),
            "adxThreshold",
                    (b, v) -> new SettingsBody(
                            b.maxPositions(),
                            b.riskPerTradePct(),
                            b.dailyLossLimitPct(),
                            b.maxDrawdownPct(),
                            b.leverage(),
                            b.positionMode(),
                            v,
                            b.timeframe(),
                            b.signalConfidence(),
                            b.stopAtr(),
                            b.takeProfitR(),
                            b.symbols(),
                            b.strategy(),
                            b.emaFast(),
                            b.emaSlow()),
            "signalConfidence",
                    (b, v) -> new SettingsBody(
                            b.maxPositions(),
                            b.riskPerTradePct(),
                            b.dailyLossLimitPct(),
                            b.maxDrawdownPct(),
                            b.leverage(),
                            b.positionMode(),
                            b.adxThreshold(),
                            b.timeframe(),
                            v,
                            b.stopAtr(),
                            b.takeProfitR(),
                            b.symbols(),
                            b.strategy(),
                            b.emaFast(),
                            b.emaSlow()),
            "stopAtr",
                    (b, v) -> new SettingsBody(
                            b.maxPositions(),
                            b.riskPerTradePct(),
                            b.dailyLossLimitPct(),
                            b.maxDrawdownPct(),
                            b.leverage(),
                            b.positionMode(),
                            b.adxThreshold(),
                            b.timeframe(),
                            b.signalConfidence(),
                            v,
                            b.takeProfitR(),
                            b.symbols(),
                            b.strategy(),
                            b.emaFast(),
                            b.emaSlow()),
            "takeProfitR",
                    (b, v) -> new SettingsBody(
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
                            v,
                            b.symbols(),
                            b.strategy(),
                            b.emaFast(),
                            b.emaSlow()));

    private static final Map<String, String[]> BOUNDS = Map.of(
            "maxPositions", new String[] {"1", "10"},
            "riskPerTradePct", new String[] {"0.1", "10"},
            "dailyLossLimitPct", new String[] {"0.5", "50"},
            "maxDrawdownPct", new String[] {"1", "90"},
            "leverage", new String[] {"1", "125"},
            "adxThreshold", new String[] {"10", "50"},
            "signalConfidence", new String[] {"0", "100"},
            "stopAtr", new String[] {"0.5", "10"},
            "takeProfitR", new String[] {"0.5", "10"});

    @ParameterizedTest
    @ValueSource(
            strings = {
                "maxPositions",
                "riskPerTradePct",
                "dailyLossLimitPct",
                "maxDrawdownPct",
                "leverage",
                "adxThreshold",
                "signalConfidence",
                "stopAtr",
                "takeProfitR"
            })
    void refusesWhatTradingSettingsRefusesWithItsWords(String field) {
        SettingsBody defaults = SettingsBody.of(TradingSettings.defaults());
        String[] bounds = BOUNDS.get(field);
        boolean whole = field.equals("maxPositions") || field.equals("leverage");
        BigDecimal step = whole ? BigDecimal.ONE : new BigDecimal("0.01");
        BigDecimal min = new BigDecimal(bounds[0]);
        BigDecimal max = new BigDecimal(bounds[1]);
        for (BigDecimal value :
                List.of(min, max, min.add(step), max.subtract(step), min.subtract(step), max.add(step))) {
            SettingsBody body = FIELDS.get(field).apply(defaults, value);
            List<String> edge = validator.validate(body).stream()
                    .filter(v -> v.getPropertyPath().toString().equals(field))
                    .map(v -> v.getMessage())
                    .toList();
            List<String> domain = body.toSettings().violations().stream()
                    .filter(v -> v.field().equals(field))
                    .map(FieldViolation::message)
                    .toList();
            assertThat(edge).as("%s = %s", field, value).isEqualTo(domain);
        }
        // the bounds themselves are allowed, one step outside is refused
        assertThat(validator.validate(FIELDS.get(field).apply(defaults, min.subtract(step))))
                .isNotEmpty();
        assertThat(validator.validate(FIELDS.get(field).apply(defaults, max))).isEmpty();
    }

    /**
     * The EMA periods: the range (what the document shows) is refused with TradingSettings' words at and
     * around its bounds; a period inside it that the feed does not compute, or a fast period not below the slow
     * one, is refused by TradingSettings, naming the field.
     */
    @Test
    void emaPeriodsAreRefusedAsTradingSettingsRefusesThem() {
        SettingsBody defaults = SettingsBody.of(TradingSettings.defaults());
        for (int fast : List.of(8, 9, 100, 101)) {
            SettingsBody body = withEmas(defaults, fast, 200);
            assertThat(messages(body, "emaFast")).as("emaFast = %d", fast).isEqualTo(domain(body, "emaFast"));
        }
        for (int slow : List.of(20, 21, 200, 201)) {
            SettingsBody body = withEmas(defaults, 9, slow);
            assertThat(messages(body, "emaSlow")).as("emaSlow = %d", slow).isEqualTo(domain(body, "emaSlow"));
        }
        assertThat(domain(withEmas(defaults, 8, 21), "emaFast")).containsExactly("must be between 9 and 100");
        assertThat(domain(withEmas(defaults, 10, 21), "emaFast")).containsExactly("must be one of 9, 21, 50, 100");
        assertThat(domain(withEmas(defaults, 9, 22), "emaSlow")).containsExactly("must be one of 21, 50, 100, 200");
        assertThat(domain(withEmas(defaults, 50, 21), "emaSlow")).containsExactly("must be above emaFast (50)");
        assertThat(domain(withEmas(defaults, 21, 21), "emaSlow")).containsExactly("must be above emaFast (21)");
        assertThat(withEmas(defaults, 50, 200).toSettings().violations()).isEmpty();
    }

    @Test
    void aBodyWithoutStrategyFieldsTradesAdxWithTheDefaultEmaPeriods() {
        SettingsBody d = SettingsBody.of(TradingSettings.defaults());
        SettingsBody old = new SettingsBody(
                d.maxPositions(),
                d.riskPerTradePct(),
                d.dailyLossLimitPct(),
                d.maxDrawdownPct(),
                d.leverage(),
                d.positionMode(),
                d.adxThreshold(),
                d.timeframe(),
                d.signalConfidence(),
                d.stopAtr(),
                d.takeProfitR(),
                d.symbols(),
                null,
                null,
                null);
        assertThat(old.strategy()).isEqualTo(StrategyId.ADX_TREND);
        assertThat(old.emaFast()).isEqualTo(9);
        assertThat(old.emaSlow()).isEqualTo(21);
        assertThat(old.toSettings().sameAs(TradingSettings.defaults())).isTrue();
        SettingsBody none = withStrategy(d, null);
        assertThat(none.toSettings().violations()).isEmpty();
    }

    private static SettingsBody withStrategy(SettingsBody b, StrategyId strategy) {
        return new SettingsBody(
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
                strategy,
                b.emaFast(),
                b.emaSlow());
    }

    private static SettingsBody withEmas(SettingsBody b, int fast, int slow) {
        return new SettingsBody(
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
                StrategyId.EMA_CROSS,
                fast,
                slow);
    }

    private static List<String> messages(SettingsBody body, String field) {
        return validator.validate(body).stream()
                .filter(v -> v.getPropertyPath().toString().equals(field))
                .map(v -> v.getMessage())
                .toList();
    }

    private static List<String> domain(SettingsBody body, String field) {
        return body.toSettings().violations().stream()
                .filter(v -> v.field().equals(field))
                .map(FieldViolation::message)
                .toList();
    }
}
