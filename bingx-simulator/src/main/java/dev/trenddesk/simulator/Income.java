package dev.trenddesk.simulator;

import java.math.BigDecimal;

/** One line of the income history: REALIZED_PNL or TRADING_FEE. */
record Income(long tranId, String symbol, String incomeType, BigDecimal income, String info, long time, long tradeId) {

    SavedState.IncomeState saved() {
        return new SavedState.IncomeState(tranId, symbol, incomeType, income, info, time, tradeId);
    }

    static Income restore(SavedState.IncomeState saved) {
        return new Income(
                saved.tranId(),
                saved.symbol(),
                saved.incomeType(),
                saved.income(),
                saved.info(),
                saved.time(),
                saved.tradeId());
    }
}
