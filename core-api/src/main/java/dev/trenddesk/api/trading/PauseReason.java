package dev.trenddesk.api.trading;

/**
 * Why a bot stopped opening positions. A pause by a person ({@link #TRADER}) is lifted by a person;
 * the platform's own pauses say what has to change before it lifts them itself.
 */
public enum PauseReason {
    /** The trader (or an admin on their behalf) paused the bot. */
    TRADER,
    /** BingX rejected the same intent three times in a row; the trader resumes after looking at why. */
    REJECTED_REPEATEDLY,
    /** The trader's BingX credentials failed; the bot resumes when a key verifies again. */
    CREDENTIALS,
    /** An admin engaged the platform's kill switch; the bot may be resumed by hand once it is released. */
    PLATFORM_HALT
}
