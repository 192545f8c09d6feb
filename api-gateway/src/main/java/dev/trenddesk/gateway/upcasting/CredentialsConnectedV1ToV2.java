package dev.trenddesk.gateway.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trenddesk.api.common.ExchangeName;
import dev.trenddesk.api.credentials.CredentialsEvent.CredentialsConnected;

/**
 * {@code CredentialsConnected} 1 → 2: the key names its exchange. Every key connected before revision 2 was a
 * BingX key (the platform traded on BingX only), staged replacements included.
 */
final class CredentialsConnectedV1ToV2 extends RevisionUpcaster {

    CredentialsConnectedV1ToV2() {
        super(CredentialsConnected.class, "1", "2");
    }

    @Override
    protected ObjectNode upcastPayload(ObjectNode payload) {
        payload.put("exchange", ExchangeName.BINGX.name());
        return payload;
    }
}
