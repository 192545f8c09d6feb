package dev.trenddesk.gateway.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionSettingsChanged;

/**
 * {@code TradingSessionSettingsChanged} 1 → 2: its settings name the strategy and the EMA crossover's periods. Every event
 * stored before traded with the ADX trend strategy: {@code "strategy": "ADX_TREND"}, {@code "emaFast": 9},
 * {@code "emaSlow": 21} are added (see {@link SettingsStrategyDefaults}).
 */
final class TradingSessionSettingsChangedV1ToV2 extends RevisionUpcaster {

    TradingSessionSettingsChangedV1ToV2() {
        super(TradingSessionSettingsChanged.class, "1", "2");
    }

    @Override
    protected ObjectNode upcastPayload(ObjectNode payload) {
        return SettingsStrategyDefaults.addTo(payload);
    }
}
