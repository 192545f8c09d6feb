package dev.trenddesk.simulator;

import java.math.BigDecimal;

/**
 * One execution of an order, as {@code GET /openApi/swap/v2/trade/allFillOrders} lists it. The
 * simulator fills every order completely in one execution, so an order has at most one fill.
 *
 * @param tradeId     the fill's own id (from the counter income lines use, so ids never repeat)
 * @param commission  the fee, negative (paid)
 * @param realisedPnl gross realised PnL of what the fill closed (zero for an opening fill)
 * @param maker       true when the fill was a resting limit's (maker fee)
 * @param time        server time of the fill (epoch ms)
 */
record Fill(
        long tradeId,
        long orderId,
        String symbol,
        String side,
        String positionSide,
        String type,
        String clientOrderId,
        String workingType,
        BigDecimal price,
        BigDecimal quantity,
        BigDecimal commission,
        BigDecimal realisedPnl,
        boolean maker,
        long time) {

    SavedState.FillState saved() {
        return new SavedState.FillState(
                tradeId,
                orderId,
                symbol,
                side,
                positionSide,
                type,
                clientOrderId,
                workingType,
                price,
                quantity,
                commission,
                realisedPnl,
                maker,
                time);
    }

    static Fill restore(SavedState.FillState saved) {
        return new Fill(
                saved.tradeId(),
                saved.orderId(),
                saved.symbol(),
                saved.side(),
                saved.positionSide(),
                saved.type(),
                saved.clientOrderId(),
                saved.workingType(),
                saved.price(),
                saved.quantity(),
                saved.commission(),
                saved.realisedPnl(),
                saved.maker(),
                saved.time());
    }
}
