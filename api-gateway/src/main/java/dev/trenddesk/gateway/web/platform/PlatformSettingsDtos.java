package dev.trenddesk.gateway.web.platform;

import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.notify.MailServerView;
import dev.trenddesk.api.notify.MailTestResult;
import dev.trenddesk.api.platform.AllowedMarkets;
import dev.trenddesk.api.platform.Branding;
import dev.trenddesk.api.platform.BrandingLogo;
import dev.trenddesk.api.platform.BrandingView;
import dev.trenddesk.api.platform.MailServer;
import dev.trenddesk.api.platform.PlatformSettingsView;
import dev.trenddesk.gateway.web.Dtos.SettingsBody;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** The platform settings' requests and answers. */
final class PlatformSettingsDtos {

    private PlatformSettingsDtos() {}

    /**
     * The trading settings new users start with.
     *
     * @param defaults the settings; null: the built-in defaults again
     * @param reason   why, optional
     */
    record DefaultsRequest(
            @Valid SettingsBody defaults,
            @Size(max = PlatformDtos.MAX_REASON) String reason) {}

    /**
     * The symbols and timeframes traders may choose; an empty list allows every one.
     *
     * @param reason why, optional
     */
    record MarketsRequest(
            @NotNull
            @Size(max = AllowedMarkets.MAX_SYMBOLS)
            @ArraySchema(schema = @Schema(pattern = dev.trenddesk.api.common.TradingSettings.SYMBOL_REGEX))
            List<@NotBlank String> symbols,

            @NotNull @Size(max = 12) List<@NotNull Timeframe> timeframes,

            @Size(max = PlatformDtos.MAX_REASON) String reason) {}

    /**
     * Maintenance mode on or off.
     *
     * @param reason why, shown to every trader; required to switch it on
     */
    record MaintenanceRequest(
            @NotNull Boolean on,
            @Size(max = PlatformDtos.MAX_REASON) String reason) {}

    /**
     * The SMTP server of e-mail notifications, set by an admin.
     *
     * @param mailServer the server; null: the operator's {@code trenddesk.notifications.smtp.*} properties again
     * @param reason     why, optional
     */
    record MailRequest(
            @Valid MailServerBody mailServer,
            @Size(max = PlatformDtos.MAX_REASON) String reason) {}

    /**
     * An SMTP server as an admin enters it. The password is write-only: it is encrypted at once and never answered.
     *
     * @param host          the server's host name or IP address, without scheme or port
     * @param port          1-65535 (587 for STARTTLS submission, 25 plain)
     * @param username      the login; empty: no login
     * @param from          the sender address; empty: trenddesk@host
     * @param starttls      upgrade the connection with STARTTLS and check the server's name (default true)
     * @param password      a new password; absent: keep the current one
     * @param clearPassword true: drop the password (log in without one)
     */
    record MailServerBody(
            @NotBlank @Size(max = 253) @Schema(pattern = MailServer.HOST_REGEX, example = "smtp.example.com")
            String host,

            @NotNull @Schema(minimum = "1", maximum = "65535", example = "587")
            Integer port,

            @Size(max = MailServer.MAX_USERNAME) String username,

            @Size(max = 320) @Schema(example = "alerts@example.com")
            String from,

            Boolean starttls,

            @Size(max = MailServer.MAX_PASSWORD) @Schema(accessMode = Schema.AccessMode.WRITE_ONLY)
            String password,

            Boolean clearPassword) {

        MailServer toServer() {
            return new MailServer(host, port, username, from, starttls == null || starttls).validated();
        }
    }

    /**
     * The SMTP server e-mail notifications go through now (the password never: only whether one is set).
     *
     * @param source      SETTINGS (set here by an admin), PROPERTIES (the operator's configuration) or NONE (e-mail
     *                    notifications are not offered to traders)
     * @param host        the server; null when NONE
     * @param passwordSet whether the server is logged in to with a password
     * @param updatedAt   when an admin last changed it; null when never
     */
    record MailServerResponse(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            MailServerView.Source source,

            String host,
            Integer port,
            String username,
            String from,
            Boolean starttls,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            boolean passwordSet,

            Instant updatedAt) {

        static MailServerResponse of(MailServerView view) {
            MailServer s = view.server();
            return new MailServerResponse(
                    view.source(),
                    s == null ? null : s.host(),
                    s == null ? null : s.port(),
                    s == null ? null : s.username(),
                    s == null ? null : s.from(),
                    s == null ? null : s.starttls(),
                    view.passwordSet(),
                    view.updatedAt());
        }
    }

