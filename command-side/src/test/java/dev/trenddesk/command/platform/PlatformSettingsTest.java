package dev.trenddesk.command.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.StrategyId;
import dev.trenddesk.api.common.Timeframe;
import dev.trenddesk.api.common.TradingSettings;
import dev.trenddesk.api.platform.AllowedMarkets;
import dev.trenddesk.api.platform.Branding;
import dev.trenddesk.api.platform.MailServer;
import dev.trenddesk.api.platform.PlatformSettingsCommands;
import dev.trenddesk.api.platform.PlatformSettingsCommands.SetAllowedMarkets;
import dev.trenddesk.api.platform.PlatformSettingsCommands.SetBranding;
import dev.trenddesk.api.platform.PlatformSettingsCommands.SetBrandingLogo;
import dev.trenddesk.api.platform.PlatformSettingsCommands.SetMailServer;
import dev.trenddesk.api.platform.PlatformSettingsCommands.SetMaintenanceMode;
import dev.trenddesk.api.platform.PlatformSettingsCommands.SetNewTraderDefaults;
import dev.trenddesk.api.platform.PlatformSettingsEvent.AllowedMarketsChanged;
import dev.trenddesk.api.platform.PlatformSettingsEvent.BrandingChanged;
import dev.trenddesk.api.platform.PlatformSettingsEvent.BrandingLogoChanged;
import dev.trenddesk.api.platform.PlatformSettingsEvent.MailServerChanged;
import dev.trenddesk.api.platform.PlatformSettingsEvent.MaintenanceModeChanged;
import dev.trenddesk.api.platform.PlatformSettingsEvent.NewTraderDefaultsChanged;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlatformSettingsTest {

    private static final String ID = PlatformSettingsCommands.SETTINGS_ID;
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-12-01T11:00:00Z");
    private static final TradingSettings BUILT_IN = TradingSettings.defaults();
    private static final TradingSettings EMA = BUILT_IN.withStrategy(StrategyId.EMA_CROSS, 21, 50);

    private AggregateTestFixture<PlatformSettings> fixture;
    private PlatformSettingsStore store;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PlatformSettings.class);
        store = mock(PlatformSettingsStore.class);
        fixture.registerInjectableResource(store);
    }

    private static AllowedMarketsChanged restricted(List<String> symbols, List<Timeframe> timeframes) {
        return new AllowedMarketsChanged(ID, List.of(), symbols, List.of(), timeframes, null, T0);
    }

    @Test
    void newTraderDefaultsAreRecordedWithBeforeAndAfterAndMirroredForRegistrations() {
        fixture.givenNoPriorActivity()
                .when(new SetNewTraderDefaults(ID, EMA, "  EMA for everyone  ", T0))
                .expectEvents(new NewTraderDefaultsChanged(ID, null, EMA, "EMA for everyone", T0));
        verify(store).defaults(EMA);
        // back to the built-in ones
        fixture.given(new NewTraderDefaultsChanged(ID, null, EMA, null, T0))
                .when(new SetNewTraderDefaults(ID, null, null, T1))
                .expectEvents(new NewTraderDefaultsChanged(ID, EMA, null, null, T1));
        // the same defaults again (2.0 and 2.00 alike) record nothing
        fixture.given(new NewTraderDefaultsChanged(ID, null, EMA, null, T0))
                .when(new SetNewTraderDefaults(ID, EMA.withStrategy(StrategyId.EMA_CROSS, 21, 50), null, T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void defaultsAreValidatedAsATradersSettingsAndWithinTheAllowedMarkets() {
        TradingSettings bad = new TradingSettings(
                0,
                new BigDecimal("2"),
                new BigDecimal("5"),
                new BigDecimal("15"),
                500,
                BUILT_IN.positionMode(),
                BUILT_IN.adxThreshold(),
                BUILT_IN.timeframe(),
                BUILT_IN.signalConfidence(),
                BUILT_IN.stopAtr(),
                BUILT_IN.takeProfitR(),
                BUILT_IN.symbols(),
                StrategyId.ADX_TREND,
                9,
                21);
        fixture.givenNoPriorActivity()
                .when(new SetNewTraderDefaults(ID, bad, null, T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(allOf(containsString("maxPositions"), containsString("leverage")))
                .expectNoEvents();
        fixture.given(restricted(List.of("BTC-USDT", "ETH-USDT"), List.of(Timeframe.M5)))
                .when(new SetNewTraderDefaults(ID, with(List.of("SOL-USDT"), Timeframe.M5), null, T1))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("SOL-USDT is not allowed on this platform"))
                .expectNoEvents();
        verify(store, never()).defaults(any());
    }

    @Test
    void allowedMarketsAreSortedDeduplicatedAndRecordedWithBeforeAndAfter() {
        fixture.givenNoPriorActivity()
                .when(new SetAllowedMarkets(
                        ID,
                        List.of("ETH-USDT", "BTC-USDT", "ETH-USDT"),
                        List.of(Timeframe.H1, Timeframe.M5),
                        "only liquid markets",
                        T0))
                .expectEvents(new AllowedMarketsChanged(
                        ID,
                        List.of(),
                        List.of("BTC-USDT", "ETH-USDT"),
                        List.of(),
                        List.of(Timeframe.M5, Timeframe.H1),
                        "only liquid markets",
                        T0));
        verify(store).allowed(new AllowedMarkets(List.of("BTC-USDT", "ETH-USDT"), List.of(Timeframe.M5, Timeframe.H1)));
        // lifting the restriction: empty lists
        fixture.given(restricted(List.of("BTC-USDT", "ETH-USDT"), List.of(Timeframe.M5)))
                .when(new SetAllowedMarkets(ID, List.of(), List.of(), null, T1))
                .expectEvents(new AllowedMarketsChanged(
                        ID, List.of("BTC-USDT", "ETH-USDT"), List.of(), List.of(Timeframe.M5), List.of(), null, T1));
        fixture.given(restricted(List.of("BTC-USDT", "ETH-USDT"), List.of(Timeframe.M5)))
                .when(new SetAllowedMarkets(ID, List.of("ETH-USDT", "BTC-USDT"), List.of(Timeframe.M5), null, T1))
                .expectNoEvents();
    }

    @Test
    void aRestrictionThatWouldExcludeTheDefaultsForNewTradersIsRefusedNamingTheField() {
        fixture.givenNoPriorActivity()
                .when(new SetAllowedMarkets(ID, List.of("BTC-USDT"), List.of(Timeframe.H1), null, T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(allOf(
                        containsString(
                                "symbols: would exclude the built-in defaults for new traders (BTC-USDT, ETH-USDT)"),
                        containsString("timeframes: would exclude the built-in defaults for new traders (5m)")))
                .expectNoEvents();
        // with defaults inside it, the same restriction is taken
        TradingSettings btcHourly = with(List.of("BTC-USDT"), Timeframe.H1);
        fixture.given(new NewTraderDefaultsChanged(ID, null, btcHourly, null, T0))
                .when(new SetAllowedMarkets(ID, List.of("BTC-USDT"), List.of(Timeframe.H1), null, T1))
                .expectEvents(new AllowedMarketsChanged(
                        ID, List.of(), List.of("BTC-USDT"), List.of(), List.of(Timeframe.H1), null, T1));
        fixture.givenNoPriorActivity()
                .when(new SetAllowedMarkets(ID, List.of("BTC-USDT", "btc"), List.of(), null, T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("'btc' is not a USDT perpetual symbol"))
                .expectNoEvents();
    }

    @Test
    void maintenanceNeedsAReasonToSwitchOnAndRecordsBeforeAndAfter() {
        fixture.givenNoPriorActivity()
                .when(new SetMaintenanceMode(ID, true, " ", T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("reason"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new SetMaintenanceMode(ID, true, "bell\u0007", T0))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
        MaintenanceModeChanged on = new MaintenanceModeChanged(ID, false, null, true, "database upgrade", T0);
        fixture.givenNoPriorActivity()
                .when(new SetMaintenanceMode(ID, true, "database upgrade", T0))
                .expectEvents(on);
        // a new reason while on is a change; the same one is not
        fixture.given(on)
                .when(new SetMaintenanceMode(ID, true, "database upgrade, part 2", T1))
                .expectEvents(
                        new MaintenanceModeChanged(ID, true, "database upgrade", true, "database upgrade, part 2", T1));
        fixture.given(on)
                .when(new SetMaintenanceMode(ID, true, "database upgrade", T1))
                .expectNoEvents();
        fixture.given(on)
                .when(new SetMaintenanceMode(ID, false, "done", T1))
                .expectEvents(new MaintenanceModeChanged(ID, true, "database upgrade", false, "done", T1));
        // what time travel shows: on since the first switch-on, whatever reason changes followed
        PlatformSettings state = new PlatformSettings();
        state.on(on);
        state.on(new MaintenanceModeChanged(ID, true, "database upgrade", true, "part 2", T1));
        org.assertj.core.api.Assertions.assertThat(state.view())
                .isEqualTo(new PlatformSettings.View(
                        null, List.of(), List.of(), true, "part 2", T0, null, false, Branding.defaults(), null));
        // off while off changes nothing, also as the very first command
        fixture.givenNoPriorActivity()
                .when(new SetMaintenanceMode(ID, false, null, T0))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theMailServerIsRecordedWithBeforeAndAfterAndItsPasswordOnlyAsCiphertext() {
        MailServer server = new MailServer("smtp.example.com", 587, "mailer", "alerts@example.com", true);
        // trimmed, blank user name and sender as none
        MailServerChanged set = new MailServerChanged(ID, null, server, false, true, "CIPHERTEXT", "new relay", T0);
        fixture.givenNoPriorActivity()
                .when(new SetMailServer(
                        ID,
                        new MailServer(" smtp.example.com ", 587, "mailer", "alerts@example.com", true),
                        "CIPHERTEXT",
                        false,
                        "new relay",
                        T0))
                .expectEvents(set);
        // the same server, password kept: nothing; a new password is a change even with the same server
        fixture.given(set)
                .when(new SetMailServer(ID, server, null, false, null, T1))
                .expectNoEvents();
        fixture.given(set)
                .when(new SetMailServer(ID, server, "NEW", false, "rotated", T1))
                .expectEvents(new MailServerChanged(ID, server, server, true, true, "NEW", "rotated", T1));
        // another port keeps the password; clearing it drops it
        MailServer other = new MailServer("smtp.example.com", 2525, "mailer", null, false);
        fixture.given(set)
                .when(new SetMailServer(
                        ID, new MailServer("smtp.example.com", 2525, "mailer", " ", false), null, false, null, T1))
                .expectEvents(new MailServerChanged(ID, server, other, true, true, null, null, T1));
        fixture.given(set)
                .when(new SetMailServer(ID, server, null, true, null, T1))
                .expectEvents(new MailServerChanged(ID, server, server, true, false, null, null, T1));
        // back to the operator's properties drops the password too
        fixture.given(set)
                .when(new SetMailServer(ID, null, null, false, "use the operator's", T1))
                .expectEvents(new MailServerChanged(ID, server, null, true, false, null, "use the operator's", T1));
        fixture.given(restricted(List.of("BTC-USDT"), List.of()))
                .when(new SetMailServer(ID, null, null, false, null, T1))
                .expectNoEvents();
        // what time travel shows: the server and whether a password is set, never the ciphertext
        PlatformSettings state = new PlatformSettings();
        state.on(set);
        org.assertj.core.api.Assertions.assertThat(state.view())
                .isEqualTo(new PlatformSettings.View(
                        null, List.of(), List.of(), false, null, null, server, true, Branding.defaults(), null));
    }

    @Test
    void aBadMailServerIsRefusedNamingTheField() {
        for (MailServer bad : List.of(
                new MailServer("smtp://example.com", 587, null, null, true),
                new MailServer("", 587, null, null, true),
                new MailServer("smtp..example.com", 587, null, null, true))) {
            fixture.givenNoPriorActivity()
                    .when(new SetMailServer(ID, bad, null, false, null, T0))
                    .expectException(InvalidInputException.class)
                    .expectExceptionMessage(containsString("mailServer.host"))
                    .expectNoEvents();
        }
        fixture.givenNoPriorActivity()
                .when(new SetMailServer(
                        ID, new MailServer("smtp.example.com", 0, null, null, true), null, false, null, T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("mailServer.port"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new SetMailServer(
                        ID,
                        new MailServer("smtp.example.com", 25, "with space", "not-an-address", true),
                        null,
                        false,
                        null,
                        T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(allOf(containsString("mailServer.username"), containsString("mailServer.from")))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new SetMailServer(ID, null, "CIPHERTEXT", false, null, T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("mailServer.password"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new SetMailServer(
                        ID, new MailServer("smtp.example.com", 25, null, null, true), "C", true, null, T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("mailServer.password"))
                .expectNoEvents();
    }

    private static final Branding ACME =
            new Branding("Acme Trading", "#7FD1AE", "help@acme.example", "Acme Ltd.\nRegistered in Exampleland");
    private static final Branding ACME_CLEAN =
            new Branding("Acme Trading", "#7fd1ae", "help@acme.example", "Acme Ltd.\nRegistered in Exampleland");

    @Test
    void theBrandingIsRecordedWithBeforeAndAfterAndResetToTheDefaults() {
        fixture.givenNoPriorActivity()
                .when(new SetBranding(
                        ID,
                        new Branding(
                                " Acme Trading ",
                                "#7FD1AE",
                                " help@acme.example ",
                                "Acme Ltd.\r\nRegistered in Exampleland  "),
                        " rebrand ",
                        T0))
                .expectEvents(new BrandingChanged(ID, Branding.defaults(), ACME_CLEAN, "rebrand", T0));
        // the same again records nothing
        fixture.given(new BrandingChanged(ID, Branding.defaults(), ACME_CLEAN, null, T0))
                .when(new SetBranding(ID, ACME, null, T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        // null: the default brand again
        fixture.given(new BrandingChanged(ID, Branding.defaults(), ACME_CLEAN, null, T0))
                .when(new SetBranding(ID, null, "back", T1))
                .expectEvents(new BrandingChanged(ID, ACME_CLEAN, Branding.defaults(), "back", T1));
    }

    @Test
    void aBadBrandingIsRefusedNamingTheField() {
        record Case(Branding branding, String field) {}
        for (Case c : List.of(
                new Case(new Branding("", "#7fd1ae", null, null), "branding.productName"),
                new Case(new Branding("x".repeat(41), "#7fd1ae", null, null), "branding.productName"),
                new Case(new Branding("Acme", "blue", null, null), "branding.primaryColor"),
                // dark blue: the dark theme's text on it would be unreadable
                new Case(new Branding("Acme", "#1a2b6d", null, null), "branding.primaryColor"),
                new Case(new Branding("Acme", "#7fd1ae", "not-an-address", null), "branding.supportEmail"),
                new Case(new Branding("Acme", "#7fd1ae", null, "<script>x</script>"), "branding.legalFooter"),
                new Case(new Branding("Acme", "#7fd1ae", null, "y".repeat(501)), "branding.legalFooter"))) {
            fixture.givenNoPriorActivity()
                    .when(new SetBranding(ID, c.branding(), null, T0))
                    .expectException(InvalidInputException.class)
                    .expectExceptionMessage(containsString(c.field()))
                    .expectNoEvents();
        }
        // today's look passes its own rule
        assertThat(Branding.defaults().validated()).isEqualTo(Branding.defaults());
        assertThat(Branding.contrast("#ffffff", "#000000")).isEqualTo(21.0);
    }

    private static final byte[] PNG = {
        (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3
    };

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void theLogoIsRecognisedByItsBytesRecordedAndRemoved() throws Exception {
        String base64 = Base64.getEncoder().encodeToString(PNG);
        String sha = sha256(PNG);
        fixture.givenNoPriorActivity()
                .when(new SetBrandingLogo(ID, base64, "image/png", "new logo", T0))
                .expectEvents(new BrandingLogoChanged(ID, null, sha, "image/png", base64, PNG.length, "new logo", T0));
        fixture.given(new BrandingLogoChanged(ID, null, sha, "image/png", base64, PNG.length, null, T0))
                .when(new SetBrandingLogo(ID, base64, "image/png", null, T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(new BrandingLogoChanged(ID, null, sha, "image/png", base64, PNG.length, null, T0))
                .when(new SetBrandingLogo(ID, null, null, "gone", T1))
                .expectEvents(new BrandingLogoChanged(ID, sha, null, null, null, 0, "gone", T1));
    }

    @Test
    void aLogoThatIsNoPngJpegOrWebpOrTooBigIsRefusedNamingTheField() {
        String svg = Base64.getEncoder()
                .encodeToString("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] big = new byte[100 * 1024 + 1];
        System.arraycopy(PNG, 0, big, 0, PNG.length);
        for (String bad : List.of(svg, "not base64 !!", Base64.getEncoder().encodeToString(big))) {
            fixture.givenNoPriorActivity()
                    .when(new SetBrandingLogo(ID, bad, "image/png", null, T0))
                    .expectException(InvalidInputException.class)
                    .expectExceptionMessage(containsString("logo"))
                    .expectNoEvents();
        }
        // a declared type the bytes contradict
        fixture.givenNoPriorActivity()
                .when(new SetBrandingLogo(ID, Base64.getEncoder().encodeToString(PNG), "image/jpeg", null, T0))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("logo"))
                .expectNoEvents();
    }

    private static TradingSettings with(List<String> symbols, Timeframe timeframe) {
        return new TradingSettings(
                BUILT_IN.maxPositions(),
                BUILT_IN.riskPerTradePct(),
                BUILT_IN.dailyLossLimitPct(),
                BUILT_IN.maxDrawdownPct(),
                BUILT_IN.leverage(),
                BUILT_IN.positionMode(),
                BUILT_IN.adxThreshold(),
                timeframe,
                BUILT_IN.signalConfidence(),
                BUILT_IN.stopAtr(),
                BUILT_IN.takeProfitR(),
                symbols,
                BUILT_IN.strategy(),
                BUILT_IN.emaFast(),
                BUILT_IN.emaSlow());
    }
}
