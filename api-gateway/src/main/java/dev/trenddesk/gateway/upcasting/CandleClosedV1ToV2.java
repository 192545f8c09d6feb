package dev.trenddesk.gateway.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trenddesk.api.market.CandleClosed;

/**
 * {@code CandleClosed} 1 → 2: the fields {@code adx}, {@code plusDi}, {@code minusDi}, {@code atr} and
 * {@code previousAdx} move into the map {@code indicators} under the keys {@code adx}, {@code plusDi},
 * {@code minusDi}, {@code atr} and {@code adxPrev}; a null (not yet defined) value is left out, as revision 2
 * leaves it out. Old candles had no EMAs, so none is added.
 */
final class CandleClosedV1ToV2 extends RevisionUpcaster {

    CandleClosedV1ToV2() {
        super(CandleClosed.class, "1", "2");
    }

    @Override
    protected ObjectNode upcastPayload(ObjectNode payload) {
        ObjectNode indicators = payload.objectNode();
        move(payload, "adx", indicators, "adx");
        move(payload, "plusDi", indicators, "plusDi");
        move(payload, "minusDi", indicators, "minusDi");
        move(payload, "atr", indicators, "atr");
        move(payload, "previousAdx", indicators, "adxPrev");
        // keep the field order of revision 2: indicators before live
        JsonNode live = payload.remove("live");
        payload.set("indicators", indicators);
        if (live != null) {
            payload.set("live", live);
        }
        return payload;
    }

    static void move(ObjectNode from, String field, ObjectNode to, String key) {
        JsonNode value = from.remove(field);
        if (value != null && !value.isNull()) {
            to.set(key, value);
        }
    }
}
