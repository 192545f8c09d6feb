package dev.trenddesk.gateway.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.trading.TradingSessionEvent.TradingSessionStarted;

/**
 * {@code TradingSessionStarted} 1 → 2: the session names the exchange it trades on. Every session started
 * before revision 2 traded on BingX, the only exchange of the platform then.
 */
final class TradingSessionStartedV1ToV2 extends RevisionUpcaster {

    TradingSessionStartedV1ToV2() {
        super(TradingSessionStarted.class, "1", "2");
    }

    @Override
    protected ObjectNode upcastPayload(ObjectNode payload) {
        payload.put("exchange", ExchangeName.BINGX.name());
        return payload;
    }
}
