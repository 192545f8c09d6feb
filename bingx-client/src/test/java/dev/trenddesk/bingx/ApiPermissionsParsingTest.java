package dev.trenddesk.bingx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trenddesk.bingx.model.ApiPermission;
import dev.trenddesk.bingx.model.ApiPermissions;
import org.junit.jupiter.api.Test;

/** BingX's apiPermissions answer is not documented precisely: numbers, numeric strings and names all parse. */
class ApiPermissionsParsingTest {

    private static ApiPermissions parse(String data) {
        return BingxJson.apiPermissions(BingxJson.readTree(data));
    }

    @Test
    void numbersAsInBingxsApiKeyDocuments() {
        ApiPermissions p = parse("{\"permissions\":[1,2,3,4,5,7],\"ipAddresses\":[\"203.0.113.7\"]}");
        assertThat(p.permissions())
                .containsExactlyInAnyOrder(
                        ApiPermission.SPOT_TRADING,
                        ApiPermission.READ,
                        ApiPermission.PERPETUAL_FUTURES_TRADING,
                        ApiPermission.UNIVERSAL_TRANSFER,
                        ApiPermission.WITHDRAW,
                        ApiPermission.SUB_ACCOUNT_INTERNAL_TRANSFER);
        assertThat(p.ipWhitelist()).containsExactly("203.0.113.7");
        assertThat(p.canMoveFunds()).isTrue();
    }

    @Test
    void numericStringsAndNames() {
        ApiPermissions p = parse("{\"permissions\":[\"2\",\"Perpetual_Futures\",\"Withdraw\"],"
                + "\"ipWhiteList\":\"203.0.113.7, 198.51.100.8\"}");
        assertThat(p.permissions())
                .containsExactlyInAnyOrder(
                        ApiPermission.READ, ApiPermission.PERPETUAL_FUTURES_TRADING, ApiPermission.WITHDRAW);
        assertThat(p.ipWhitelist()).containsExactly("203.0.113.7", "198.51.100.8");

        ApiPermissions names = parse("{\"permissions\":\"READ,TRADE,UNIVERSAL_TRANSFER\"}");
        assertThat(names.permissions())
                .containsExactlyInAnyOrder(
                        ApiPermission.READ, ApiPermission.PERPETUAL_FUTURES_TRADING, ApiPermission.UNIVERSAL_TRANSFER);
        assertThat(names.ipWhitelist()).isEmpty();
    }

    @Test
    void readOnlyKeyCanNeitherTradeNorMoveFunds() {
        ApiPermissions p = parse("{\"permissions\":[2],\"ipAddresses\":[]}");
        assertThat(p.canTradePerpetualFutures()).isFalse();
        assertThat(p.canMoveFunds()).isFalse();
    }

    @Test
    void unknownEntriesAreKeptNotDropped() {
        ApiPermissions p = parse("{\"permissions\":[2,9,\"Margin\"]}");
        assertThat(p.permissions()).containsExactly(ApiPermission.READ);
        assertThat(p.unrecognised()).containsExactly("9", "Margin");
    }

    @Test
    void anAnswerWithoutPermissionsIsAnError() {
        assertThatThrownBy(() -> parse("{\"ipAddresses\":[]}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("permissions");
    }
}
