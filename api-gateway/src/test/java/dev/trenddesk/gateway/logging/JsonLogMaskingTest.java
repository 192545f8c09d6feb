package dev.trenddesk.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The JSON appender of logback-spring.xml (logging/console-json.xml) as it is shipped: one JSON object a line with
 * the fields docs/logging.md names, and the masking that catches a secret a log statement should never have
 * written, without eating what an operator needs (ids, Axon's tokens, class names).
 */
class JsonLogMaskingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyLineIsOneJsonObjectWithTheFields() throws Exception {
        List<JsonNode> lines = log(logger -> {
            MDC.put("traceId", "trace-1234abcd");
            MDC.put("userId", "0b8f2f7e-1111-4222-8333-944445555666");
            try {
                logger.info("first line\nwith a newline inside");
            } finally {
                MDC.clear();
            }
            logger.warn("no request here", new IllegalStateException("it broke"));
        });

        assertThat(lines).hasSize(2);
        JsonNode first = lines.get(0);
        assertThat(first.get("level").asText()).isEqualTo("INFO");
        assertThat(first.get("logger").asText()).isEqualTo("masking-test");
        assertThat(first.get("thread").asText())
                .isEqualTo(Thread.currentThread().getName());
        assertThat(first.get("node").asText()).isEqualTo("node-under-test");
        assertThat(first.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
        assertThat(first.get("message").asText()).isEqualTo("first line\nwith a newline inside");
        assertThat(first.get("traceId").asText()).isEqualTo("trace-1234abcd");
        assertThat(first.get("userId").asText()).isEqualTo("0b8f2f7e-1111-4222-8333-944445555666");
        assertThat(first.has("stack_trace")).isFalse();

        JsonNode second = lines.get(1);
        assertThat(second.has("traceId"))
                .as("the MDC of the line before is not carried over")
                .isFalse();
        assertThat(second.get("stack_trace").asText())
                .startsWith("java.lang.IllegalStateException: it broke")
                .contains("at dev.trenddesk.gateway.logging.JsonLogMaskingTest");
    }

    @Test
    void secretsAreMaskedWhereverTheyAppear() throws Exception {
        String apiKey = "Xk29dLq8Vn3Rt7Wz1Bc5Hf0Jm4Ps6Ua2Ye9Gi8Ko3Nl7Qr1Sv5Tw0Zx4Ab6Cd2E";
        String secretKey = "p0O9i8U7y6T5r4E3w2Q1a0S9d8F7g6H5j4K3l2Z1x0C9v8B7n6M5q4W3e2R1t0Y9";
        String signature = "3f1e9c0a7b2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f";
        String masterKey = "q3N0mZ8r1YpX4b7Vt9Lw2Kc6Hs5Jd0Fg3Ae8Ui1Oy4=";
        String telegram = "123456789:AAHk3v9Qz-Xy_1234567890abcdefGHIJKLmno";
        String password = "Correct-Horse-Battery-9";
        String session = "5f0c0f3e2b1a4c6d8e9f0a1b2c3d4e5f";
        String csrf = "7c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f";

        List<JsonNode> lines = log(logger -> {
            logger.info("GET /openApi/swap/v2/user/balance?timestamp=1700000000000&signature=" + signature + " failed");
            logger.info("connect with apiKey=" + apiKey + " secretKey=" + secretKey);
            logger.info("body {\"apiKey\":\"" + apiKey + "\",\"secretKey\":\"" + secretKey + "\"}");
            logger.info("headers X-BX-APIKEY: " + apiKey + "; Cookie: td_session=" + session + "; XSRF-TOKEN=" + csrf);
            logger.info("login as admin with password: " + password);
            logger.info("TRENDDESK_MASTER_KEY=" + masterKey);
            logger.info("a key alone " + apiKey + " and a master key alone " + masterKey);
            logger.info("notify via bot " + telegram);
            logger.info("Authorization: Bearer " + session);
            logger.warn("request failed", new IllegalArgumentException("bad secretKey=" + secretKey));
        });

        String all = lines.toString();
        for (String secret : List.of(apiKey, secretKey, signature, masterKey, telegram, password, session, csrf)) {
            assertThat(all).as("a line shows %s", secret).doesNotContain(secret);
        }
        assertThat(lines.get(0).get("message").asText())
                .isEqualTo("GET /openApi/swap/v2/user/balance?timestamp=1700000000000&signature=**** failed");
        assertThat(lines.get(4).get("message").asText()).isEqualTo("login as admin with password: ****");
        assertThat(lines.get(9).get("stack_trace").asText()).contains("bad secretKey=****");
    }

    @Test
    void whatAnOperatorNeedsStaysReadable() throws Exception {
        String text = "Processor [users] fetched token: GlobalSequenceTrackingToken{globalIndex=42} for segment: 3;"
                + " session 0b8f2f7e-1111-4222-8333-944445555666 of user 9a8b7c6d-1111-4222-8333-944445555666;"
                + " order td-0b8f2f7e11114222 placed;"
                + " org.springframework.boot.web.reactive.context.AnnotationConfigReactiveWebServerApplicationContext";
        List<JsonNode> lines = log(logger -> logger.info(text));
        assertThat(lines.get(0).get("message").asText()).isEqualTo(text);
    }

    /** Configures a fresh logback with the shipped JSON appender, runs {@code logging}, answers the lines. */
    private static List<JsonNode> log(Consumer<Logger> logging) throws IOException, JoranException {
        String configuration = """
                <configuration>
                    <property name="TRENDDESK_NODE" value="node-under-test"/>
                    <include resource="logging/console-json.xml"/>
                    <root level="INFO"><appender-ref ref="CONSOLE"/></root>
                </configuration>
                """;
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(configuration.getBytes(StandardCharsets.UTF_8)));
        context.start();
        List<Status> errors = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(status -> status.getLevel() >= Status.ERROR)
                .toList();
        assertThat(errors).as("logback's complaints about the configuration").isEmpty();

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            logging.accept(context.getLogger("masking-test"));
        } finally {
            System.setOut(original);
            context.stop();
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }
}