    /**
     * A test e-mail sent to the admin's own address.
     *
     * @param delivered whether the SMTP server accepted it
     * @param to        the address it went to
     * @param error     why it was not delivered (the server's answer); null when delivered
     */
    record MailTestResponse(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            boolean delivered,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String to,

            String error) {

        static MailTestResponse of(MailTestResult result) {
            return new MailTestResponse(result.delivered(), result.to(), result.error());
        }
    }

    /**
     * The brand, set by an admin.
     *
     * @param branding the brand; null: the default one (today's look)
     * @param reason   why, optional
     */
    record BrandingRequest(
            @Valid BrandingBody branding,
            @Size(max = PlatformDtos.MAX_REASON) String reason) {}

    /**
     * A brand as an admin enters it.
     *
     * @param productName  1-40 printable characters
     * @param primaryColor #RRGGBB; the dark theme's text on it must stay readable (WCAG contrast at least 4.5)
     * @param supportEmail where users ask for help; empty: none
     * @param legalFooter  plain text, at most 500 characters; empty: none
     */
    record BrandingBody(
            @NotBlank @Size(max = Branding.MAX_NAME) @Schema(example = "Acme Trading")
            String productName,

            @NotBlank @Size(max = 7) @Schema(pattern = Branding.COLOR_REGEX, example = "#4c9aff")
            String primaryColor,

            @Size(max = 320) @Schema(example = "help@example.com")
            String supportEmail,

            @Size(max = Branding.MAX_FOOTER) String legalFooter) {

        Branding toBranding() {
            return new Branding(productName, primaryColor, supportEmail, legalFooter).validated();
        }
    }

    /**
     * The brand's logo, set by an admin.
     *
     * @param logo   the image (PNG, JPEG or WebP, at most 100 KiB) in base64; null: remove the logo
     * @param reason why, optional
     */
    record LogoRequest(
            @Size(max = 140_000) @Schema(format = "byte") String logo,
            @Size(max = PlatformDtos.MAX_REASON) String reason) {

        BrandingLogo toLogo() {
            return logo == null ? null : BrandingLogo.fromBase64(logo);
        }
    }

    /**
     * The brand as everyone sees it (no login needed).
     *
     * @param productName  the product's name
     * @param primaryColor #RRGGBB, the colour of buttons and links
     * @param supportEmail where users ask for help; null: none
     * @param legalFooter  plain text at the foot of every page; null: none
     * @param logoUrl      where the logo is ({@code /api/branding/logo?v=<hash>}); null: no logo
     */
    record BrandingResponse(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String productName,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String primaryColor,

            String supportEmail,
            String legalFooter,
            String logoUrl) {

        static BrandingResponse of(BrandingView view) {
            Branding b = view.branding();
            return new BrandingResponse(
                    b.productName(),
                    b.primaryColor(),
                    b.supportEmail(),
                    b.legalFooter(),
                    view.logoSha256() == null
                            ? null
                            : "/api/branding/logo?v=" + view.logoSha256().substring(0, 16));
        }
    }

    /**
     * The symbols and timeframes traders may choose (every logged-in user reads them).
     *
     * @param symbols    the allowed symbols; empty: every symbol
     * @param timeframes the allowed timeframes; empty: every timeframe
     */
    record MarketsResponse(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            List<String> symbols,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            List<Timeframe> timeframes) {

        static MarketsResponse of(PlatformSettingsView view) {
            return new MarketsResponse(view.allowedSymbols(), view.allowedTimeframes());
        }
    }

    /**
     * The platform's settings as admins see them.
     *
     * @param newTraderDefaults the settings a new user starts with
     * @param builtInDefaults   true while no admin set defaults (the built-in ones apply)
     * @param allowedSymbols    the symbols traders may choose; empty: every one
     * @param allowedTimeframes the timeframes traders may choose; empty: every one
     * @param maintenance       true while maintenance mode is on
     * @param maintenanceReason why (null when off)
     * @param maintenanceSince  since when (null when off)
     * @param mailServer        the SMTP server of e-mail notifications and where it comes from
     * @param branding          the brand (white label)
     */
    record PlatformSettingsResponse(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            SettingsBody newTraderDefaults,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            boolean builtInDefaults,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            List<String> allowedSymbols,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            List<Timeframe> allowedTimeframes,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            boolean maintenance,

            String maintenanceReason,

            Instant maintenanceSince,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            MailServerResponse mailServer,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            BrandingResponse branding) {

        static PlatformSettingsResponse of(PlatformSettingsView view, MailServerView mail, BrandingView brand) {
            return new PlatformSettingsResponse(
                    SettingsBody.of(view.newTraderDefaults()),
                    view.builtInDefaults(),
                    view.allowedSymbols(),
                    view.allowedTimeframes(),
                    view.maintenance(),
                    view.maintenanceReason(),
                    view.maintenanceSince(),
                    MailServerResponse.of(mail),
                    BrandingResponse.of(brand));
        }
    }
}
