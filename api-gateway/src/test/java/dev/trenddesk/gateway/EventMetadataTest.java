package dev.trenddesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.Names;
import dev.trenddesk.gateway.support.People;
import java.util.List;
import java.util.Map;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Who did it, from where, under which trace: on every event an API command causes. */
@IntegrationTest
class EventMetadataTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DeadlineManager deadlines;

    @Test
    void everyEventOfAnApiCommandCarriesActorRoleIpAndTraceId() throws Exception {
        Api admin = new People(port).admin();
        String adminId = admin.get("/api/me").json().get("id").asText();
        String username = Names.unique("meta");
        Api.Response created = admin.post(
                "/api/admin/users",
                Map.of(
                        "username",
                        username,
                        "email",
                        username + "@example.com",
                        "password",
                        "metadata test password",
                        "role",
                        "trader"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        String traceId = created.header("X-Trace-Id");
        assertThat(traceId).isNotBlank();

        List<byte[]> metadata = jdbc.queryForList(
                "select meta_data from domain_event_entry where aggregate_identifier = ?", byte[].class, id);
        assertThat(metadata).hasSize(1);
        JsonNode meta = Api.JSON.readTree(metadata.get(0));
        assertThat(meta.get("actorId").asText()).isEqualTo(adminId);
        assertThat(meta.get("actorRole").asText()).isEqualTo("admin");
        assertThat(meta.get("clientIp").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(meta.get("traceId").asText()).isEqualTo(traceId);
    }

    @Test
    void eventsHoldNoPasswordNorHash() {
        String username = Names.unique("nohash");
        String password = "a very recognisable password 12345";
        new People(port)
                .admin()
                .post(
                        "/api/admin/users",
                        Map.of(
                                "username",
                                username,
                                "email",
                                username + "@example.com",
                                "password",
                                password,
                                "role",
                                "trader"));
        List<String> rows = jdbc.queryForList(
                "select convert_from(payload, 'UTF8') || convert_from(coalesce(meta_data, ''::bytea), 'UTF8') from domain_event_entry",
                String.class);
        assertThat(rows).noneMatch(row -> row.contains(password) || row.contains("$argon2"));
    }

    @Test
    void sagaDeadlinesAreKeptInTheDatabase() {
        assertThat(deadlines).isInstanceOf(DbSchedulerDeadlineManager.class);
    }
}
