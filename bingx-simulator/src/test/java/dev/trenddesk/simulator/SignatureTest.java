package dev.trenddesk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** API key, signature and recvWindow checks over real HTTP. */
class SignatureTest {

    private static final String DOC_SECRET =
            "mheO6dR8ovSsxZQCOYEFCtelpuxcWGTfHw7te326y6jOwq5WpvFQ9JNljoTwBXZGv5It07m9RXSPpDQEK2w";
    private static final String DOC_PARAMS = "symbol=BTC-USDT&timestamp=1667872120843&side=LONG&leverage=6";
    private static final String DOC_SIGNATURE = "4f581ecdb1fa09b9d6e57886b6f70cffed17f82b93399722939e49a38edec2bf";
    private static final String LEVERAGE_PATH = "/openApi/swap/v2/trade/leverage";

    private BingxSimulator sim;
    private SimHttp http;

    @BeforeEach
    void startSimulator() {
        sim = TestMarket.start();
        http = new SimHttp(sim.baseUrl());
        http.account("doc-key", DOC_SECRET, "1000", "HEDGE", 5);
        // put the server clock at the documented request's timestamp, so that exact request is fresh
        long skew = 1667872120843L - System.currentTimeMillis();
        http.admin("POST", "/sim/faults", "{\"type\":\"CLOCK_SKEW\",\"millis\":" + skew + "}");
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    @Test
    void acceptsTheDocumentedSignatureVector() {
        assertThat(Signatures.hmacSha256Hex(DOC_SECRET, DOC_PARAMS)).isEqualTo(DOC_SIGNATURE);
        SimHttp.Answer answer =
                http.send("POST", LEVERAGE_PATH + "?" + DOC_PARAMS + "&signature=" + DOC_SIGNATURE, "doc-key", null);
        assertThat(answer.code()).isZero();
        assertThat(answer.data().path("leverage").asInt()).isEqualTo(6);
    }

    @Test
    void acceptsUpperCaseHex() {
        SimHttp.Answer answer = http.send(
                "POST",
                LEVERAGE_PATH + "?" + DOC_PARAMS + "&signature=" + DOC_SIGNATURE.toUpperCase(Locale.ROOT),
                "doc-key",
                null);
        assertThat(answer.code()).isZero();
    }

    @Test
    void refusesATamperedRequest() {
        String tampered = DOC_PARAMS.replace("leverage=6", "leverage=7");
        SimHttp.Answer answer =
                http.send("POST", LEVERAGE_PATH + "?" + tampered + "&signature=" + DOC_SIGNATURE, "doc-key", null);
        assertThat(answer.code()).isEqualTo(100001);
        assertThat(http.signed(
                                "GET",
                                LEVERAGE_PATH,
                                SimHttp.params("symbol", "BTC-USDT", "timestamp", "1667872120843"),
                                "doc-key",
                                DOC_SECRET)
                        .data()
                        .path("longLeverage")
                        .asInt())
                .isEqualTo(5);
    }

    @Test
    void refusesMissingSignatureAndUnknownApiKey() {
        assertThat(http.send("POST", LEVERAGE_PATH + "?" + DOC_PARAMS, "doc-key", null)
                        .code())
                .isEqualTo(100412);
        assertThat(http.send(
                                "POST",
                                LEVERAGE_PATH + "?" + DOC_PARAMS + "&signature=" + DOC_SIGNATURE,
                                "someone-else",
                                null)
                        .code())
                .isEqualTo(100413);
        assertThat(http.send("POST", LEVERAGE_PATH + "?" + DOC_PARAMS + "&signature=" + DOC_SIGNATURE, null, null)
                        .code())
                .isEqualTo(100413);
    }

    @Test
    void refusesTimestampOutsideRecvWindow() {
        http.admin("DELETE", "/sim/faults", null);
        long now = System.currentTimeMillis();
        assertThat(http.signed(
                                "GET",
                                "/openApi/swap/v2/user/balance",
                                SimHttp.params("timestamp", String.valueOf(now - 6_000)),
                                "doc-key",
                                DOC_SECRET)
                        .code())
                .isEqualTo(100421);
        assertThat(http.signed(
                                "GET",
                                "/openApi/swap/v2/user/balance",
                                SimHttp.params("timestamp", String.valueOf(now - 6_000), "recvWindow", "10000"),
                                "doc-key",
                                DOC_SECRET)
                        .code())
                .isZero();
        assertThat(http.signed(
                                "GET",
                                "/openApi/swap/v2/user/balance",
                                SimHttp.params("timestamp", String.valueOf(now + 5_000)),
                                "doc-key",
                                DOC_SECRET)
                        .code())
                .isEqualTo(100421);
    }

    @Test
    void verifiesSignaturesOverTheRawFormOfUrlEncodedJsonParameters() {
        http.admin("DELETE", "/sim/faults", null);
        SimHttp.Answer answer = http.signed(
                "POST",
                "/openApi/swap/v2/trade/order",
                SimHttp.params(
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
                        "stopLoss",
                        "{\"type\":\"STOP_MARKET\",\"stopPrice\":1900}"),
                "doc-key",
                DOC_SECRET);
        assertThat(answer.code()).isZero();
    }

    @Test
    void acceptsSignedFormBodyOnPost() {
        http.admin("DELETE", "/sim/faults", null);
        String body = "symbol=ETH-USDT&side=SHORT&leverage=9&timestamp=" + System.currentTimeMillis();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(sim.baseUrl() + LEVERAGE_PATH))
                .header("X-BX-APIKEY", "doc-key")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        body + "&signature=" + SimHttp.hmac(DOC_SECRET, body)))
                .build();
        String response = java.net.http.HttpClient.newHttpClient()
                .sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofString())
                .join()
                .body();
        assertThat(response).contains("\"code\":0").contains("\"leverage\":9");
    }
}
