package dev.trenddesk.gateway.support;

import java.util.concurrent.atomic.AtomicInteger;

/** Unique usernames for tests that share one database. */
public final class Names {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

    private Names() {}

    public static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + COUNTER.incrementAndGet();
    }
}
