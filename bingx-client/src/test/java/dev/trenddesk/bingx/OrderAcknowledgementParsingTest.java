package dev.trenddesk.bingx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.bingx.model.Order;
import dev.trenddesk.bingx.model.OrderSide;
import dev.trenddesk.bingx.model.OrderStatus;
import dev.trenddesk.bingx.model.PositionSide;
import org.junit.jupiter.api.Test;

/**
 * BingX answers a placed order with an acknowledgement, not a fill: on VST it echoes the request with
 * numbers as numbers, {@code price} 0 for a MARKET order, no status, no avgPrice / executedQty, an empty
 * stopLoss, and the client id spelled {@code clientOrderID}. It must parse, as "placed, fill unknown".
 */
class OrderAcknowledgementParsingTest {

    private static final String VST_ACKNOWLEDGEMENT = """
            {"order":{"symbol":"ETH-USDT","orderId":1866123456789012480,"side":"BUY","positionSide":"LONG",
             "type":"MARKET","clientOrderID":"td0123abc","workingType":"MARK_PRICE","price":0,"quantity":0.5,
             "stopPrice":0,"timeInForce":"","reduceOnly":false,"stopLoss":"","takeProfit":"","activationPrice":0,
             "closePosition":"","stopGuaranteed":"","priceRate":0}}""";

    @Test
    void anAcknowledgementWithoutStatusOrFillParses() {
        Order order = BingxJson.order(BingxJson.readTree(VST_ACKNOWLEDGEMENT));

        assertThat(order.orderId()).isEqualTo(1866123456789012480L);
        assertThat(order.symbol()).isEqualTo("ETH-USDT");
        assertThat(order.side()).isEqualTo(OrderSide.BUY);
        assertThat(order.positionSide()).isEqualTo(PositionSide.LONG);
        assertThat(order.type()).isEqualTo("MARKET");
        assertThat(order.clientOrderId())
                .as("BingX spells it clientOrderID in this answer")
                .isEqualTo("td0123abc");
        assertThat(order.status()).isEqualTo(OrderStatus.UNKNOWN);
        assertThat(order.status().isFinal()).isFalse();
        assertThat(order.executedQty()).isNull();
        assertThat(order.avgPrice()).isNull();
        assertThat(order.price()).isZero();
    }

    @Test
    void clientOrderIdWinsOverAnEmptyClientOrderID() {
        Order both = BingxJson.order(BingxJson.readTree(
                "{\"order\":{\"orderId\":\"7\",\"clientOrderId\":\"td-1\",\"clientOrderID\":\"\"}}"));
        assertThat(both.clientOrderId()).isEqualTo("td-1");
        Order upperOnly = BingxJson.order(BingxJson.readTree(
                "{\"order\":{\"orderId\":\"7\",\"clientOrderId\":\"\",\"clientOrderID\":\"td-2\"}}"));
        assertThat(upperOnly.clientOrderId()).isEqualTo("td-2");
    }
}
