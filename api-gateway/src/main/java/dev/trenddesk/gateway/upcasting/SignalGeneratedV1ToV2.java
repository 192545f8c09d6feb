package dev.trenddesk.gateway.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trenddesk.api.trading.TradingSessionEvent.SignalGenerated;
import java.util.List;

/**
 * {@code SignalGenerated} 1 → 2: the ADX strategy's fields {@code adx}, {@code plusDi}, {@code minusDi} and
 * {@code atr} move into the map {@code indicators} under the same keys (a null value is left out). Every
 * signal of revision 1 came from the ADX trend strategy.
 */
final class SignalGeneratedV1ToV2 extends RevisionUpcaster {

    SignalGeneratedV1ToV2() {
        super(SignalGenerated.class, "1", "2");
    }

    @Override
    protected ObjectNode upcastPayload(ObjectNode payload) {
        ObjectNode indicators = payload.objectNode();
        for (String field : List.of("adx", "plusDi", "minusDi", "atr")) {
            CandleClosedV1ToV2.move(payload, field, indicators, field);
        }
        // keep the field order of revision 2: indicators, confidence, at
        JsonNode confidence = payload.remove("confidence");
        JsonNode at = payload.remove("at");
        payload.set("indicators", indicators);
        if (confidence != null) {
            payload.set("confidence", confidence);
        }
        if (at != null) {
            payload.set("at", at);
        }
        return payload;
    }
}
