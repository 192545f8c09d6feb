package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin API lists every account with its books, so a test can compare a whole exchange with a platform. */
class AdminAccountsTest {

    private final BingxSimulator sim = TestMarket.start();
    private final SimHttp http = new SimHttp(sim.baseUrl());

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    @Test
    void listsEveryAccountWithItsPositionsAndOrders() {
        SimHttp.Trader first = http.account("list-key-1", "list-secret-1", "10000", "HEDGE", 5);
        http.account("list-key-2", "list-secret-2", "500", "ONE_WAY", 3);
        assertThat(first.call(
                                "POST",
                                "/openApi/swap/v2/trade/order",
                                "symbol",
                                "ETH-USDT",
                                "side",
                                "BUY",
                                "positionSide",
                                "LONG",
                                "type",
                                "MARKET",
                                "quantity",
                                "0.1",
                                "clientOrderId",
                                "list-1")
                        .code())
                .isZero();

        SimHttp.Answer answer = http.admin("GET", "/sim/accounts", null);

        assertThat(answer.status()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        for (JsonNode account : answer.json().get("accounts")) {
            keys.add(account.get("apiKey").asText());
        }
        assertThat(keys).containsExactly("list-key-1", "list-key-2");
        JsonNode listed = answer.json().get("accounts").get(0);
        assertThat(listed.get("positions")).hasSize(1);
        assertThat(listed.get("orders").get(0).get("clientOrderId").asText()).isEqualTo("list-1");
        assertThat(answer.json().get("accounts").get(1).get("positionMode").asText())
                .isEqualTo("ONE_WAY");
    }
}
