package dev.trenddesk.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.RejectionCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/rejections.md lists every RejectionCode, once, with the status the API answers it with, and nothing else. */
class RejectionsDocTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| (\\d{3}) \\| ([^|]+) \\| ([^|]+) \\|$");

    @Test
    void theTableListsEveryCodeOnceAndNoOther() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("..", "docs", "rejections.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                assertThat(rows.put(row.group(1), row.group(2)))
                        .as("%s listed twice", row.group(1))
                        .isNull();
                assertThat(row.group(3).isBlank() || row.group(4).isBlank())
                        .as(line)
                        .isFalse();
            }
        }
        assertThat(rows.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(RejectionCode.values()).map(Enum::name).toList());
        assertThat(rows.values()).allMatch("409"::equals);
    }
}
