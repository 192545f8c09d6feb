-- The verified key's permissions as BingX showed them (read-only; IP whitelist, comma-separated),
-- and a staged new key beside it: PENDING while verified, FAILED (with the reason) when refused; the
-- verified key stays the one shown as in use until the staged key is verified and replaces it.
-- Versioned above the existing migrations so that databases already at V41+ take it.
alter table connections_view
    add column read_only              boolean,
    add column ip_whitelist           varchar(1000),
    add column pending_masked_api_key varchar(8),
    add column pending_status         varchar(16),
    add column pending_attempt_id     varchar(64),
    add column pending_connected_at   timestamptz,
    add column pending_failure        varchar(32),
    add column pending_failure_detail varchar(200),
    add column pending_checked_at     timestamptz;
