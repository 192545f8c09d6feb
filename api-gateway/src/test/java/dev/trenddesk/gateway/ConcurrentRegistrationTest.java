package dev.trenddesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.Names;
import dev.trenddesk.gateway.support.People;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Usernames and e-mails stay unique when the same one is registered many times at once. */
@IntegrationTest
class ConcurrentRegistrationTest {

    private static final int ATTEMPTS = 16;

    @LocalServerPort
    int port;

    @Test
    void concurrentDuplicateUsernamesYieldExactlyOneSuccess() throws Exception {
        String username = Names.unique("dup");
        List<Integer> statuses = fire(i -> Map.of(
                "username",
                username,
                "email",
                username + i + "@example.com",
                "password",
                "a perfectly fine password",
                "role",
                "trader"));
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 201).allMatch(s -> s == 422);
        long registered = new People(port)
                .admin().get("/api/admin/users").json().findValuesAsText("username").stream()
                        .filter(username::equals)
                        .count();
        assertThat(registered).isEqualTo(1);
    }

    @Test
    void concurrentDuplicateEmailsYieldExactlyOneSuccess() throws Exception {
        String email = Names.unique("mail") + "@example.com";
        List<Integer> statuses = fire(i -> Map.of(
                "username",
                Names.unique("mailer"),
                "email",
                email,
                "password",
                "a perfectly fine password",
                "role",
                "viewer"));
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 201).allMatch(s -> s == 422);
    }

    private List<Integer> fire(java.util.function.IntFunction<Map<String, Object>> body) throws Exception {
        List<Api> admins = new ArrayList<>();
        for (int i = 0; i < ATTEMPTS; i++) {
            admins.add(new People(port).admin());
        }
        ExecutorService pool = Executors.newFixedThreadPool(ATTEMPTS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < ATTEMPTS; i++) {
                Api admin = admins.get(i);
                Map<String, Object> request = body.apply(i);
                Callable<Integer> call = () -> {
                    start.await();
                    return admin.post("/api/admin/users", request).status();
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
