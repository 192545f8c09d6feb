-- Market feed (strategy-saga, feed package).
-- Durable holders of market data subscriptions: one row per (holder, symbol, timeframe). A stream
-- is wanted while any holder of its (symbol, timeframe) exists; the rows survive restarts and are
-- shared by every node on this database.
create table market_subscription_holder (
    holder      varchar(200) not null,
    symbol      varchar(40)  not null,
    timeframe   varchar(8)   not null,
    acquired_at timestamptz  not null default now(),
    primary key (holder, symbol, timeframe)
);

create index market_subscription_holder_stream on market_subscription_holder (symbol, timeframe);

-- One row per published CandleClosed, inserted in the same transaction that stores the event: a
-- second publication of the same candle (another node, a retry, a takeover) conflicts on the key
-- and publishes nothing.
create table market_candle_published (
    symbol           varchar(40)  not null,
    timeframe        varchar(8)   not null,
    open_time        timestamptz  not null,
    live             boolean      not null,
    event_identifier varchar(36)  not null,
    published_at     timestamptz  not null default now(),
    primary key (symbol, timeframe, open_time)
);
