package dev.trenddesk.gateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import dev.trenddesk.simulator.BingxSimulator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * After a full connect / verify / test / rotate / disconnect flow, neither the secret nor the full
 * API key is anywhere: not in any table of the database (event payloads and metadata included),
 * not in the logs, not in any API response.
 */
@IntegrationTest
class NoPlaintextSecretTest {

    @LocalServerPort
    int port;

    @Autowired
    BingxSimulator simulator;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aFullFlowLeavesNoPlaintextSecretOrFullKeyAnywhere() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        List<Api.Response> responses = new ArrayList<>();
        Sim sim = new Sim(simulator.baseUrl());
        Sim.Keys keys = sim.tradingAccount();
        Sim.Keys wrongSecret = new Sim.Keys(keys.apiKey(), Sim.random(64));
        try {
            People people = new People(port);
            Person trader = people.create("trader");
            Api api = trader.login();

            responses.add(api.post("/api/me/bingx", wrongSecret.body()));
            assertThat(responses.getLast().json().get("status").asText()).isEqualTo("FAILED");
            responses.add(api.post("/api/me/bingx", keys.body()));
            assertThat(responses.getLast().json().get("status").asText()).isEqualTo("VERIFIED");
            responses.add(api.get("/api/me/bingx"));
            responses.add(api.post("/api/me/bingx/test", Map.of()));
            responses.add(people.admin().post("/api/admin/key-vault/rotate", Map.of()));
            assertThat(responses.getLast().status()).isEqualTo(200);
            responses.add(people.admin().get("/api/admin/connections"));
            responses.add(api.get("/api/me/bingx"));
            responses.add(api.delete("/api/me/bingx"));
            assertThat(responses.getLast().status()).isEqualTo(204);
            responses.add(api.get("/api/me/bingx"));
            responses.add(people.admin().get("/api/admin/connections"));
        } finally {
            root.detachAppender(logs);
        }
        List<ILoggingEvent> logged;
        synchronized (logs) { // logback's AppenderBase appends under the appender's lock, from any thread
            logged = new java.util.ArrayList<>(logs.list);
        }

        String[] forbidden = {
            keys.apiKey(),
            keys.secretKey(),
            wrongSecret.secretKey(),
            Base64.getEncoder().encodeToString(keys.secretKey().getBytes(StandardCharsets.UTF_8)),
            HexFormat.of().formatHex(keys.secretKey().getBytes(StandardCharsets.UTF_8))
        };

        for (Api.Response response : responses) {
            assertThat(response.body() == null ? "" : response.body())
                    .as("API response")
                    .doesNotContain(forbidden);
            response.headers().values().forEach(values -> assertThat(String.join(",", values))
                    .doesNotContain(forbidden));
        }
        for (ILoggingEvent event : logged) {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null
                            ? ""
                            : " " + event.getThrowableProxy().getMessage());
            assertThat(line).as("log line").doesNotContain(forbidden);
        }
        assertThat(logged).as("the flow was logged at all").isNotEmpty();

        List<String> tables = jdbc.queryForList(
                "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
                String.class);
        assertThat(tables).contains("domain_event_entry", "vault_data_keys", "connections_view", "credentials_secrets");
        int cells = 0;
        for (String table : tables) {
            for (Map<String, Object> row : jdbc.queryForList("select * from \"" + table + "\"")) {
                for (Map.Entry<String, Object> cell : row.entrySet()) {
                    String text = text(cell.getValue());
                    cells++;
                    assertThat(text).as(table + "." + cell.getKey()).doesNotContain(forbidden);
                }
            }
        }
        assertThat(cells).isPositive();
        Integer credentialEvents = jdbc.queryForObject(
                "select count(*) from domain_event_entry where payload_type like 'dev.trenddesk.api.credentials.%'",
                Integer.class);
        assertThat(credentialEvents).as("the scan saw the credential events").isGreaterThanOrEqualTo(6);
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8) + " " + new String(bytes, StandardCharsets.ISO_8859_1);
        }
        return value.toString();
    }
}
