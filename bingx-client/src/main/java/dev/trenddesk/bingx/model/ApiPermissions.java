package dev.trenddesk.bingx.model;

import java.util.List;
import java.util.Set;

/**
 * What BingX says about an API key itself ({@code GET /openApi/v1/account/apiPermissions}).
 *
 * @param permissions  the permissions recognised
 * @param ipWhitelist  the key's IP whitelist; empty when it has none (any IP may use it)
 * @param unrecognised entries of the permission list that matched no known number or name, as given
 */
public record ApiPermissions(Set<ApiPermission> permissions, List<String> ipWhitelist, List<String> unrecognised) {

    public ApiPermissions {
        permissions = Set.copyOf(permissions);
        ipWhitelist = List.copyOf(ipWhitelist);
        unrecognised = List.copyOf(unrecognised);
    }

    public boolean canTradePerpetualFutures() {
        return permissions.contains(ApiPermission.PERPETUAL_FUTURES_TRADING);
    }

    /** True when the key may withdraw or transfer funds: such a key must never be given to a bot. */
    public boolean canMoveFunds() {
        return permissions.stream().anyMatch(ApiPermission::movesFunds);
    }
}
