package dev.trenddesk.strategy.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trenddesk.api.common.FieldViolation;
import dev.trenddesk.api.common.TradingSettings;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads {@link TradingSettings} from JSON (the record's field names, e.g.
 * {@code {"adxThreshold": 30, "timeframe": "15m"}}). Fields left out take the values of
 * {@link TradingSettings#defaults()}; unknown fields and values outside
 * {@link TradingSettings#violations()} are refused.
 */
public final class SettingsFileReader {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private SettingsFileReader() {}

    /**
     * @throws BacktestInputException naming every problem when the JSON is invalid or a value is refused
     */
    public static TradingSettings parse(String json) {
        TradingSettings settings;
        try {
            JsonNode given = JSON.readTree(json);
            if (given == null || !given.isObject()) {
                throw new BacktestInputException("settings must be a JSON object of TradingSettings fields");
            }
            ObjectNode merged = JSON.valueToTree(TradingSettings.defaults());
            merged.setAll((ObjectNode) given);
            settings = JSON.treeToValue(merged, TradingSettings.class);
        } catch (JsonProcessingException e) {
            throw new BacktestInputException("settings are not valid: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BacktestInputException("settings are not valid: " + e.getMessage(), e);
        }
        List<FieldViolation> violations = settings.violations();
        if (!violations.isEmpty()) {
            throw new BacktestInputException("settings are not valid: "
                    + violations.stream()
                            .map(v -> v.field() + " " + v.message())
                            .collect(Collectors.joining("; ")));
        }
        return settings;
    }
}
