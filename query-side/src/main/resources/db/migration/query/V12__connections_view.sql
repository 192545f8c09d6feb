-- Connection status of each user's BingX key (GET /api/me/bingx and the admin overview), written by
-- the "connections" projection (JDBC inside Axon's unit of work), read through R2DBC. Never a
-- ciphertext, a secret or a full key: the key only masked to its last four characters.
create table connections_view (
    user_id           uuid primary key,
    status            varchar(16)    not null,
    masked_api_key    varchar(8),
    account_type      varchar(64),
    asset             varchar(16),
    balance           numeric(38, 8),
    position_mode     varchar(16),
    leverage          integer,
    connected_at      timestamptz,
    last_verified_at  timestamptz,
    last_checked_at   timestamptz,
    failure           varchar(32),
    failure_detail    varchar(200),
    health            varchar(16),
    health_reason     varchar(32),
    health_changed_at timestamptz,
    attempt_id        varchar(64),
    result_attempt_id varchar(64),
    updated_at        timestamptz    not null
);
