package dev.trenddesk.gateway.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the trading settings of an event stored before strategies were chosen meant: the ADX trend strategy, and
 * the EMA periods every trader starts with (9 and 21), written out as the strings and numbers they are stored as.
 * Used by the steps of the events that embed {@code TradingSettings}.
 */
final class SettingsStrategyDefaults {

    static final String STRATEGY = "ADX_TREND";
    static final int EMA_FAST = 9;
    static final int EMA_SLOW = 21;

    private SettingsStrategyDefaults() {}

    /** Adds strategy, emaFast and emaSlow to the payload's {@code settings} object (none when it has none). */
    static ObjectNode addTo(ObjectNode payload) {
        JsonNode settings = payload.get("settings");
        if (settings instanceof ObjectNode object) {
            object.put("strategy", STRATEGY);
            object.put("emaFast", EMA_FAST);
            object.put("emaSlow", EMA_SLOW);
        }
        return payload;
    }
}
