package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /openApi/v1/account/apiPermissions}: a key's own permissions as BingX numbers them (2 read,
 * 3 perpetual futures trading, 4 universal transfer, 5 withdraw) and its IP whitelist; signed like BingX.
 */
class ApiPermissionsTest {

    private static final String PATH = "/openApi/v1/account/apiPermissions";

    private final BingxSimulator sim = TestMarket.start();
    private final SimHttp http = new SimHttp(sim.baseUrl());

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    @Test
    void answersTheKeysPermissionsAsBingxNumbersThem() {
        create("perm-trade", "READ", "TRADE");
        create("perm-read", "READ");
        create("perm-withdraw", "READ", "TRADE", "WITHDRAW");
        create("perm-transfer", "READ", "TRANSFER");

        assertThat(permissions("perm-trade")).containsExactly(2, 3);
        assertThat(permissions("perm-read")).containsExactly(2);
        assertThat(permissions("perm-withdraw")).containsExactly(2, 3, 5);
        assertThat(permissions("perm-transfer")).containsExactly(2, 4);
    }

    @Test
    void answersTheIpWhitelistEmptyUnlessGiven() {
        create("perm-open", "READ", "TRADE");
        SimHttp.Answer created = http.admin("POST", "/sim/accounts", """
                {"apiKey":"perm-ips","secretKey":"perm-ips-secret","permissions":["READ","TRADE"],
                 "ipWhitelist":["203.0.113.7","198.51.100.0/24"]}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        assertThat(call("perm-open").data().get("ipAddresses")).isEmpty();
        List<String> ips = new ArrayList<>();
        call("perm-ips").data().get("ipAddresses").forEach(ip -> ips.add(ip.asText()));
        assertThat(ips).containsExactly("203.0.113.7", "198.51.100.0/24");
        assertThat(http.admin("GET", "/sim/accounts/perm-ips", null).json().get("ipWhitelist"))
                .hasSize(2);
    }

    @Test
    void isSignedLikeEveryAccountEndpoint() {
        create("perm-signed", "READ");
        SimHttp.Answer wrongSecret = http.signed("GET", PATH, Map.of(), "perm-signed", "not-the-secret");
        assertThat(wrongSecret.code()).isEqualTo(100001);
        SimHttp.Answer unknownKey = http.signed("GET", PATH, Map.of(), "no-such-key", "x");
        assertThat(unknownKey.code()).isEqualTo(100413);
    }

    @Test
    void refusesUnknownPermissions() {
        SimHttp.Answer refused = http.admin("POST", "/sim/accounts", """
                {"apiKey":"perm-bad","secretKey":"s","permissions":["READ","MARGIN"]}""");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asText())
                .contains("READ")
                .contains("WITHDRAW")
                .contains("TRANSFER");
    }

    private void create(String apiKey, String... permissions) {
        String perms = String.join("\",\"", permissions);
        SimHttp.Answer created = http.admin("POST", "/sim/accounts", """
                {"apiKey":"%s","secretKey":"%s-secret","permissions":["%s"]}""".formatted(apiKey, apiKey, perms));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private SimHttp.Answer call(String apiKey) {
        SimHttp.Answer answer = http.signed("GET", PATH, Map.of(), apiKey, apiKey + "-secret");
        assertThat(answer.code()).as(answer.body()).isZero();
        return answer;
    }

    private List<Integer> permissions(String apiKey) {
        JsonNode data = call(apiKey).data();
        List<Integer> numbers = new ArrayList<>();
        data.get("permissions").forEach(p -> numbers.add(p.asInt()));
        return numbers;
    }
}
