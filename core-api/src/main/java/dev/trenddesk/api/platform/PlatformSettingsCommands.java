package dev.trenddesk.api.platform;

import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands of the platform's settings (the PlatformSettings aggregate, one for the whole platform, identified by
 * {@link #SETTINGS_ID}). Sent by admins through the API; who asked travels in the metadata. A command that changes
 * nothing records nothing.
 */
public final class PlatformSettingsCommands {

    /** The one settings aggregate's identifier. */
    public static final String SETTINGS_ID = "platform-settings";

    private PlatformSettingsCommands() {}

    /**
     * The trading settings every user registered from now on starts with; existing users keep theirs.
     *
     * @param defaults the settings (validated as a trader's own, and within the allowed markets); null: the
     *                 built-in {@link TradingSettings#defaults()} again
     * @param reason   why, optional
     */
    public record SetNewTraderDefaults(
            @TargetAggregateIdentifier String settingsId, TradingSettings defaults, String reason, Instant at) {}

    /**
     * The symbols and timeframes traders may choose; an empty list allows every one (as before any restriction).
     *
     * @param reason why, optional
     */
    public record SetAllowedMarkets(
            @TargetAggregateIdentifier String settingsId,
            List<String> symbols,
            List<Timeframe> timeframes,
            String reason,
            Instant at) {}

    /**
     * Maintenance mode on or off: while on, bots open no new positions (exits, stops and take-profits still run).
     *
     * @param reason why, shown to every trader; required to switch it on, optional to switch it off
     */
    public record SetMaintenanceMode(
            @TargetAggregateIdentifier String settingsId, boolean on, String reason, Instant at) {}

    /**
     * The SMTP server e-mail notifications go through (replacing the operator's properties), or back to the
     * operator's properties.
     *
     * @param server             the server; null: the operator's {@code trenddesk.notifications.smtp.*} again (and the
     *                           password is dropped)
     * @param passwordCiphertext a new password as key-vault ciphertext (owner {@code NotificationSecrets.PLATFORM},
     *                           field {@code NotificationSecrets.SMTP_PASSWORD}); null: keep the current one
     * @param clearPassword      drop the password (log in without one); not together with a new password
     * @param reason             why, optional
     */
    public record SetMailServer(
            @TargetAggregateIdentifier String settingsId,
            MailServer server,
            String passwordCiphertext,
            boolean clearPassword,
            String reason,
            Instant at) {}

    /**
     * The brand the platform carries (white label).
     *
     * @param branding the brand; null: the default one ({@link Branding#defaults()}, today's look)
     * @param reason   why, optional
     */
    public record SetBranding(
            @TargetAggregateIdentifier String settingsId, Branding branding, String reason, Instant at) {}

    /**
     * The brand's logo.
     *
     * @param logoBase64  the image (PNG, JPEG or WebP, at most 100 KiB) in base64; null: no logo
     * @param contentType the type the gateway recognised from the bytes; checked again against them
     * @param reason      why, optional
     */
    public record SetBrandingLogo(
            @TargetAggregateIdentifier String settingsId,
            String logoBase64,
            String contentType,
            String reason,
            Instant at) {}
}
