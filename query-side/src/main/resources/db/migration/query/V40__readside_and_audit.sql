-- Read side and audit log (issue 7). Written by projections with JDBC inside Axon's unit of work
-- (ADR 0004), read through R2DBC.

-- Every event, in processing order, with a hash chain: hash = SHA-256(previous_hash || canonical row).
create table audit_log (
    seq                bigint       primary key,
    event_id           varchar(64)  not null unique,
    occurred_at        timestamptz  not null,
    event_type         varchar(160) not null,
    aggregate_type     varchar(160),
    aggregate_id       varchar(160),
    aggregate_sequence bigint,
    user_id            varchar(64),
    actor_id           varchar(160),
    actor_role         varchar(32),
    client_ip          varchar(64),
    trace_id           varchar(160),
    payload            text         not null,
    previous_hash      char(64)     not null,
    hash               char(64)     not null
);
create index audit_log_user on audit_log (user_id, seq);
create index audit_log_actor on audit_log (actor_id, seq);
create index audit_log_aggregate on audit_log (aggregate_id, seq);
create index audit_log_type on audit_log (event_type, seq);
create index audit_log_time on audit_log (occurred_at, seq);

create table alerts_view (
    alert_id    varchar(160) primary key,
    user_id     uuid         not null,
    severity    varchar(16)  not null,
    kind        varchar(64)  not null,
    message     varchar(1000) not null,
    raised_at   timestamptz  not null,
    event_index bigint       not null
);
create index alerts_view_user on alerts_view (user_id, raised_at desc);

create table candles_view (
    symbol     varchar(32) not null,
    timeframe  varchar(8)  not null,
    open_time  timestamptz not null,
    open       numeric     not null,
    high       numeric     not null,
    low        numeric     not null,
    close      numeric     not null,
    volume     numeric     not null,
    adx        numeric,
    plus_di    numeric,
    minus_di   numeric,
    atr        numeric,
    live       boolean     not null,
    primary key (symbol, timeframe, open_time)
);
