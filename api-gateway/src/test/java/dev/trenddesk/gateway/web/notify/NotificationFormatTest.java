package dev.trenddesk.gateway.web.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A webhook URL never points into the platform's own network, whichever way an internal address is written. */
class NotificationFormatTest {

    private static List<FieldViolation> url(String url) {
        List<FieldViolation> out = new ArrayList<>();
        NotificationFormat.url(url, false, out);
        return out;
    }

    @Test
    void internalAddressesAreRefusedInEveryWrittenForm() {
        for (String url : List.of(
                "https://10.0.0.5/hook",
                "https://192.168.1.10/hook",
                "https://172.16.0.1/hook",
                "https://169.254.169.254/latest/meta-data",
                "https://100.64.0.1/hook",
                "https://0.0.0.0/hook",
                "https://2130706433/hook",
                "https://[fd00::1]/hook",
                "https://[fe80::1]/hook",
                "https://[::ffff:10.0.0.5]/hook",
                "https://[::10.0.0.5]/hook",
                "https://127.0.0.2/hook")) {
            assertThat(url(url)).as(url).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("webhook.url");
                assertThat(v.message()).contains("internal address");
            });
        }
    }

    @Test
    void publicAddressesAndNamesPass() {
        assertThat(url("https://hooks.example.com/trenddesk")).isEmpty();
        assertThat(url("https://93.184.216.34/hook")).isEmpty();
        assertThat(url("https://[2606:4700::1111]/hook")).isEmpty();
        assertThat(url("https://face.com/hook"))
                .as("a name made of hex letters is a name")
                .isEmpty();
    }
}
