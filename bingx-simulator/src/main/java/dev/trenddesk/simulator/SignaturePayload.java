package dev.trenddesk.simulator;

/**
 * Which form of the received parameter string the HMAC signature must cover. They differ only for
 * parameters whose values need URL encoding (the JSON of {@code stopLoss} / {@code takeProfit}).
 */
public enum SignaturePayload {
    /** The parameter string with every key and value URL-decoded ("raw", the default). */
    DECODED,
    /** The parameter string exactly as it arrived on the wire, still URL-encoded. */
    AS_RECEIVED
}
