package dev.trenddesk.strategy.notify;

/**
 * What one attempt gave. {@code retryable}: a 5xx, a 429, a timeout or a connection error; any other
 * 4xx is the receiver's answer for good. {@code error} never holds a secret.
 */
record SendResult(boolean delivered, boolean retryable, Integer statusCode, String error) {

    static SendResult ok(int status) {
        return new SendResult(true, false, status, null);
    }

    static SendResult ofStatus(int status, String detail) {
        boolean retry = status >= 500 || status == 429 || status == 408;
        return new SendResult(
                false, retry, status, "HTTP " + status + (detail == null || detail.isBlank() ? "" : ": " + detail));
    }

    static SendResult failure(String error) {
        return new SendResult(false, true, null, error);
    }

    static SendResult refused(String error) {
        return new SendResult(false, false, null, error);
    }
}
