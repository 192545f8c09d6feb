package dev.trenddesk.bingx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.bingx.model.OrderRequest;
import dev.trenddesk.bingx.model.OrderSide;
import dev.trenddesk.bingx.model.PositionSide;
import dev.trenddesk.bingx.model.TriggerOrder;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestSignerTest {

    private static final String DOC_SECRET =
            "mheO6dR8ovSsxZQCOYEFCtelpuxcWGTfHw7te326y6jOwq5WpvFQ9JNljoTwBXZGv5It07m9RXSPpDQEK2w";

    @Test
    void signsTheOfficialTestVector() {
        RequestSigner signer = new RequestSigner(DOC_SECRET, false);

        String signature = signer.sign("symbol=BTC-USDT&timestamp=1667872120843&side=LONG&leverage=6");

        assertThat(signature).isEqualTo("4f581ecdb1fa09b9d6e57886b6f70cffed17f82b93399722939e49a38edec2bf");
    }

    @Test
    void sendsParamsSortedThenRecvWindowThenTimestampThenSignature() {
        RequestSigner signer = new RequestSigner(DOC_SECRET, false);

        String query =
                signer.signedQuery(Map.of("symbol", "BTC-USDT", "side", "LONG", "leverage", "6"), 5000, 1667872120843L);

        String signed = "leverage=6&side=LONG&symbol=BTC-USDT&recvWindow=5000&timestamp=1667872120843";
        assertThat(query).isEqualTo(signed + "&signature=" + signer.sign(signed));
    }

    @Test
    void encodesJsonValuesOnTheWireButSignsThemRawByDefault() {
        RequestSigner signer = new RequestSigner(DOC_SECRET, false);
        String json = TriggerOrder.stopLoss(new BigDecimal("1650.5")).toJson();

        String query = signer.signedQuery(Map.of("stopLoss", json), 0, 1L);

        String encoded = RequestSigner.encode(json);
        assertThat(encoded).doesNotContain("{", "\"", ":");
        assertThat(query)
                .isEqualTo("stopLoss=" + encoded + "&timestamp=1&signature="
                        + signer.sign("stopLoss=" + json + "&timestamp=1"));
    }

    @Test
    void signsTheEncodedFormWhenSwitchedOn() {
        RequestSigner signer = new RequestSigner(DOC_SECRET, true);
        String json = TriggerOrder.takeProfit(new BigDecimal("1700")).toJson();

        String query = signer.signedQuery(Map.of("takeProfit", json), 0, 1L);

        String wire = "takeProfit=" + RequestSigner.encode(json) + "&timestamp=1";
        assertThat(query).isEqualTo(wire + "&signature=" + signer.sign(wire));
    }

    @Test
    void writesStopLossAsBingxJsonWithANumericPrice() {
        assertThat(TriggerOrder.stopLoss(new BigDecimal("1650.50")).toJson())
                .isEqualTo("{\"type\":\"STOP_MARKET\",\"stopPrice\":1650.50,\"workingType\":\"MARK_PRICE\"}");
    }

    @Test
    void turnsAnOrderIntoBingxParams() {
        OrderRequest order = OrderRequest.market("ETH-USDT", OrderSide.BUY, PositionSide.LONG, new BigDecimal("0.100"))
                .withStopLoss(TriggerOrder.stopLoss(new BigDecimal("1500")))
                .withClientOrderId("td-1");

        Map<String, String> params = BingxClient.orderParams(order);

        assertThat(params)
                .containsEntry("symbol", "ETH-USDT")
                .containsEntry("side", "BUY")
                .containsEntry("positionSide", "LONG")
                .containsEntry("type", "MARKET")
                .containsEntry("quantity", "0.1")
                .containsEntry("clientOrderId", "td-1")
                .containsEntry(
                        "stopLoss", "{\"type\":\"STOP_MARKET\",\"stopPrice\":1500,\"workingType\":\"MARK_PRICE\"}")
                .doesNotContainKeys("price", "takeProfit", "reduceOnly");
    }
}
