package dev.trenddesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** PUT /api/me/email over real HTTP: the person's own e-mail change (issue 17). */
@IntegrationTest
class EmailChangeTest {

    @LocalServerPort
    int port;

    private People people;

    @BeforeEach
    void setUp() {
        people = new People(port);
    }

    @Test
    void aTraderChangesTheirAddressAndProfileAdminListAndAuditLogShowIt() {
        Person trader = people.create("trader");
        Api api = trader.login();
        String next = trader.username() + ".new@Example.org";

        Api.Response changed =
                api.put("/api/me/email", Map.of("email", " " + next + " ", "currentPassword", trader.password()));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("email").asText()).isEqualTo(next.toLowerCase());
        assertThat(api.get("/api/me").json().get("email").asText()).isEqualTo(next.toLowerCase());
        JsonNode listed = null;
        for (JsonNode user : people.admin().get("/api/admin/users").json()) {
            if (user.get("id").asText().equals(trader.id())) {
                listed = user;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("email").asText()).isEqualTo(next.toLowerCase());

        String audit = "/api/audit/events?user=" + trader.id() + "&type=EmailChanged";
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(people.admin().get(audit).json().get("entries"))
                        .hasSize(1));
        JsonNode row = people.admin().get(audit).json().get("entries").get(0);
        assertThat(row.get("category").asText()).isEqualTo("account");
        assertThat(row.get("actorId").asText()).isEqualTo(trader.id());
        assertThat(row.get("payload").get("previousEmail").asText()).isEqualTo(trader.username() + "@example.com");
        assertThat(row.get("payload").get("email").asText()).isEqualTo(next.toLowerCase());
        assertThat(row.get("payload").get("byAdmin").asBoolean()).isFalse();
        assertThat(row.toString()).doesNotContain(trader.password());

        // the old address is free again: someone else may register with it
        Api.Response reuse = people.admin()
                .post(
                        "/api/admin/users",
                        Map.of(
                                "username", trader.username() + "-2",
                                "email", trader.username() + "@example.com",
                                "password", trader.password() + "-other",
                                "role", "viewer"));
        assertThat(reuse.status()).as(reuse.toString()).isEqualTo(201);
    }

    @Test
    void anAddressAnotherAccountHasIsRefusedNamingEmail() {
        Person trader = people.create("trader");
        Person other = people.create("viewer");
        Api api = trader.login();

        Api.Response taken = api.put(
                "/api/me/email",
                Map.of("email", other.username().toUpperCase() + "@EXAMPLE.COM", "currentPassword", trader.password()));

        assertThat(taken.status()).isEqualTo(422);
        assertThat(taken.header("Content-Type")).contains("application/problem+json");
        assertThat(fields(taken)).containsExactly("email");
        assertThat(api.get("/api/me").json().get("email").asText()).isEqualTo(trader.username() + "@example.com");
    }

    @Test
    void aMalformedOrMissingAddressIsRefusedNamingEmail() {
        Person trader = people.create("trader");
        Api api = trader.login();

        for (Map<String, Object> body : List.<Map<String, Object>>of(
                Map.of("email", "not an address", "currentPassword", trader.password()),
                Map.of("email", "x@" + "y".repeat(300) + ".com", "currentPassword", trader.password()),
                Map.of("email", "", "currentPassword", trader.password()),
                Map.of("currentPassword", trader.password()))) {
            Api.Response response = api.put("/api/me/email", body);
            assertThat(response.status()).as(body.toString()).isBetween(400, 499);
            assertThat(response.header("Content-Type")).contains("application/problem+json");
            assertThat(fields(response)).as(body.toString()).containsExactly("email");
        }
        assertThat(api.get("/api/me").json().get("email").asText()).isEqualTo(trader.username() + "@example.com");
    }

    @Test
    void aWrongCurrentPasswordIsRefusedNamingCurrentPasswordEvenForATakenAddress() {
        Person trader = people.create("trader");
        Person other = people.create("viewer");
        Api api = trader.login();

        for (String address : List.of(trader.username() + ".new@example.org", other.username() + "@example.com")) {
            Api.Response wrong =
                    api.put("/api/me/email", Map.of("email", address, "currentPassword", "not my password"));
            assertThat(wrong.status()).isEqualTo(422);
            assertThat(fields(wrong)).containsExactly("currentPassword");
        }
        assertThat(api.get("/api/me").json().get("email").asText()).isEqualTo(trader.username() + "@example.com");
    }

    @Test
    void theSameAddressIsRefusedNamingEmail() {
        Person trader = people.create("trader");
        Api api = trader.login();

        Api.Response same = api.put(
                "/api/me/email",
                Map.of("email", trader.username() + "@EXAMPLE.com", "currentPassword", trader.password()));

        assertThat(same.status()).isEqualTo(422);
        assertThat(fields(same)).containsExactly("email");
        assertThat(same.json().get("errors").get(0).get("message").asText()).contains("already your");
    }

    private static List<String> fields(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }
}
