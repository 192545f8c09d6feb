package dev.trenddesk.simulator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The on-disk form of a simulator's state ({@code state.json}), version {@link #FORMAT_VERSION}.
 * Explicit records, not the internal classes, so that refactoring the engine does not silently change
 * the file; a change of shape bumps the version.
 *
 * @param formatVersion  {@link #FORMAT_VERSION}
 * @param savedAt        wall clock of the write (epoch ms), for humans
 * @param market         the clock position and each symbol's replay
 * @param nextOrderId    next order id to hand out (ids never repeat across restarts)
 * @param nextPositionId next position id
 * @param nextTranId     next income tranId
 * @param accounts       every account with its books
 * @param listenKeys     the user-data-stream keys and their wall-clock expiry
 */
record SavedState(
        int formatVersion,
        long savedAt,
        MarketState market,
        long nextOrderId,
        long nextPositionId,
        long nextTranId,
        List<AccountState> accounts,
        List<ListenKeyState> listenKeys) {

    static final int FORMAT_VERSION = 1;

    /** @param marketTime market time reached (epoch ms); the restarted clock continues from it */
    record MarketState(String clockMode, long marketTime, List<ReplayState> replays) {}

    /**
     * One symbol's replay: candle {@code i} opens at {@code baseTime + i × 5 min}; the live candle is
     * {@code liveIndex}, walked up to {@code processedTime}, with its price, extremes and volume so far.
     * {@code recordedCandles} is the length of the recording the series was built from (a check).
     */
    record ReplayState(
            String symbol,
            int recordedCandles,
            long baseTime,
            long liveIndex,
            long processedTime,
            BigDecimal price,
            BigDecimal high,
            BigDecimal low,
            BigDecimal volume) {}

    /**
     * @param ipWhitelist the key's IP whitelist; absent from files written before it existed (read as empty)
     * @param fills       the account's executions; absent from files written before fills were kept (read as none)
     * @param placeAnswer the account's own place-order answer, or null for the configured one (and in older files)
     */
    record AccountState(
            String apiKey,
            String secretKey,
            List<String> permissions,
            List<String> ipWhitelist,
            int defaultLeverage,
            BigDecimal balance,
            BigDecimal realisedProfit,
            boolean hedgeMode,
            long cancelAllAt,
            Map<String, Integer> leverages,
            Map<String, String> marginTypes,
            List<PositionState> positions,
            List<OrderState> orders,
            List<IncomeState> incomes,
            List<FillState> fills,
            String placeAnswer) {}

    record PositionState(
            long positionId,
            String symbol,
            String positionSide,
            boolean isLong,
            BigDecimal quantity,
            BigDecimal avgPrice,
            BigDecimal realisedProfit) {}

    record AttachedState(String type, BigDecimal stopPrice) {}

    /**
     * @param triggerRising for TRIGGER_MARKET / TRIGGER_LIMIT: true when it fires on the price rising to
     *                      stopPrice (it was below when placed), false on falling; null for other types
     *                      and in files written before trigger orders existed
     * @param triggered     a TRIGGER_LIMIT whose stopPrice was reached (now a resting limit); absent
     *                      from older files (read as false)
     * @param fillAt        when a pending (acknowledged, not yet filled) order fills; 0 otherwise, and in
     *                      older files
     */
    record OrderState(
            long orderId,
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
            AttachedState stopLoss,
            AttachedState takeProfit,
            long time,
            int leverage,
            String status,
            long updateTime,
            BigDecimal executedQty,
            BigDecimal avgPrice,
            BigDecimal profit,
            BigDecimal commission,
            Boolean triggerRising,
            boolean triggered,
            long fillAt) {}

    record IncomeState(
            long tranId, String symbol, String incomeType, BigDecimal income, String info, long time, long tradeId) {}

    record FillState(
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
            long time) {}

    record ListenKeyState(String listenKey, String apiKey, long expiresAt) {}
}
