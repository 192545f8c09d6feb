package dev.trenddesk.api.notify;

/**
 * How a test e-mail went.
 *
 * @param delivered whether the SMTP server accepted it
 * @param to        the address it was sent to
 * @param error     why not (never holds the server's credentials); null when delivered
 */
public record MailTestResult(boolean delivered, String to, String error) {}
