package dev.trenddesk.simulator;

import java.math.BigDecimal;

/**
 * A validated order request: quantities and prices already truncated to the contract's precision,
 * positionSide resolved for the account's mode, clientOrderId lower-cased (empty when absent).
 */
record OrderRequest(
        String symbol,
        String side,
        String positionSide,
        String type,
        BigDecimal quantity,
        BigDecimal price,
        BigDecimal stopPrice,
        String clientOrderId,
        boolean reduceOnly,
        String workingType,
        String timeInForce,
        Order.Attached stopLoss,
        Order.Attached takeProfit) {}
