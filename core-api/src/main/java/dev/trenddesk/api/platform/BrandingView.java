package dev.trenddesk.api.platform;

/**
 * The brand as everyone sees it, before login too.
 *
 * @param branding        the brand (the default one when none was set)
 * @param logo            the logo's bytes; null: none (only answered to {@link PlatformQueries.FindBranding} with
 *                        {@code withLogo})
 * @param logoContentType image/png, image/jpeg or image/webp; null: no logo
 * @param logoSha256      the logo's SHA-256 (hex); null: no logo
 * @param updatedAt       when an admin last changed the brand or its logo; null: never
 */
public record BrandingView(
        Branding branding, byte[] logo, String logoContentType, String logoSha256, java.time.Instant updatedAt) {

    public static BrandingView initial() {
        return new BrandingView(Branding.defaults(), null, null, null, null);
    }
}
