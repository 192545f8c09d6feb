package dev.trenddesk.api.credentials;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Every data key of the key vault was re-wrapped under the master key {@code masterKeyId} (a
 * fingerprint, not the key). Published without an aggregate; the admin who asked is in the
 * metadata. Also the answer to {@link CredentialsCommands.RotateMasterKey}.
 */
@Revision("1")
public record MasterKeyRotated(String rotationId, String masterKeyId, int rewrapped, int unreadable, Instant at) {}
