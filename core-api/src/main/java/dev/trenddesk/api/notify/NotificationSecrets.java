package dev.trenddesk.api.notify;

/** Key-vault field names of notification secrets (the associated data binding a ciphertext to its field). */
public final class NotificationSecrets {

    public static final String WEBHOOK_SECRET = "notify/webhook-secret";
    public static final String TELEGRAM_TOKEN = "notify/telegram-token";

    private NotificationSecrets() {}

    /** Shows the last four characters only. */
    public static String mask(String secret) {
        return secret.length() <= 8 ? "****" : "****" + secret.substring(secret.length() - 4);
    }
}
