package dev.trenddesk.command.fees;

import static org.hamcrest.Matchers.containsString;

import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.UserId;
import dev.trenddesk.api.fees.FeeCommands;
import dev.trenddesk.api.fees.FeeCommands.SetFeeTerms;
import dev.trenddesk.api.fees.FeeCommands.SettleFeePeriod;
import dev.trenddesk.api.fees.FeeEvent.FeePeriodSettled;
import dev.trenddesk.api.fees.FeeEvent.FeeTermsSet;
import dev.trenddesk.api.fees.SettlementPeriod;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeeAccountTest {

    private static final UserId USER = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000f1"));
    private static final String ID = FeeCommands.accountId(USER);
    private static final Instant JAN = Instant.parse("2027-01-01T00:00:00Z");
    private static final Instant FEB = Instant.parse("2027-02-01T00:00:00Z");
    private static final Instant MAR = Instant.parse("2027-03-01T00:00:00Z");
    private static final Instant APR = Instant.parse("2027-04-01T00:00:00Z");
    private static final Instant T = Instant.parse("2027-01-15T10:00:00Z");
    private static final BigDecimal RATE = new BigDecimal("0.20");

    private AggregateTestFixture<FeeAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FeeAccount.class);
    }

    private static FeeTermsSet terms(BigDecimal rate) {
        return new FeeTermsSet(ID, USER, BigDecimal.ZERO, rate, SettlementPeriod.MONTHLY, "agreed", T);
    }

    private static SettleFeePeriod settle(Instant start, Instant end, long from, long through, String profit) {
        return new SettleFeePeriod(
                ID, USER, start, end, from, through, new BigDecimal(profit), new BigDecimal("10000"), null, end);
    }

    private static FeePeriodSettled settled(
            String label,
            Instant start,
            Instant end,
            String before,
            String after,
            String profit,
            String cumulative,
            BigDecimal rate,
            String fee,
            int trades,
            long through) {
        return new FeePeriodSettled(
                ID,
                USER,
                label,
                start,
                end,
                new BigDecimal("10000"),
                null,
                new BigDecimal(before),
                new BigDecimal(after),
                new BigDecimal(profit),
                new BigDecimal(cumulative),
                rate,
                new BigDecimal(fee),
                trades,
                through,
                end);
    }

    @Test
    void anAdminSetsTheTermsWithAReasonAndTheRateBefore() {
        fixture.givenNoPriorActivity()
                .when(new SetFeeTerms(ID, USER, RATE, null, "  agreed  ", T))
                .expectEvents(terms(RATE));
        fixture.given(terms(RATE))
                .when(new SetFeeTerms(ID, USER, new BigDecimal("0.1"), SettlementPeriod.MONTHLY, "lowered", T))
                .expectEvents(
                        new FeeTermsSet(ID, USER, RATE, new BigDecimal("0.1"), SettlementPeriod.MONTHLY, "lowered", T));
    }

    @Test
    void termsOutsideTheRulesNameTheField() {
        fixture.givenNoPriorActivity()
                .when(new SetFeeTerms(ID, USER, BigDecimal.ONE, null, "too much", T))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("less than 1"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new SetFeeTerms(ID, USER, new BigDecimal("-0.1"), null, "negative", T))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("at least 0"));
        fixture.givenNoPriorActivity()
                .when(new SetFeeTerms(ID, USER, RATE, null, "  ", T))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("required"));
        fixture.givenNoPriorActivity()
                .when(new SetFeeTerms(ID, USER, RATE, null, "bad\u202Ereason", T))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("plain text"));
    }

    @Test
    void aPeriodIsSettledAgainstTheMarkWithEveryFigure() {
        fixture.given(terms(RATE))
                .when(settle(JAN, FEB, 0, 3, "1000.5"))
                .expectEvents(
                        settled("2027-01", JAN, FEB, "0", "1000.5", "1000.5", "1000.5", RATE, "200.10000000", 3, 3));
    }

    @Test
    void lossesAreRecoveredBeforeAnyFeeAndOnlyNewGainsAreCharged() {
        fixture.given(
                        terms(RATE),
                        settled("2027-01", JAN, FEB, "0", "1000", "1000", "1000", RATE, "200.00000000", 2, 2),
                        settled("2027-02", FEB, MAR, "1000", "1000", "-400", "600", RATE, "0E-8", 1, 3))
                .when(settle(MAR, APR, 3, 5, "700"))
                .expectEvents(settled("2027-03", MAR, APR, "1000", "1300", "700", "1300", RATE, "60.00000000", 2, 5));
    }

    @Test
    void aLossMakesNoFeeAndKeepsTheMark() {
        fixture.given(
                        terms(RATE),
                        settled("2027-01", JAN, FEB, "0", "1000", "1000", "1000", RATE, "200.00000000", 2, 2))
                .when(settle(FEB, MAR, 2, 3, "-400"))
                .expectEvents(settled("2027-02", FEB, MAR, "1000", "1000", "-400", "600", RATE, "0E-8", 1, 3));
    }

    @Test
    void aPeriodAlreadySettledRecordsNothing() {
        fixture.given(
                        terms(RATE),
                        settled("2027-01", JAN, FEB, "0", "1000", "1000", "1000", RATE, "200.00000000", 2, 2))
                .when(settle(JAN, FEB, 0, 2, "1000"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void withoutTermsTheRateIsZeroAndTheMarkStillRises() {
        fixture.givenNoPriorActivity()
                .when(settle(JAN, FEB, 0, 1, "50"))
                .expectEvents(settled("2027-01", JAN, FEB, "0", "50", "50", "50", BigDecimal.ZERO, "0E-8", 1, 1));
    }

    @Test
    void periodsSettleInOrderCountingTheNextTrades() {
        fixture.given(settled("2027-01", JAN, FEB, "0", "50", "50", "50", BigDecimal.ZERO, "0E-8", 1, 1))
                .when(settle(MAR, APR, 1, 2, "10"))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
        fixture.given(settled("2027-01", JAN, FEB, "0", "50", "50", "50", BigDecimal.ZERO, "0E-8", 1, 1))
                .when(settle(FEB, MAR, 0, 2, "10"))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(settle(Instant.parse("2027-01-02T00:00:00Z"), FEB, 0, 2, "10"))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }
}
