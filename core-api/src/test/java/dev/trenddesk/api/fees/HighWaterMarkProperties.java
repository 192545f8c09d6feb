package dev.trenddesk.api.fees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the high-water mark over random sequences of period profits and losses and rate changes: the fee
 * is never negative, never charged on recovered losses, sums to {@code rate × (final HWM − initial HWM)} at a
 * constant rate, is exact, and a settlement repeated at the same profit charges nothing.
 */
class HighWaterMarkProperties {

    /** One step of an account's life: a period's net profit (may be negative), settled at the rate then in force. */
    record Step(BigDecimal periodProfit, BigDecimal rate) {}

    @Provide
    Arbitrary<BigDecimal> profits() {
        // USDT with 4 decimals, losses as likely as gains, now and then large
        return Arbitraries.bigDecimals()
                .between(new BigDecimal("-25000"), new BigDecimal("25000"))
                .ofScale(4);
    }

    @Provide
    Arbitrary<BigDecimal> rates() {
        return Arbitraries.bigDecimals()
                .between(BigDecimal.ZERO, new BigDecimal("0.9999"))
                .ofScale(4);
    }

    @Provide
    Arbitrary<List<Step>> lives() {
        return Combinators.combine(profits(), rates())
                .as(Step::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<BigDecimal>> periodProfits() {
        return profits().list().ofMinSize(1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<BigDecimal> marks() {
        return Arbitraries.bigDecimals()
                .between(BigDecimal.ZERO, new BigDecimal("50000"))
                .ofScale(4);
    }

    /** The settlements of a life, from a starting mark; cumulative profit starts at 0. */
    static List<HighWaterMark.Settlement> settle(BigDecimal initialMark, List<Step> steps) {
        List<HighWaterMark.Settlement> out = new ArrayList<>();
        BigDecimal mark = initialMark;
        BigDecimal cumulative = BigDecimal.ZERO;
        for (Step step : steps) {
            cumulative = cumulative.add(step.periodProfit());
            HighWaterMark.Settlement s = HighWaterMark.settle(mark, cumulative, step.rate());
            out.add(s);
            mark = s.highWaterMarkAfter();
        }
        return out;
    }

    @Property
    void feeIsNeverNegativeAndTheMarkNeverFalls(
            @ForAll("marks") BigDecimal initialMark, @ForAll("lives") List<Step> steps) {
        BigDecimal previous = initialMark;
        for (HighWaterMark.Settlement s : settle(initialMark, steps)) {
            assertThat(s.fee()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
            assertThat(s.fee().scale()).isEqualTo(HighWaterMark.FEE_SCALE);
            assertThat(s.highWaterMarkAfter()).isGreaterThanOrEqualTo(previous);
            assertThat(s.highWaterMarkBefore()).isEqualTo(previous);
            previous = s.highWaterMarkAfter();
        }
    }

    @Property
    void onlyNewHighsAreCharged(@ForAll("marks") BigDecimal initialMark, @ForAll("lives") List<Step> steps) {
        // the highest cumulative profit any earlier settlement saw (or the initial mark): a gain up to it only
        // recovers a loss, and is never charged
        BigDecimal best = initialMark;
        BigDecimal cumulative = BigDecimal.ZERO;
        List<HighWaterMark.Settlement> settlements = settle(initialMark, steps);
        for (int i = 0; i < steps.size(); i++) {
            cumulative = cumulative.add(steps.get(i).periodProfit());
            HighWaterMark.Settlement s = settlements.get(i);
            BigDecimal newGain = cumulative.subtract(best).max(BigDecimal.ZERO);
            assertThat(s.fee())
                    .isEqualByComparingTo(steps.get(i)
                            .rate()
                            .multiply(newGain)
                            .setScale(HighWaterMark.FEE_SCALE, HighWaterMark.ROUNDING));
            if (cumulative.compareTo(best) <= 0) {
                assertThat(s.fee()).as("a recovery below the mark").isEqualByComparingTo(BigDecimal.ZERO);
            }
            best = best.max(cumulative);
            assertThat(s.highWaterMarkAfter()).isEqualByComparingTo(best);
        }
    }

    @Property
    void atAConstantRateTheFeesSumToTheRateTimesTheMarksRise(
            @ForAll("marks") BigDecimal initialMark,
            @ForAll("rates") BigDecimal rate,
            @ForAll("periodProfits") List<BigDecimal> periodProfits) {
        List<Step> steps = periodProfits.stream().map(p -> new Step(p, rate)).toList();
        List<HighWaterMark.Settlement> settlements = settle(initialMark, steps);
        BigDecimal fees =
                settlements.stream().map(HighWaterMark.Settlement::fee).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal finalMark = settlements.getLast().highWaterMarkAfter();
        // profits of 4 decimals times a rate of 4 decimals have at most 8: no fee is rounded, the sum is exact
        assertThat(fees).isEqualByComparingTo(rate.multiply(finalMark.subtract(initialMark)));
    }

    @Property
    void settlingAgainAtTheSameProfitChargesNothing(
            @ForAll("marks") BigDecimal mark,
            @ForAll("profits") BigDecimal cumulative,
            @ForAll("rates") BigDecimal rate) {
        HighWaterMark.Settlement first = HighWaterMark.settle(mark, cumulative, rate);
        HighWaterMark.Settlement again = HighWaterMark.settle(first.highWaterMarkAfter(), cumulative, rate);
        assertThat(again.fee()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(again.highWaterMarkAfter()).isEqualTo(first.highWaterMarkAfter());
        assertThat(HighWaterMark.accrued(first.highWaterMarkAfter(), cumulative, rate))
                .isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Property
    void theAccruedFeeIsWhatASettlementNowCharges(
            @ForAll("marks") BigDecimal mark,
            @ForAll("profits") BigDecimal cumulative,
            @ForAll("rates") BigDecimal rate) {
        assertThat(HighWaterMark.accrued(mark, cumulative, rate))
                .isEqualTo(HighWaterMark.settle(mark, cumulative, rate).fee());
    }

    @Example
    void exactDecimalsWhereADoubleDrifts() {
        // ten periods of 0.1 profit: as doubles the sum is 0.9999999999999999, here exactly 1
        BigDecimal cumulative = BigDecimal.ZERO;
        for (int i = 0; i < 10; i++) {
            cumulative = cumulative.add(new BigDecimal("0.1"));
        }
        assertThat(cumulative).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(HighWaterMark.settle(BigDecimal.ZERO, cumulative, new BigDecimal("0.2"))
                        .fee())
                .isEqualTo(new BigDecimal("0.20000000"));
        // the fee alone is rounded: 0.3333 × 0.00000001 rounds half up at the 8th decimal
        assertThat(HighWaterMark.settle(BigDecimal.ZERO, new BigDecimal("0.00000005"), new BigDecimal("0.1"))
                        .fee())
                .isEqualTo(new BigDecimal("0.00000001"));
    }

    @Example
    void theWorkedExampleOfTheDocs() {
        BigDecimal rate = new BigDecimal("0.20");
        // January +1000: fee 200, mark 1000
        HighWaterMark.Settlement jan = HighWaterMark.settle(BigDecimal.ZERO, new BigDecimal("1000"), rate);
        assertThat(jan.fee()).isEqualByComparingTo("200");
        // February −400 (C 600): nothing, mark stays 1000
        HighWaterMark.Settlement feb = HighWaterMark.settle(jan.highWaterMarkAfter(), new BigDecimal("600"), rate);
        assertThat(feb.fee()).isEqualByComparingTo("0");
        assertThat(feb.highWaterMarkAfter()).isEqualByComparingTo("1000");
        // March +700 (C 1300): only the 300 above the mark is charged
        HighWaterMark.Settlement mar = HighWaterMark.settle(feb.highWaterMarkAfter(), new BigDecimal("1300"), rate);
        assertThat(mar.fee()).isEqualByComparingTo("60");
        assertThat(mar.highWaterMarkAfter()).isEqualByComparingTo("1300");
    }

    @Example
    void ratesOutsideTheTermsAreRefused() {
        assertThatThrownBy(() -> HighWaterMark.requireRate(new BigDecimal("1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HighWaterMark.requireRate(new BigDecimal("-0.01")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HighWaterMark.requireRate(new BigDecimal("0.12345")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HighWaterMark.requireRate(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(HighWaterMark.requireRate(new BigDecimal("0.2000"))).isEqualByComparingTo("0.2");
        assertThat(HighWaterMark.requireRate(BigDecimal.ZERO)).isEqualByComparingTo("0");
    }
}
