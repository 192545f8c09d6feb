package dev.trenddesk.strategy.fees;

import dev.trenddesk.api.fees.FeeCommands.SettleFeePeriod;
import dev.trenddesk.api.fees.FeeQueries.FindDueFeeSettlements;
import dev.trenddesk.api.market.MarketClock;
import dev.trenddesk.strategy.SystemMetaData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Settles performance fees (docs/fees.md, ADR 0029; saga role, every node): every {@code
 * trenddesk.fees.settle-interval} it asks the fee ledger which traders' next period has ended in market time (ADR
 * 0027) and sends each its {@link SettleFeePeriod}. Exactly once per period although every node runs this and a
 * round may be repeated after a restart: the trader's FeeAccount aggregate records a period once (a repeat finds
 * it settled and records nothing), and two nodes settling it at the same moment collide on the event store's
 * unique key, the loser being retried against the winner's event. A trader several periods behind is settled one
 * period per round, in order.
 */
@Component
class FeeSettler {

    static final String COMPONENT = "fee-settler";

    private static final Logger log = LoggerFactory.getLogger(FeeSettler.class);

    private final QueryGateway queries;
    private final CommandGateway commands;
    private final MarketClock market;
    private final Duration timeout;

    FeeSettler(
            QueryGateway queries,
            CommandGateway commands,
            MarketClock market,
            @Value("${trenddesk.fees.timeout:10s}") Duration timeout) {
        this.queries = queries;
        this.commands = commands;
        this.market = market;
        this.timeout = timeout;
    }

    /** The scheduler's entry point; never throws (a failed round is done again at the next). */
    @Scheduled(
            fixedDelayString = "${trenddesk.fees.settle-interval:1m}",
            initialDelayString = "${trenddesk.fees.settle-interval:1m}")
    public void tick() {
        try {
            settle();
        } catch (RuntimeException e) {
            log.warn("Fee settlement round failed: {}", e.toString());
        }
    }

    /** One round: how many settlements were sent and accepted. */
    int settle() {
        List<SettleFeePeriod> due;
        try {
            due = queries.query(
                            new FindDueFeeSettlements(market.instant()),
                            ResponseTypes.multipleInstancesOf(SettleFeePeriod.class))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the due fee settlements could not be read", e);
        }
        int sent = 0;
        for (SettleFeePeriod command : due) {
            try {
                commands.send(GenericCommandMessage.asCommandMessage(command)
                                .andMetaData(SystemMetaData.of(COMPONENT, null)))
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                sent++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return sent;
            } catch (ExecutionException | TimeoutException e) {
                // the read model may lag the account (a period settled a moment ago): the next round reads again
                log.info(
                        "Fee settlement of {} {} not recorded now: {}",
                        command.userId(),
                        command.periodStart(),
                        e.getCause() == null ? e.toString() : e.getCause().toString());
            }
        }
        return sent;
    }
}
