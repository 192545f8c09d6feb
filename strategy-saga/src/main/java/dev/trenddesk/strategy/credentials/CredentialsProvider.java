package dev.trenddesk.strategy.credentials;

import dev.trenddesk.api.common.UserId;
import reactor.core.publisher.Mono;

/**
 * A user's exchange API key and secret, decrypted in memory for the one call that needs them. Never
 * log, store or return what this gives. Implemented by the credentials area; used by the
 * credentials verification and health checks and by order execution.
 */
public interface CredentialsProvider {

    /**
     * The user's verified key and the exchange it belongs to; empty when the user has none, or it is not
     * verified.
     */
    Mono<VerifiedKey> verifiedKey(UserId userId);
}
