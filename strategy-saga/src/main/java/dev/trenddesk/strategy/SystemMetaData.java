package dev.trenddesk.strategy;

import java.util.Map;
import org.axonframework.messaging.MetaData;

/**
 * Metadata of a command a platform component sends on its own: actorId {@code system:<component>},
 * actorRole {@code system}, and the trace id of the request that caused it when there is one, so
 * the audit trail links the component's work to the person's request.
 */
public final class SystemMetaData {

    private SystemMetaData() {}

    public static MetaData of(String component, String traceId) {
        String actor = "system:" + component;
        return MetaData.from(Map.of(
                "actorId",
                actor,
                "actorRole",
                "system",
                "clientIp",
                "internal",
                "traceId",
                traceId == null ? actor : traceId));
    }
}
