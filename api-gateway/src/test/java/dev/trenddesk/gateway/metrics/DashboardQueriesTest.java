package dev.trenddesk.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The PromQL reading of the dashboard check: metric names, not functions, labels, groupings or ranges. */
class DashboardQueriesTest {

    @Test
    void findsTheMetricsOfAQuery() {
        assertThat(DashboardQueries.namesIn(
                        "histogram_quantile(0.99, sum by (le, endpoint) (rate(trenddesk_exchange_request_seconds_bucket"
                                + "{node=~\"$node\", outcome=\"ok\"}[$__rate_interval])))"))
                .containsExactly("trenddesk_exchange_request_seconds_bucket");
        assertThat(DashboardQueries.namesIn(
                        "sum(rate(a_sum[5m])) / sum without (x) (rate(b_count[1m])) > 1e3 and on (node) up"))
                .containsExactly("a_sum", "b_count", "up");
    }

    @Test
    void readsEveryExprOfADashboardAndRefusesOneWithout() {
        String dashboard = "{\"panels\":[{\"targets\":[{\"expr\":\"max(x_total)\"}]},"
                + "{\"panels\":[{\"targets\":[{\"expr\":\"y{a=\\\"b\\\"}\"}]}]}]}";
        assertThat(DashboardQueries.metricNames(dashboard)).containsExactly("x_total", "y");
        assertThatThrownBy(() -> DashboardQueries.metricNames("{\"panels\":[]}"))
                .hasMessageContaining("no queries");
        assertThatThrownBy(() -> DashboardQueries.metricNames("{\"panels\":[")).hasMessageContaining("well-formed");
    }
}
