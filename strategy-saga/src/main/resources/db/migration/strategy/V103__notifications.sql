-- Notifications (issue 17, docs/notifications.md, ADR 0026). Operational state of the saga role.
-- notification_channels: a user's channels; the secret (webhook signing secret, Telegram bot token) is
-- encrypted by the key vault with the user's data key (base64), shown only by its mask.
create table notification_channels (
    user_id           uuid        not null,
    channel           varchar(16) not null,
    enabled           boolean     not null,
    target            text        not null,
    secret_ciphertext text        not null,
    secret_mask       varchar(16) not null,
    events            text        not null,
    updated_at        timestamptz not null,
    primary key (user_id, channel)
);

-- notification_deliveries: the outbox. One row per source event and channel (id = channel ':' source),
-- inserted in the notifications processor's transaction with its token (so exactly once per source event
-- and channel, also on redelivery and restart); the dispatcher claims due rows with FOR UPDATE SKIP LOCKED
-- while moving next_attempt_at ahead by a lease, so of several nodes one sends a row at a time and a
-- node that dies mid-send leaves it to be sent again after the lease. Never holds a secret.
create table notification_deliveries (
    id               varchar(200) primary key,
    user_id          uuid         not null,
    channel          varchar(16)  not null,
    kind             varchar(32)  not null,
    source_id        varchar(160) not null,
    title            text         not null,
    body             text         not null,
    details          text         not null,
    status           varchar(16)  not null,
    attempts         int          not null default 0,
    last_status_code int,
    last_error       text,
    created_at       timestamptz  not null,
    last_attempt_at  timestamptz,
    next_attempt_at  timestamptz,
    delivered_at     timestamptz
);
create index notification_deliveries_due on notification_deliveries (next_attempt_at)
    where status in ('PENDING', 'RETRYING');
create index notification_deliveries_user on notification_deliveries (user_id, created_at desc);
