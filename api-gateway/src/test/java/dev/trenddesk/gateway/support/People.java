package dev.trenddesk.gateway.support;

import java.util.Map;

/** Creates people through the admin API, as an admin would. */
public final class People {

    private final int port;
    private final Api admin;

    public People(int port) {
        this.port = port;
        this.admin = Api.loggedIn(port, IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
    }

    public Api admin() {
        return admin;
    }

    public Person create(String role) {
        String username = Names.unique(role);
        String password = username + "-secret-pw";
        Api.Response response = admin.post(
                "/api/admin/users",
                Map.of("username", username, "email", username + "@example.com", "password", password, "role", role));
        if (response.status() != 201) {
            throw new AssertionError("could not create " + role + ": " + response);
        }
        return new Person(response.json().get("id").asText(), username, password, port);
    }

    public record Person(String id, String username, String password, int port) {

        public Api login() {
            return Api.loggedIn(port, username, password);
        }
    }
}
