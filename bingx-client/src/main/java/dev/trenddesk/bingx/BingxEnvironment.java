package dev.trenddesk.bingx;

/** Where the client talks to: BingX live, BingX's VST demo (virtual funds), or a simulator at any URL. */
public enum BingxEnvironment {
    /** Real money: https://open-api.bingx.com. */
    LIVE("https://open-api.bingx.com", "wss://open-api-swap.bingx.com/swap-market"),
    /** BingX demo trading with virtual USDT: https://open-api-vst.bingx.com. */
    VST("https://open-api-vst.bingx.com", "wss://open-api-swap.bingx.com/swap-market"),
    /** A BingX-compatible simulator: base URL and WebSocket URL must be configured. */
    SIM(null, null);

    private final String defaultBaseUrl;
    private final String defaultWsUrl;

    BingxEnvironment(String defaultBaseUrl, String defaultWsUrl) {
        this.defaultBaseUrl = defaultBaseUrl;
        this.defaultWsUrl = defaultWsUrl;
    }

    /** The REST base URL of this environment, or null for {@link #SIM}. */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** The WebSocket URL of this environment, or null for {@link #SIM}. */
    public String defaultWsUrl() {
        return defaultWsUrl;
    }
}
