package dev.trenddesk.strategy.credentials;

import dev.trenddesk.api.common.UserId;

/**
 * A Spring application event, published once the credentials store has committed a newly verified
 * key for the user (a first verification, or a replacement key promoted): holders of long-lived
 * resources signed with the previous key (user data streams) move to the new one.
 */
public record VerifiedKeyChanged(UserId userId) {}
