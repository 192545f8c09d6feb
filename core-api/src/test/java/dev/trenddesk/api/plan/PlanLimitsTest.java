package dev.trenddesk.api.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.common.StrategyId;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.notify.NotificationChannel;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanLimitsTest {

    private static final PlanLimits FREE = new PlanLimits(
            List.of("BTC-USDT"),
            1,
            List.of(Timeframe.M5),
            List.of(StrategyId.ADX_TREND),
            false,
            3,
            3,
            List.of(NotificationChannel.EMAIL));

    @Test
    void aStartNamesEveryLimitItExceedsAndTheAccountKindOnALiveDeployment() {
        TradingSettings defaults = TradingSettings.defaults(); // BTC-USDT and ETH-USDT, 5x, 5m
        List<PlanViolation> refused = FREE.violations(defaults, null, true);
        assertThat(refused)
                .extracting(PlanViolation::limit)
                .containsExactly("plan.accountKind", "plan.symbols", "plan.maxSymbolsPerBot", "plan.maxLeverage");
        assertThat(refused)
                .extracting(PlanViolation::field)
                .containsExactly("exchange", "symbols", "symbols", "leverage");
        assertThat(FREE.violations(defaults, null, false))
                .extracting(PlanViolation::limit)
                .doesNotContain("plan.accountKind");
    }

    @Test
    void whatARunningBotHasMayStayButNothingIsAdded() {
        TradingSettings defaults = TradingSettings.defaults();
        assertThat(FREE.violations(defaults, defaults, null)).isEmpty();
        assertThat(FREE
                        .violations(
                                defaults.withStrategy(StrategyId.values()[StrategyId.values().length - 1], 9, 21),
                                defaults,
                                null)
                        .stream()
                        .map(PlanViolation::limit))
                .allMatch("plan.strategies"::equals);
    }

    @Test
    void anEmptySymbolIsAFieldErrorNotACrash() {
        PlanLimits limits = new PlanLimits(java.util.Arrays.asList("ETH-USDT", null), 1, null, null, false, 3, 3, null);
        assertThat(limits.violations(limits.symbols(), null))
                .extracting(dev.trenddesk.api.common.FieldViolation::field)
                .containsExactly("limits.symbols");
    }

    @Test
    void fitCutsSettingsDownToThePlan() {
        TradingSettings fitted = FREE.fit(TradingSettings.defaults());
        assertThat(fitted.symbols()).containsExactly("BTC-USDT");
        assertThat(fitted.leverage()).isEqualTo(3);
        assertThat(FREE.violations(fitted, null, false)).isEmpty();
        assertThat(PlanLimits.unlimited().fit(TradingSettings.defaults())).isEqualTo(TradingSettings.defaults());
    }

    @Test
    void aPaidPlanIsActiveOnlyWhilePaidAndAFreeOneAlways() {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        assertThat(SubscriptionStatus.of(false, null, false, now)).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(SubscriptionStatus.of(true, null, false, now)).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(SubscriptionStatus.of(true, now.plusSeconds(1), false, now)).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(SubscriptionStatus.of(true, now, false, now)).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(SubscriptionStatus.of(true, now.plusSeconds(1), true, now)).isEqualTo(SubscriptionStatus.CANCELLED);
        assertThat(SubscriptionStatus.mayEnter(true, now.plusSeconds(1), true, now))
                .isTrue();
        Instant[] period = SubscriptionStatus.period(Instant.parse("2026-10-31T12:00:00Z"), now);
        assertThat(period[0]).isEqualTo(Instant.parse("2026-11-30T12:00:00Z"));
        assertThat(period[1]).isEqualTo(Instant.parse("2026-12-31T12:00:00Z"));
    }
}
