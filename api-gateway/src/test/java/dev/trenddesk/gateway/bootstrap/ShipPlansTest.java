package dev.trenddesk.gateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.plan.PlanCommands.ShipPlan;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The default plan of the first start: an upgrade of a platform with traders never puts them on Free. */
class ShipPlansTest {

    private static ShipPlans ship(String property, int defaults, int traders) {
        return ship(property, defaults, traders, traders, false);
    }

    private static ShipPlans ship(String property, int defaults, int traders, int users, boolean demo) {
        JdbcTemplate jdbc = mock(JdbcTemplate.class);
        when(jdbc.queryForObject(eq("select count(*) from plan_default"), eq(Integer.class)))
                .thenReturn(defaults);
        when(jdbc.queryForObject(eq("select count(*) from user_directory where role = 'TRADER'"), eq(Integer.class)))
                .thenReturn(traders);
        when(jdbc.queryForObject(eq("select count(*) from user_directory"), eq(Integer.class)))
                .thenReturn(users);
        return new ShipPlans(mock(CommandGateway.class), jdbc, Clock.systemUTC(), property, demo);
    }

    @Test
    void aNewPlatformStartsOnFreeAndAnUpgradedOneWithTradersOnPro() {
        assertThat(ship("", 0, 0).initialDefault()).isEqualTo("free");
        assertThat(ship("", 0, 3).initialDefault()).isEqualTo("pro");
        // plans shipped before: the default stays what it is (Free is only the shipped plans' flag, not a change)
        assertThat(ship("", 1, 3).initialDefault()).isEqualTo("free");
    }

    @Test
    void aNewLocalPlatformWhoseDemoTradersAreAboutToBeCreatedStartsOnPro() {
        // no user yet and the demo on: the demo traders come next and are to trade the shipped settings
        assertThat(ship("", 0, 0, 0, true).initialDefault()).isEqualTo("pro");
        // the demo off, or users there already (the admin only): no demo traders will be created now
        assertThat(ship("", 0, 0, 0, false).initialDefault()).isEqualTo("free");
        assertThat(ship("", 0, 0, 1, true).initialDefault()).isEqualTo("free");
        // the operator's choice still wins
        assertThat(ship("free", 0, 0, 0, true).initialDefault()).isEqualTo("free");
    }

    @Test
    void theOperatorsChoiceWins() {
        assertThat(ship("basic", 0, 3).initialDefault()).isEqualTo("basic");
        assertThat(ship(" free ", 0, 3).initialDefault()).isEqualTo("free");
        assertThatThrownBy(() -> ship("gold", 0, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("free, basic or pro");
    }

    @Test
    void plansAreShippedBeforeTheFirstUsersAreCreated() {
        // else a new local platform's demo traders would count as an upgrade's traders and put it on Pro
        assertThat(org.springframework.core.annotation.OrderUtils.getOrder(ShipPlans.class, Integer.MAX_VALUE))
                .isLessThan(org.springframework.core.annotation.OrderUtils.getOrder(
                        BootstrapUsers.class, Integer.MAX_VALUE));
    }

    @Test
    void theShippedDefaultIsTheChosenPlan() {
        assertThat(ship("", 0, 3).shipped("BTC-USDT", "pro"))
                .filteredOn(ShipPlan::initialDefault)
                .extracting(ShipPlan::planId)
                .containsExactly("pro");
    }
}
