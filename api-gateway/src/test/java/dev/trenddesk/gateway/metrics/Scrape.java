package dev.trenddesk.gateway.metrics;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One Prometheus text-format scrape, read series by series. */
record Scrape(String text, List<Series> series) {

    record Series(String name, Map<String, String> labels, double value) {}

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static Scrape of(String text) {
        List<Series> series = text.lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> {
                    Matcher m = LINE.matcher(line);
                    if (!m.matches()) {
                        throw new AssertionError("not a Prometheus sample line: " + line);
                    }
                    Map<String, String> labels = new LinkedHashMap<>();
                    if (m.group(3) != null) {
                        Matcher l = LABEL.matcher(m.group(3));
                        while (l.find()) {
                            labels.put(l.group(1), l.group(2));
                        }
                    }
                    return new Series(m.group(1), labels, number(m.group(4)));
                })
                .toList();
        return new Scrape(text, series);
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    /** Every series name in the scrape. */
    Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        series.forEach(s -> names.add(s.name()));
        return names;
    }

    /** The sum of the series called {@code name} that carry every one of {@code labels}; NaN when there is none. */
    double sum(String name, Map<String, String> labels) {
        List<Series> matching = series.stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> labels.entrySet().stream()
                        .allMatch(e -> e.getValue().equals(s.labels().get(e.getKey()))))
                .toList();
        return matching.isEmpty()
                ? Double.NaN
                : matching.stream().mapToDouble(Series::value).sum();
    }
}
