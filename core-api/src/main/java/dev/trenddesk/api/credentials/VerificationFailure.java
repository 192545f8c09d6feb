package dev.trenddesk.api.credentials;

/**
 * Why BingX did not accept a key, in words a person understands (the API shows {@link #message()}).
 */
public enum VerificationFailure {
    BAD_API_KEY("BingX does not know this API key (BingX code 100413): check that you copied the whole key and that "
            + "it was not deleted on BingX"),
    BAD_SIGNATURE("the secret key does not match the API key (BingX code 100001): copy the secret key again"),
    IP_NOT_WHITELISTED("this server's IP address is not on the key's IP whitelist (BingX code 100419): add it in "
            + "BingX's API management"),
    NO_TRADE_PERMISSION("the key may read but not trade perpetual futures (BingX code 100004): enable perpetual "
            + "futures trading for the key on BingX"),
    FUNDS_PERMISSION("the key may withdraw or transfer funds: TrendDesk refuses such keys. Create a key with only "
            + "read and perpetual futures trading permissions; never enable withdrawals or transfers"),
    EXCHANGE_UNREACHABLE("BingX could not be reached or answered with a server error: nothing is wrong with the key "
            + "as far as we know; try again in a few minutes"),
    CLOCK_REJECTED("BingX refused the request time (BingX code 100421): the server clock is off; tell the operator"),
    RATE_LIMITED("BingX is limiting our requests right now; try again in a minute"),
    REJECTED("BingX refused the key for another reason; see the BingX code in the details");

    private final String message;

    VerificationFailure(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
