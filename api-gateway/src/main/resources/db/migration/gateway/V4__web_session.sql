-- Server-side login sessions, shared by every gateway node. The cookie holds a random token; only
-- its SHA-256 is stored, so a leaked table cannot be replayed as cookies.
create table web_session (
    token_hash      bytea       primary key,
    user_id         uuid        not null,
    client_ip       varchar(64),
    created_at      timestamptz not null,
    last_seen_at    timestamptz not null,
    expires_at      timestamptz not null
);
create index web_session_user on web_session (user_id);
