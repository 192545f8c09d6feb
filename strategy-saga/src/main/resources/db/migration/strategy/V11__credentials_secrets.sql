-- The saga role's copy of each user's connected BingX key, kept from the credentials events by the
-- "credentials-store" processor: key-vault ciphertext only (bound to the user and field), decrypted
-- in memory by the CredentialsProvider for the one call that needs it. Also schedules the periodic
-- health checks (staggered per user). Rebuildable from events; a disconnected or erased user has no row.
create table credentials_secrets (
    user_id               uuid primary key,
    status                varchar(16)  not null,
    masked_api_key        varchar(8)   not null,
    api_key_ciphertext    text         not null,
    secret_key_ciphertext text         not null,
    attempt_id            varchar(64)  not null,
    health                varchar(16),
    next_health_check_at  timestamptz,
    updated_at            timestamptz  not null
);
create index credentials_secrets_due on credentials_secrets (next_health_check_at) where status = 'VERIFIED';
create index credentials_secrets_pending on credentials_secrets (updated_at) where status = 'PENDING';
