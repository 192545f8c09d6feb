package dev.trenddesk.api.notify;

import java.util.UUID;

/** Key-vault field names of notification secrets (the associated data binding a ciphertext to its field). */
public final class NotificationSecrets {

    public static final String WEBHOOK_SECRET = "notify/webhook-secret";
    public static final String TELEGRAM_TOKEN = "notify/telegram-token";
    public static final String SMTP_PASSWORD = "notify/smtp-password";

    /** The key-vault owner of the platform's own secrets (the SMTP password): no user has this identifier. */
    public static final UUID PLATFORM = new UUID(0L, 1L);

    private NotificationSecrets() {}

    /** Shows the last four characters only. */
    public static String mask(String secret) {
        return secret.length() <= 8 ? "****" : "****" + secret.substring(secret.length() - 4);
    }
}
