package dev.trenddesk.gateway.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a real HTTP port against a real (embedded) PostgreSQL. Every test class
 * with this annotation shares one application context and one database, so tests create their
 * own users with unique names.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        classes = dev.trenddesk.gateway.TrendDeskApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "trenddesk.database.embedded.data-dir=${trenddesk.test.build-dir:target}/test-postgres/shared",
            "trenddesk.admin.username=" + IntegrationTest.ADMIN,
            "trenddesk.admin.password=" + IntegrationTest.ADMIN_PASSWORD,
            "trenddesk.demo.enabled=false",
            "trenddesk.simulator.port=0",
            // every test person of the shared context logs in from 127.0.0.1: the per-address limit
            // of failed logins would make one test's wrong passwords refuse the next test's logins
            // (LimitsTest checks the limits with a context of its own)
            "trenddesk.limits.login.per-ip[0].capacity=100000",
            "trenddesk.limits.login.per-ip[0].period=1m",
            // the fuzz and bad-input tests send dozens of password and e-mail changes as one trader, each to be
            // judged by the endpoint itself (LimitsWebFilterTest checks this limit)
            "trenddesk.limits.reauth.per-user[0].capacity=100000",
            "trenddesk.limits.reauth.per-user[0].period=1m",
            // the simulator's faults hit any matching request, whoever sends it: the idle balance
            // poll stays out of the way of tests that queue balance faults (AccountCardTest sets it short)
            "trenddesk.trading.idle-balance-interval=1h"
        })
public @interface IntegrationTest {

    String ADMIN = "root";
    String ADMIN_PASSWORD = "root-password-for-tests";
}
