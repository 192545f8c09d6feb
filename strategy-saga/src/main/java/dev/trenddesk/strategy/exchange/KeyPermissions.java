package dev.trenddesk.strategy.exchange;

import java.util.List;

/**
 * What an API key may do, as the exchange reports it.
 *
 * @param fundsRights the rights that move funds in words, e.g. "withdraw (5)"; empty when none
 */
public record KeyPermissions(
        boolean canTradePerpetualFutures, boolean canMoveFunds, String fundsRights, List<String> ipWhitelist) {

    public KeyPermissions {
        fundsRights = fundsRights == null ? "" : fundsRights;
        ipWhitelist = ipWhitelist == null ? List.of() : List.copyOf(ipWhitelist);
    }
}
