-- Per-user trading read models (issue 7), kept by the "trading-views" projection from the
-- TradingSession events. JDBC inside Axon's unit of work; read through R2DBC.

create table account_view (
    user_id            uuid        primary key,
    equity             numeric     not null,
    available_balance  numeric,
    day_opening_equity numeric,
    equity_peak        numeric,
    baseline_equity    numeric     not null, -- initial balance of the user's first session: all-time P&L reference
    updated_at         timestamptz not null
);

create table sessions_view (
    session_id      uuid        primary key,
    user_id         uuid        not null,
    status          varchar(16) not null,
    started_at      timestamptz not null,
    updated_at      timestamptz not null,
    stopped_at      timestamptz,
    initial_balance numeric     not null,
    stop_reason     varchar(32),
    stop_detail     varchar(1000),
    trades          int         not null default 0,
    wins            int         not null default 0,
    losses          int         not null default 0,
    pnl             numeric     not null default 0
);
create index sessions_view_user on sessions_view (user_id, started_at desc);

create table positions_view (
    session_id      uuid        not null,
    user_id         uuid        not null,
    symbol          varchar(32) not null,
    side            varchar(8)  not null,
    position_side   varchar(8),
    quantity        numeric     not null,
    entry_price     numeric     not null,
    stop_loss       numeric,
    take_profit     numeric,
    client_order_id varchar(64),
    entry_fee       numeric,
    opened_at       timestamptz not null,
    primary key (session_id, symbol, side)
);
create index positions_view_user on positions_view (user_id);

create table orders_view (
    client_order_id   varchar(64)  primary key,
    user_id           uuid         not null,
    session_id        uuid         not null,
    symbol            varchar(32)  not null,
    intent            varchar(8),
    side              varchar(8),
    direction         varchar(8),
    quantity          numeric,
    stop_loss         numeric,
    take_profit       numeric,
    status            varchar(16)  not null,
    exchange_order_id varchar(64),
    fill_price        numeric,
    filled_quantity   numeric,
    fee               numeric,
    reject_code       int,
    reject_message    varchar(1000),
    requested_at      timestamptz  not null,
    updated_at        timestamptz  not null,
    event_index       bigint       not null
);
create index orders_view_user on orders_view (user_id, event_index desc);

create table trades_view (
    trade_id     varchar(64) primary key, -- the PositionClosed event's id
    user_id      uuid        not null,
    session_id   uuid        not null,
    symbol       varchar(32) not null,
    side         varchar(8)  not null,
    quantity     numeric     not null,
    entry_price  numeric     not null,
    exit_price   numeric     not null,
    realised_pnl numeric     not null,
    fees         numeric     not null,
    net_pnl      numeric     not null,
    reason       varchar(16) not null,
    closed_at    timestamptz not null,
    event_index  bigint      not null
);
create index trades_view_user on trades_view (user_id, event_index desc);

create table signals_view (
    signal_id   varchar(64) primary key, -- the event's id
    user_id     uuid        not null,
    session_id  uuid        not null,
    symbol      varchar(32) not null,
    side        varchar(8),
    candle_time timestamptz not null,
    adx         numeric,
    plus_di     numeric,
    minus_di    numeric,
    atr         numeric,
    confidence  numeric,
    outcome     varchar(16) not null, -- SIGNAL or SKIPPED
    reason_code varchar(64),
    reason      varchar(1000),
    at          timestamptz not null,
    event_index bigint      not null
);
create index signals_view_user on signals_view (user_id, event_index desc);
create index candles_view_latest on candles_view (symbol, open_time desc);
