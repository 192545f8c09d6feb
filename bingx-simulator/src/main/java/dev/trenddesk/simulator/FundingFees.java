package dev.trenddesk.simulator;

import static dev.trenddesk.simulator.Books.MONEY_SCALE;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Funding on the books: the premium index (mark, index, last rate, next funding time) and, at each
 * funding time, the fee every position of the symbol pays or receives. The rate itself is
 * {@link Funding}'s. Called under the exchange's lock only (see {@link Books}).
 */
final class FundingFees {

    private final Books books;

    FundingFees(Books books) {
        this.books = books;
    }

    /** {@code GET /openApi/swap/v2/quote/premiumIndex}: one symbol's mark price and funding, or every symbol's. */
    Object premiumIndex(Optional<String> symbol) {
        if (symbol.isPresent()) {
            return premiumIndex(books.replay(symbol.get()));
        }
        return books.market.replays().stream().map(this::premiumIndex).toList();
    }

    private Map<String, Object> premiumIndex(SymbolReplay replay) {
        BigDecimal mark = replay.price();
        List<BigDecimal> closes = fundingCloses(replay, replay.liveIndex() - 1, mark);
        BigDecimal premium = Funding.premium(closes);
        BigDecimal index =
                replay.contract().roundPrice(mark.divide(BigDecimal.ONE.add(premium), MathContext.DECIMAL64));
        long now = books.market.time();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("symbol", replay.symbol());
        view.put("markPrice", Views.decimal(mark));
        view.put("indexPrice", Views.decimal(index));
        view.put("lastFundingRate", Views.decimal(Funding.rate(closes)));
        view.put("nextFundingTime", Funding.nextFundingTime(now));
        view.put("time", now);
        return view;
    }

    /** The closes of the {@link Funding#WINDOW} candles up to {@code lastClosed} followed by {@code last}. */
    private static List<BigDecimal> fundingCloses(SymbolReplay replay, long lastClosed, BigDecimal last) {
        List<BigDecimal> closes = new ArrayList<>();
        for (long index = Math.max(0, lastClosed - Funding.WINDOW + 2); index <= lastClosed; index++) {
            closes.add(replay.candle(index).close());
        }
        closes.add(last);
        return closes;
    }

    /**
     * A funding time: every position of the symbol pays (long, positive rate) or receives notional at the
     * mark price × rate, booked as FUNDING_FEE income, taken from (or added to) the wallet and announced by
     * an ACCOUNT_UPDATE with reason FUNDING_FEE.
     */
    void charge(SymbolReplay replay) {
        BigDecimal mark = replay.price();
        BigDecimal rate = Funding.rate(fundingCloses(replay, replay.liveIndex() - 1, mark));
        long now = books.now();
        for (Account account : books.accounts.values()) {
            for (Position position : List.copyOf(account.positions.values())) {
                if (!position.symbol.equals(replay.symbol()) || position.quantity.signum() == 0) {
                    continue;
                }
                BigDecimal amount =
                        position.quantity.multiply(mark).multiply(rate).setScale(MONEY_SCALE, RoundingMode.HALF_UP);
                BigDecimal income = position.isLong ? amount.negate() : amount;
                account.balance = account.balance.add(income);
                account.realisedProfit = account.realisedProfit.add(income);
                position.realisedProfit = position.realisedProfit.add(income);
                account.incomes.add(new Income(
                        books.newTranId(),
                        position.symbol,
                        "FUNDING_FEE",
                        income,
                        "Funding fee " + rate.toPlainString(),
                        now,
                        0));
                books.publishAccount(account, position, "FUNDING_FEE", income);
            }
        }
    }
}
