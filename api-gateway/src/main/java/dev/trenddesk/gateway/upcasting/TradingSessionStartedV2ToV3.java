package dev.trenddesk.gateway.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStarted;

/**
 * {@code TradingSessionStarted} 2 → 3: its settings name the strategy and the EMA crossover's periods. Every event
 * stored before traded with the ADX trend strategy: {@code "strategy": "ADX_TREND"}, {@code "emaFast": 9},
 * {@code "emaSlow": 21} are added (see {@link SettingsStrategyDefaults}).
 */
final class TradingSessionStartedV2ToV3 extends RevisionUpcaster {

    TradingSessionStartedV2ToV3() {
        super(TradingSessionStarted.class, "2", "3");
    }

    @Override
    protected ObjectNode upcastPayload(ObjectNode payload) {
        return SettingsStrategyDefaults.addTo(payload);
    }
}
