package dev.trenddesk.simulator;

/** A refusal answered with BingX's envelope: HTTP 200 and {@code {"code":code,"msg":message}}. */
final class BingxException extends RuntimeException {

    static final int INVALID_PARAMETER = 80014;
    static final int ORDER_NOT_FOUND = 80016;
    static final int PERMISSION_DENIED = 100004;
    static final int BAD_SIGNATURE = 100001;
    static final int NULL_SIGNATURE = 100412;
    static final int BAD_API_KEY = 100413;
    static final int TIMESTAMP_OUTSIDE_WINDOW = 100421;
    static final int RATE_BLOCKED = 100410;
    static final int INSUFFICIENT_MARGIN = 101204;
    static final int LEVERAGE_ABOVE_MAX = 101414;
    static final int BAD_SYMBOL = 109400;
    static final int POSITION_MODE_CONFLICT = 109401;
    static final int DUPLICATE_ORDER = 109201;

    private final int code;

    BingxException(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    int code() {
        return code;
    }

    static BingxException invalid(String message) {
        return new BingxException(INVALID_PARAMETER, message);
    }
}
