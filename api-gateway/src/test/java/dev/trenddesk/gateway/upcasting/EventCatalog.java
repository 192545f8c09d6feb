package dev.trenddesk.gateway.upcasting;

import dev.trenddesk.api.alert.AlertRaised;
import dev.trenddesk.api.audit.AdminViewedUserData;
import dev.trenddesk.api.credentials.CredentialsEvent;
import dev.trenddesk.api.credentials.MasterKeyRotated;
import dev.trenddesk.api.fees.FeeEvent;
import dev.trenddesk.api.market.CandleClosed;
import dev.trenddesk.api.platform.PlatformEvent;
import dev.trenddesk.api.platform.PlatformSettingsEvent;
import dev.trenddesk.api.trading.ImportedHistoryEvent;
import dev.trenddesk.api.trading.TradingSessionEvent;
import dev.trenddesk.api.user.UserEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Every class that is stored as an event payload: the records of the sealed event families (found
 * through their permitted subclasses, so a new record is listed by itself) and the events published
 * without an aggregate. {@link EventCatalogTest} checks that nothing handled as an event is missing.
 */
final class EventCatalog {

    /** Sealed interfaces whose every record is an aggregate's event. */
    static final List<Class<?>> FAMILIES = List.of(
            UserEvent.class,
            CredentialsEvent.class,
            TradingSessionEvent.class,
            ImportedHistoryEvent.class,
            PlatformEvent.class,
            PlatformSettingsEvent.class,
            dev.trenddesk.api.plan.PlanEvent.class,
            dev.trenddesk.api.plan.SubscriptionEvent.class,
            FeeEvent.class);

    /** Events published on the event bus without an aggregate. */
    static final List<Class<?>> STANDALONE =
            List.of(CandleClosed.class, AlertRaised.class, AdminViewedUserData.class, MasterKeyRotated.class);

    private EventCatalog() {}

    static List<Class<?>> all() {
        List<Class<?>> all = new ArrayList<>();
        for (Class<?> family : FAMILIES) {
            collect(family, all);
        }
        all.addAll(STANDALONE);
        all.sort(Comparator.comparing(Class::getName));
        return all;
    }

    private static void collect(Class<?> type, List<Class<?>> into) {
        if (type.isSealed()) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                collect(sub, into);
            }
        } else {
            into.add(type);
        }
    }

    /** The class's {@code @Revision}, null when it has none. */
    static String revision(Class<?> type) {
        Revision revision = type.getAnnotation(Revision.class);
        return revision == null ? null : revision.value();
    }
}
