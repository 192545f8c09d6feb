-- Users read model, written by the "users" projection (JDBC, inside Axon's unit of work) and read
-- through R2DBC.
create table users_view (
    id               uuid primary key,
    username         varchar(32)  not null,
    email            varchar(254) not null,
    role             varchar(16)  not null,
    active           boolean      not null,
    trading_enabled  boolean      not null,
    locked_until     timestamptz,
    last_login_at    timestamptz,
    last_login_ip    varchar(64),
    created_at       timestamptz  not null,
    settings         jsonb        not null
);
create unique index users_view_username_key on users_view (lower(username));

create table viewer_grants_view (
    viewer_id uuid not null references users_view (id) on delete cascade,
    trader_id uuid not null,
    granted_at timestamptz not null,
    primary key (viewer_id, trader_id)
);
create index viewer_grants_view_trader on viewer_grants_view (trader_id);
