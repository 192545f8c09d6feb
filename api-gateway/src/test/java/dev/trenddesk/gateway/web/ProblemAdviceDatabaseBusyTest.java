package dev.trenddesk.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/**
 * A request that failed because no database connection was free in time (seen as 500s on logins while the
 * machine was loaded) answers 503 with Retry-After, so a client may send it again; any other failure stays a 500.
 */
class ProblemAdviceDatabaseBusyTest {

    private final ProblemAdvice advice = new ProblemAdvice();

    private MockServerWebExchange exchange() {
        return MockServerWebExchange.from(
                MockServerHttpRequest.post("/api/auth/login").build());
    }

    @Test
    void anR2dbcAcquireTimeoutAnswers503WithRetryAfter() {
        // what r2dbc-pool raises, wrapped as Spring's DatabaseClient wraps it
        MockServerWebExchange exchange = exchange();
        ProblemDetail problem = advice.unexpected(
                new DataAccessResourceFailureException(
                        "Failed to obtain R2DBC Connection",
                        new R2dbcTimeoutException("Connection acquisition timed out after 3000ms")),
                exchange);

        assertThat(problem.getStatus()).isEqualTo(503);
        assertThat(problem.getDetail()).isEqualTo("the service is busy; try again in a moment");
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
    }

    @Test
    void aJdbcPoolTimeoutInsideAQueryFailureAnswers503() {
        MockServerWebExchange exchange = exchange();
        ProblemDetail problem = advice.unexpected(
                new QueryExecutionException(
                        "query failed",
                        new CannotGetJdbcConnectionException(
                                "Failed to obtain JDBC Connection",
                                new SQLTransientConnectionException("trenddesk-jdbc - Connection is not available"))),
                exchange);

        assertThat(problem.getStatus()).isEqualTo(503);
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
    }

    @Test
    void anyOtherFailureStaysAnUnexpected500WithoutRetryAfter() {
        MockServerWebExchange exchange = exchange();
        ProblemDetail problem = advice.unexpected(new IllegalArgumentException("bug"), exchange);

        assertThat(problem.getStatus()).isEqualTo(500);
        assertThat(problem.getDetail()).startsWith("unexpected error; quote trace id ");
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isNull();
    }
}
