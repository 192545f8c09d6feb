-- The trading side's own ledger of sessions, their orders and positions (rebuildable from the
-- TradingSession events): which sessions to watch after a restart, which orders are still pending
-- (polling fallback for fills), which positions the session believes it holds (reconciliation).
create table trading_ledger_session (
    session_id      uuid primary key,
    user_id         uuid         not null,
    status          varchar(16)  not null,
    settings        text         not null,
    initial_balance numeric(38, 12) not null,
    started_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    stop_reason     varchar(32),
    stop_detail     varchar(500)
);
create index trading_ledger_session_user on trading_ledger_session (user_id, started_at desc);

create table trading_ledger_order (
    client_order_id varchar(40)  primary key,
    session_id      uuid         not null,
    symbol          varchar(32)  not null,
    intent          varchar(8)   not null,
    status          varchar(16)  not null,
    requested_at    timestamptz  not null
);
create index trading_ledger_order_pending on trading_ledger_order (session_id) where status in ('REQUESTED', 'PLACED');

create table trading_ledger_position (
    session_id    uuid         not null,
    symbol        varchar(32)  not null,
    side          varchar(8)   not null,
    position_side varchar(8)   not null,
    quantity      numeric(38, 12) not null,
    entry_price   numeric(38, 12) not null,
    stop_loss     numeric(38, 12),
    take_profit   numeric(38, 12),
    opened_at     timestamptz  not null,
    primary key (session_id, symbol)
);

-- Exactly-once execution: a row is written before an order is first sent, so a redelivered request
-- (crash, restart) knows it must first ask BingX for the clientOrderId instead of sending blindly.
-- Not rebuilt on reset: it records what was sent to the exchange, which no replay can undo.
create table trading_order_attempt (
    client_order_id varchar(40) primary key,
    first_sent_at   timestamptz not null,
    attempts        integer     not null
);
