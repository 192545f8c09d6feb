package dev.trenddesk.gateway.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Evaluates {@link ConditionalOnRole} against the {@code trenddesk.roles} setting. */
class RoleCondition implements Condition {

    public static final String ALL_ROLES = "command,query,saga,gateway";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
        String wanted = String.valueOf(attributes.get("value")).toLowerCase(Locale.ROOT);
        String roles = context.getEnvironment().getProperty("trenddesk.roles", ALL_ROLES);
        return Arrays.stream(roles.split(","))
                .map(r -> r.trim().toLowerCase(Locale.ROOT))
                .anyMatch(wanted::equals);
    }
}
