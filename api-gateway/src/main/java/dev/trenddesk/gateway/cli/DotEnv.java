package dev.trenddesk.gateway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an env file as the single-user bot's dotenv library did: {@code KEY=value} lines, an optional
 * {@code export} in front, blank lines and {@code #} comments ignored, values in single quotes taken as they are,
 * in double quotes with {@code \"}, {@code \\} and {@code \n} escapes, unquoted values up to a {@code " #"}
 * comment, trimmed. Values are never printed.
 */
final class DotEnv {

    private static final Pattern LINE =
            Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*=\\s*(.*?)\\s*$");

    private DotEnv() {}

    static Map<String, String> read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static Map<String, String> parse(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                continue;
            }
            values.put(matcher.group(1), value(matcher.group(2)));
        }
        return values;
    }

    private static String value(String text) {
        if (text.startsWith("'")) {
            int end = text.indexOf('\'', 1);
            return end < 0 ? text.substring(1) : text.substring(1, end);
        }
        if (text.startsWith("\"")) {
            StringBuilder value = new StringBuilder();
            for (int i = 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && i + 1 < text.length()) {
                    char next = text.charAt(++i);
                    value.append(
                            switch (next) {
                                case 'n' -> '\n';
                                case 't' -> '\t';
                                default -> next;
                            });
                } else {
                    value.append(c);
                }
            }
            return value.toString();
        }
        int comment = text.indexOf(" #");
        return (comment < 0 ? text : text.substring(0, comment)).strip();
    }
}
