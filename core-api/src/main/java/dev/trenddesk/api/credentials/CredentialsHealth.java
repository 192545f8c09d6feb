package dev.trenddesk.api.credentials;

/** The result of the periodic health check of verified credentials. */
public enum CredentialsHealth {
    HEALTHY,
    UNHEALTHY
}
