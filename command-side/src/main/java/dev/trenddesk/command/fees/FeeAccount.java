package dev.trenddesk.command.fees;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.fees.FeeCommands.SetFeeTerms;
import dev.trenddesk.api.fees.FeeCommands.SettleFeePeriod;
import dev.trenddesk.api.fees.FeeEvent.FeePeriodSettled;
import dev.trenddesk.api.fees.FeeEvent.FeeTermsSet;
import dev.trenddesk.api.fees.HighWaterMark;
import dev.trenddesk.api.fees.SettlementPeriod;
import dev.trenddesk.command.AggregateView;
import dev.trenddesk.command.platform.PlatformHalt;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A trader's performance fee account (docs/fees.md, ADR 0029): the terms an admin set, the high-water mark, the
 * cumulative net profit counted so far and the periods settled. Created by the first of its commands. Settling a
 * period is idempotent (a period already settled records nothing) and periods settle in order, each counting the
 * fee ledger's trades after the previous one's: with the event store's unique (aggregate, sequence) key, two nodes
 * settling the same period at once record it once (the loser of the append is retried and finds it settled).
 */
@Aggregate
public class FeeAccount implements AggregateView {

    /** The longest reason kept. */
    public static final int MAX_REASON = PlatformHalt.MAX_REASON;

    @AggregateIdentifier
    private String id;

    private UserId userId;
    private BigDecimal rate = BigDecimal.ZERO;
    private SettlementPeriod period = SettlementPeriod.MONTHLY;
    private BigDecimal highWaterMark = BigDecimal.ZERO;
    private BigDecimal cumulativeProfit = BigDecimal.ZERO;
    private Instant settledThrough;
    private long throughTrade;
    private BigDecimal totalFees = BigDecimal.ZERO;

    /** What time travel shows. */
    public record View(
            BigDecimal rate,
            SettlementPeriod period,
            BigDecimal highWaterMark,
            BigDecimal cumulativeProfit,
            Instant settledThrough,
            long throughTrade,
            BigDecimal totalFees) {}

    protected FeeAccount() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetFeeTerms command) {
        BigDecimal newRate;
        try {
            newRate = HighWaterMark.requireRate(command.rate());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("rate", e.getMessage());
        }
        String why = command.reason() == null ? "" : command.reason().strip();
        if (why.isEmpty()) {
            throw new InvalidInputException("reason", "is required: say why the terms change");
        }
        PlatformHalt.requirePlainText(why);
        SettlementPeriod newPeriod = command.period() == null ? SettlementPeriod.MONTHLY : command.period();
        apply(new FeeTermsSet(command.accountId(), command.userId(), rate, newRate, newPeriod, why, command.at()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SettleFeePeriod command) {
        if (settledThrough != null && !command.periodEnd().isAfter(settledThrough)) {
            return; // settled already: a repeat (another node, a restart) changes nothing
        }
        if (!period.start(command.periodStart()).equals(command.periodStart())
                || !period.end(command.periodStart()).equals(command.periodEnd())) {
            throw new IllegalArgumentException(
                    "not a " + period + " period: " + command.periodStart() + " – " + command.periodEnd());
        }
        if (settledThrough != null && !command.periodStart().equals(settledThrough)) {
            throw new IllegalStateException(
                    "periods settle in order: the next starts at " + settledThrough + ", not " + command.periodStart());
        }
        if (command.fromTrade() != throughTrade || command.throughTrade() < command.fromTrade()) {
            throw new IllegalStateException("the settlement must count the ledger's trades after " + throughTrade
                    + ", not " + command.fromTrade() + " … " + command.throughTrade());
        }
        BigDecimal cumulative = cumulativeProfit.add(command.periodNetProfit());
        HighWaterMark.Settlement settlement = HighWaterMark.settle(highWaterMark, cumulative, rate);
        apply(new FeePeriodSettled(
                command.accountId(),
                command.userId(),
                period.label(command.periodStart()),
                command.periodStart(),
                command.periodEnd(),
                command.startEquity(),
                command.endEquity(),
                settlement.highWaterMarkBefore(),
                settlement.highWaterMarkAfter(),
                command.periodNetProfit(),
                cumulative,
                rate,
                settlement.fee(),
                Math.toIntExact(command.throughTrade() - command.fromTrade()),
                command.throughTrade(),
                command.at()));
    }

    @EventSourcingHandler
    void on(FeeTermsSet event) {
        id = event.accountId();
        userId = event.userId();
        rate = event.rate();
        period = event.period();
    }

    @EventSourcingHandler
    void on(FeePeriodSettled event) {
        id = event.accountId();
        userId = event.userId();
        highWaterMark = event.highWaterMarkAfter();
        cumulativeProfit = event.cumulativeProfit();
        settledThrough = event.periodEnd();
        throughTrade = event.throughTrade();
        totalFees = totalFees.add(event.fee());
    }

    @Override
    public Object view() {
        return new View(rate, period, highWaterMark, cumulativeProfit, settledThrough, throughTrade, totalFees);
    }
}
