package dev.trenddesk.strategy.trading;

import java.util.Locale;
import java.util.Set;

/**
 * What a rejected order means for the bot, from the {@code OrderRejected} event's code and message. The message
 * is {@link OrderExecution}'s, written from the exchange-neutral error kind: "not enough margin" and "no position
 * to close" classify a rejection at any exchange. The codes below are BingX's (see docs/bingx-client.md), the only
 * ones stored events carry, kept so that every stored rejection reads as before:
 * <ul>
 *   <li>{@link Kind#NOTHING_TO_CLOSE}: BingX has no position to close (80014 "No position to close", 101205):
 *       the platform's position is stale and is reconciled with the exchange at once;</li>
 *   <li>{@link Kind#MARGIN}: not enough margin (101204, 101253, 101400, 101209, 101414);</li>
 *   <li>{@link Kind#PARAMETER}: BingX refused the order's parameters (80014 otherwise, 109400, 80013, 80020, ...);</li>
 *   <li>{@link Kind#CREDENTIALS}: the key was refused or is missing — left to the credentials health check,
 *       which pauses the bot with its own reason;</li>
 *   <li>{@link Kind#OTHER}: anything else (gave up after retries, cancelled or expired at BingX).</li>
 * </ul>
 * Margin, parameter and other rejections back off and, the third time in a row, pause the bot.
 */
public final class Rejections {

    /** How often the same intent is sent and rejected in a row before the bot pauses itself. */
    public static final int MAX_IN_A_ROW = 3;

    private static final Set<Integer> MARGIN = Set.of(101204, 101253, 101400, 101209, 101414);
    private static final Set<Integer> PARAMETER = Set.of(80014, 109400, 109401, 80013, 80020, 101415, 101514);
    private static final Set<Integer> AUTH = Set.of(100001, 100412, 100413, 100419, 100004);

    /** What kind of rejection it was. */
    public enum Kind {
        NOTHING_TO_CLOSE,
        MARGIN,
        PARAMETER,
        CREDENTIALS,
        OTHER
    }

    private Rejections() {}

    public static Kind classify(int code, String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (code == 101205 || text.contains("no position to close")) {
            return Kind.NOTHING_TO_CLOSE;
        }
        if (MARGIN.contains(code) || text.contains("insufficient margin") || text.contains("not enough margin")) {
            return Kind.MARGIN;
        }
        if (AUTH.contains(code) || (code == 0 && text.contains("credentials"))) {
            return Kind.CREDENTIALS;
        }
        if (PARAMETER.contains(code)) {
            return Kind.PARAMETER;
        }
        return Kind.OTHER;
    }

    /** Candles skipped after the n-th rejection in a row: 1, 2, 4, ... */
    public static int backoffCandles(int rejectionsInARow) {
        return 1 << Math.max(0, Math.min(rejectionsInARow - 1, 10));
    }
}
