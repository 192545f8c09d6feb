package dev.trenddesk.strategy.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.trenddesk.api.platform.PlatformStatusView;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;

/** Maintenance mode is read once per candle close: the bots entering on one candle share the answer. */
class PlatformMaintenanceTest {

    private static final Instant CLOSE = Instant.parse("2026-12-07T10:05:00Z");

    private final QueryGateway queries = mock(QueryGateway.class);
    private final PlatformMaintenance maintenance = new PlatformMaintenance(queries);

    private void status(boolean on) {
        PlatformStatusView view =
                new PlatformStatusView(false, null, false, null, null, on, on ? "upgrade" : null, null);
        when(queries.query(any(), any(ResponseType.class))).thenReturn(CompletableFuture.completedFuture(view));
    }

    @Test
    void oneReadPerCandleCloseAndAChangeCountsFromTheNextCandle() {
        status(true);
        assertThat(maintenance.reason(CLOSE)).contains("upgrade");
        assertThat(maintenance.reason(CLOSE)).contains("upgrade");
        verify(queries, times(1)).query(any(), any(ResponseType.class));

        status(false);
        assertThat(maintenance.reason(CLOSE))
                .as("the same candle keeps its answer")
                .contains("upgrade");
        assertThat(maintenance.reason(CLOSE.plusSeconds(300))).isEmpty();
        verify(queries, times(2)).query(any(), any(ResponseType.class));
    }

    @Test
    void anUnreadableStatusLetsTheCandlesEntriesGoAheadWithoutAskingAgain() {
        when(queries.query(any(), any(ResponseType.class)))
                .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("read side down")));
        assertThat(maintenance.reason(CLOSE)).isEmpty();
        assertThat(maintenance.reason(CLOSE)).isEmpty();
        verify(queries, times(1)).query(any(), any(ResponseType.class));
    }
}
