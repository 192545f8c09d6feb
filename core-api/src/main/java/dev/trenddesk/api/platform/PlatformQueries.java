package dev.trenddesk.api.platform;

/** Queries about the platform as a whole. */
public final class PlatformQueries {

    private PlatformQueries() {}

    /** Answers a {@link PlatformStatusView}: whether the kill switch is engaged. */
    public record FindPlatformStatus() {}

    /** Answers a {@link PlatformSettingsView}: defaults for new traders, allowed markets, maintenance mode. */
    public record FindPlatformSettings() {}

    /**
     * Answers a {@link BrandingView}: the brand, and the logo's bytes when {@code withLogo} (its hash and type
     * always).
     */
    public record FindBranding(boolean withLogo) {}
}
