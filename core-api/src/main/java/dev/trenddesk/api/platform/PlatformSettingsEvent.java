package dev.trenddesk.api.platform;

import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * What admins changed in the platform's settings (aggregate {@link PlatformSettingsCommands#SETTINGS_ID}), each with
 * the value before and after. The admin who did it is in the metadata (actorId), as for every event.
 */
public sealed interface PlatformSettingsEvent {

    String settingsId();

    Instant at();

    /**
     * New users start with {@code after} from now on.
     *
     * @param before the defaults until now; null: the built-in ones
     * @param after  the defaults from now; null: the built-in ones
     * @param reason why, as the admin gave it; null when none was given
     */
    @Revision("1")
    record NewTraderDefaultsChanged(
            String settingsId, TradingSettings before, TradingSettings after, String reason, Instant at)
            implements PlatformSettingsEvent {}

    /**
     * Traders may choose only these symbols and timeframes from now on (an empty list: every one).
     *
     * @param reason why, as the admin gave it; null when none was given
     */
    @Revision("1")
    record AllowedMarketsChanged(
            String settingsId,
            List<String> symbolsBefore,
            List<String> symbols,
            List<Timeframe> timeframesBefore,
            List<Timeframe> timeframes,
            String reason,
            Instant at)
            implements PlatformSettingsEvent {}

    /**
     * Maintenance mode is switched on (bots open no new positions) or off, or its reason changes while on.
     *
     * @param wasOn          whether it was on before
     * @param reasonBefore   the reason before (null when it was off)
     * @param on             whether it is on from {@code at}
     * @param reason         why, as the admin gave it (required when on; null when switched off without one)
     */
    @Revision("1")
    record MaintenanceModeChanged(
            String settingsId, boolean wasOn, String reasonBefore, boolean on, String reason, Instant at)
            implements PlatformSettingsEvent {}

    /**
     * The SMTP server of e-mail notifications changed. The password is never in plain text: {@code
     * passwordCiphertext} is the new one as key-vault ciphertext (the platform's own data key), present only when a
     * new password was given.
     *
     * @param before             the admin's server until now; null: the operator's properties
     * @param after              the admin's server from now; null: the operator's properties
     * @param passwordSetBefore  whether a password was set until now
     * @param passwordSet        whether a password is set from now
     * @param passwordCiphertext the new password's ciphertext; null when the password was kept or dropped
     * @param reason             why, as the admin gave it; null when none was given
     */
    @Revision("1")
    record MailServerChanged(
            String settingsId,
            MailServer before,
            MailServer after,
            boolean passwordSetBefore,
            boolean passwordSet,
            String passwordCiphertext,
            String reason,
            Instant at)
            implements PlatformSettingsEvent {}

    /**
     * The brand changed (product name, primary colour, support e-mail, legal footer).
     *
     * @param before the brand until now (the default one when none was set)
     * @param after  the brand from now
     * @param reason why, as the admin gave it; null when none was given
     */
    @Revision("1")
    record BrandingChanged(String settingsId, Branding before, Branding after, String reason, Instant at)
            implements PlatformSettingsEvent {}

    /**
     * The brand's logo changed or was removed.
     *
     * @param sha256Before the SHA-256 (hex) of the logo until now; null: none
     * @param sha256       the SHA-256 (hex) of the logo from now; null: removed
     * @param contentType  image/png, image/jpeg or image/webp; null when removed
     * @param logoBase64   the image in base64 (at most 100 KiB); null when removed
     * @param sizeBytes    the image's size; 0 when removed
     * @param reason       why, as the admin gave it; null when none was given
     */
    @Revision("1")
    record BrandingLogoChanged(
            String settingsId,
            String sha256Before,
            String sha256,
            String contentType,
            String logoBase64,
            int sizeBytes,
            String reason,
            Instant at)
            implements PlatformSettingsEvent {}
}
