-- The daily summary (issue 17, docs/notifications.md). What the notifications processor saw of each UTC day,
-- written in its transaction: the net P&L of every closed trade (one row per PositionClosed event, so a
-- redelivered or replayed event counts once) and the last equity reading of the day. The summary itself is an
-- outbox row with id '<channel>:summary:<day>:<user>', so it is queued once per day and channel whichever node
-- and however often the daily summary job runs. Rows older than a week are purged by that job.
create table notification_day_trades (
    event_id varchar(100) primary key,
    user_id  uuid         not null,
    day      date         not null,
    net_pnl  numeric      not null
);
create index notification_day_trades_user_day on notification_day_trades (user_id, day);

create table notification_day_equity (
    user_id     uuid        not null,
    day         date        not null,
    equity      numeric     not null,
    observed_at timestamptz not null,
    primary key (user_id, day)
);
