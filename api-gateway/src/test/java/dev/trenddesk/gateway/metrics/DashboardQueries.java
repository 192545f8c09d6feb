package dev.trenddesk.gateway.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.gateway.support.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names the PromQL queries ("expr") of a Grafana dashboard JSON read. */
final class DashboardQueries {

    /** Series Prometheus makes itself for each target, not the application. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up");

    private static final Set<String> KEYWORDS = Set.of(
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "bool",
            "offset",
            "and",
            "or",
            "unless",
            "inf",
            "nan");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private DashboardQueries() {}

    static List<String> metricNames(String dashboardJson) {
        JsonNode root;
        try {
            root = Api.JSON.readTree(dashboardJson);
        } catch (IOException e) {
            throw new UncheckedIOException("the dashboard is not well-formed JSON", e);
        }
        List<String> expressions = new ArrayList<>();
        collect(root, expressions);
        if (expressions.isEmpty()) {
            throw new AssertionError("the dashboard has no queries");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String expr : expressions) {
            names.addAll(namesIn(expr));
        }
        return List.copyOf(names);
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isObject()) {
            JsonNode expr = node.get("expr");
            if (expr != null && expr.isTextual()) {
                out.add(expr.asText());
            }
            node.forEach(child -> collect(child, out));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, out));
        }
    }

    /** Metric names of one PromQL expression: identifiers outside label matchers, groupings and ranges, not calls. */
    static Set<String> namesIn(String expr) {
        String text = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"") // string literals
                .replaceAll("\\{[^}]*}", " ") // label matchers
                .replaceAll("\\[[^]]*]", " "); // ranges
        text = GROUPING.matcher(text).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(text);
        while (m.find()) {
            String id = m.group();
            int after = m.end();
            while (after < text.length() && text.charAt(after) == ' ') {
                after++;
            }
            boolean call = after < text.length() && text.charAt(after) == '(';
            boolean partOfNumber = m.start() > 0 && Character.isDigit(text.charAt(m.start() - 1));
            if (!call && !partOfNumber && !KEYWORDS.contains(id.toLowerCase())) {
                names.add(id);
            }
        }
        return names;
    }
}
