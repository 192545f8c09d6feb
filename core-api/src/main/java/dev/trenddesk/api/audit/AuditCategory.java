package dev.trenddesk.api.audit;

import dev.trenddesk.api.alert.AlertRaised;
import dev.trenddesk.api.credentials.CredentialsEvent;
import dev.trenddesk.api.credentials.MasterKeyRotated;
import dev.trenddesk.api.market.CandleClosed;
import dev.trenddesk.api.platform.PlatformEvent;
import dev.trenddesk.api.platform.PlatformSettingsEvent;
import dev.trenddesk.api.trading.ImportedHistoryEvent;
import dev.trenddesk.api.trading.TradingSessionEvent;
import dev.trenddesk.api.user.UserEvent;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What an audit row is about, derived from its payload type's package under {@code dev.trenddesk.api}:
 * {@code user} is account (except the log-in and lock-out events, which are security), {@code audit}
 * (an admin opening another user's data) is security, {@code credentials} is credentials,
 * {@code trading} is trading, {@code market} is market data, and anything else (alerts, a type
 * unknown to this build, the platform's kill switch and settings) is system.
 */
public enum AuditCategory {
    ACCOUNT,
    TRADING,
    CREDENTIALS,
    SECURITY,
    MARKET,
    SYSTEM;

    /** The user events about logging in and being locked out, shown as security rather than account. */
    private static final Set<Class<?>> SECURITY_USER_EVENTS = Set.of(
            UserEvent.UserLoggedIn.class,
            UserEvent.LoginFailed.class,
            UserEvent.AccountLockedOut.class,
            UserEvent.RepeatedLoginFailures.class,
            UserEvent.UserUnlocked.class,
            UserEvent.PasswordChanged.class);

    /** Every event payload type of the platform by simple name (the audit log's event_type). */
    private static final Map<String, AuditCategory> BY_TYPE = Collections.unmodifiableMap(Stream.of(
                    Stream.of(UserEvent.class.getPermittedSubclasses()),
                    Stream.of(CredentialsEvent.class.getPermittedSubclasses()),
                    Stream.of(TradingSessionEvent.class.getPermittedSubclasses()),
                    Stream.of(ImportedHistoryEvent.class.getPermittedSubclasses()),
                    Stream.of(PlatformEvent.class.getPermittedSubclasses()),
                    Stream.of(PlatformSettingsEvent.class.getPermittedSubclasses()),
                    Stream.of(dev.trenddesk.api.plan.PlanEvent.class.getPermittedSubclasses()),
                    Stream.of(dev.trenddesk.api.plan.SubscriptionEvent.class.getPermittedSubclasses()),
                    Stream.of(MasterKeyRotated.class, CandleClosed.class, AlertRaised.class, AdminViewedUserData.class))
            .flatMap(s -> s)
            .collect(Collectors.toMap(Class::getSimpleName, AuditCategory::of, (a, b) -> a, LinkedHashMap::new)));

    /** The category of an event payload type, from its package. */
    public static AuditCategory of(Class<?> payloadType) {
        if (SECURITY_USER_EVENTS.contains(payloadType)) {
            return SECURITY;
        }
        String name = payloadType.getPackageName();
        String prefix = "dev.trenddesk.api.";
        String area = name.startsWith(prefix) ? name.substring(prefix.length()) : "";
        int dot = area.indexOf('.');
        return switch (dot < 0 ? area : area.substring(0, dot)) {
            case "user" -> ACCOUNT;
            case "audit" -> SECURITY;
            case "credentials" -> CREDENTIALS;
            case "trading" -> TRADING;
            case "market" -> MARKET;
            default -> SYSTEM;
        };
    }

    /** The category of a stored row's event type (a simple name); an unknown type is system. */
    public static AuditCategory ofType(String eventType) {
        return BY_TYPE.getOrDefault(eventType, SYSTEM);
    }

    /** The known event types (simple names) of the given categories. */
    public static List<String> types(Set<AuditCategory> categories) {
        return BY_TYPE.entrySet().stream()
                .filter(e -> categories.contains(e.getValue()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The category's name on the web: lower case. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The categories shown when none are asked for: everything but market data. */
    public static Set<AuditCategory> byDefault() {
        EnumSet<AuditCategory> all = EnumSet.allOf(AuditCategory.class);
        all.remove(MARKET);
        return all;
    }

    /** The category with this key (case-insensitive), or null. */
    public static AuditCategory fromKey(String key) {
        return Arrays.stream(values())
                .filter(c -> c.key().equalsIgnoreCase(key))
                .findFirst()
                .orElse(null);
    }
}
